package org.cnnworkbench.engine.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.cnnworkbench.engine.query.Expr.And;
import org.cnnworkbench.engine.query.Expr.Compare;
import org.cnnworkbench.engine.query.Expr.In;
import org.cnnworkbench.engine.query.Expr.IsNull;
import org.cnnworkbench.engine.query.Expr.Like;
import org.cnnworkbench.engine.query.Expr.Not;
import org.cnnworkbench.engine.query.Expr.Op;
import org.cnnworkbench.engine.query.Expr.Or;
import org.cnnworkbench.engine.query.Expr.Value;
import org.junit.jupiter.api.Test;

class RunFilterTest {

    private static Expr parse(String s) {
        return RunFilter.parse(s).root();
    }

    private static QueryException error(String s) {
        try {
            RunFilter.parse(s);
        } catch (QueryException e) {
            return e;
        }
        throw new AssertionError("parsed: " + s);
    }

    @Test
    void mlflowExamplesParse() {
        assertThat(parse("metrics.accuracy > 0.9 and params.model = 'cnn'")).isEqualTo(new And(
                new Compare(new Field(Field.Kind.METRIC, "accuracy"), Op.GT, new Value("0.9", 0.9)),
                new Compare(new Field(Field.Kind.PARAM, "model"), Op.EQ, new Value("cnn", null))));
        assertThat(parse("metrics.rmse < 1 and params.model = \"tree\"")).isInstanceOf(And.class);
        assertThat(parse("`tags.mlflow.source.type` = 'LOCAL'"))
                .isEqualTo(new Compare(new Field(Field.Kind.TAG, "mlflow.source.type"), Op.EQ, new Value("LOCAL", null)));
        assertThat(parse("params.optimizer LIKE 'ad%' AND metrics.loss <= 0.5")).isInstanceOf(And.class);
    }

    @Test
    void andBindsTighterThanOrAndParenthesesRegroup() {
        Expr e = parse("epochs = 1 or epochs = 2 and epochs = 3");
        assertThat(e).isInstanceOf(Or.class);
        assertThat(((Or) e).right()).isInstanceOf(And.class);
        Expr p = parse("(epochs = 1 or epochs = 2) and epochs = 3");
        assertThat(p).isInstanceOf(And.class);
        assertThat(((And) p).left()).isInstanceOf(Or.class);
        assertThat(parse("not epochs = 1 and epochs = 2")).isInstanceOf(And.class);
        assertThat(((And) parse("not epochs = 1 and epochs = 2")).left()).isInstanceOf(Not.class);
    }

    @Test
    void keywordsInAnyCaseAndEveryOperator() {
        assertThat(parse("EPOCHS In (1, 2) AnD Note iLiKe '%x%' oR tags.a Is NoT nUlL"))
                .isEqualTo(new Or(new And(
                        new In(new Field(Field.Kind.COLUMN, "epochs"), List.of(new Value("1", 1.0), new Value("2", 2.0)), false),
                        new Like(new Field(Field.Kind.COLUMN, "note"), "%x%", true, false)),
                        new IsNull(new Field(Field.Kind.TAG, "a"), true)));
        for (String op : List.of("=", "==", "!=", "<>", "<", "<=", ">", ">=")) {
            assertThat(parse("epochs " + op + " 3")).isInstanceOf(Compare.class);
        }
        assertThat(parse("params.x not in (0.01, 'sgd')")).isEqualTo(new In(new Field(Field.Kind.PARAM, "x"),
                List.of(new Value("0.01", 0.01), new Value("sgd", null)), true));
        assertThat(parse("experiment not like 'a%'")).isEqualTo(new Like(new Field(Field.Kind.COLUMN, "experiment"), "a%", false, true));
        assertThat(parse("test_loss is null")).isEqualTo(new IsNull(new Field(Field.Kind.COLUMN, "test_loss"), false));
    }

    @Test
    void parametersCompareNumericallyWhenTheLiteralIsANumberQuotedOrNot() {
        assertThat(((Compare) parse("params.lr = '1e-2'")).value()).isEqualTo(new Value("1e-2", 0.01));
        assertThat(((Compare) parse("params.lr = -.5")).value()).isEqualTo(new Value("-.5", -0.5));
        assertThat(((Compare) parse("params.opt = 'sgd'")).value().numeric()).isFalse();
        assertThat(((Compare) parse("experiment = 12")).value()).isEqualTo(new Value("12", null));
    }

    @Test
    void fieldsOfEveryKind() {
        assertThat(((Compare) parse("params.architecture.params.dropout > 0.1")).field())
                .isEqualTo(new Field(Field.Kind.PARAM, "architecture.params.dropout"));
        assertThat(((Compare) parse("max.val_accuracy > 0.1")).field()).isEqualTo(new Field(Field.Kind.MAX, "val_accuracy"));
        assertThat(((Compare) parse("min.val_loss < 1")).field()).isEqualTo(new Field(Field.Kind.MIN, "val_loss"));
        assertThat(((Compare) parse("Overfitting.Onset_Epoch >= 3")).field()).isEqualTo(new Field(Field.Kind.OVERFITTING, "onset_epoch"));
        assertThat(((Compare) parse("params.layers[0].units = 32")).field()).isEqualTo(new Field(Field.Kind.PARAM, "layers[0].units"));
        assertThat(((Compare) parse("created > '2026-01-31'")).value().number()).isEqualTo(1_769_817_600_000.0);
        assertThat(((Compare) parse("status = 'COMPLETED'")).value().text()).isEqualTo("completed");
    }

    @Test
    void errorsSayWhatAndWhereWithACaret() {
        QueryException e = error("epochs > 3 and");
        assertThat(e.column()).isEqualTo(15);
        assertThat(e.problem()).isEqualTo("expected a field, found the end");
        assertThat(e.caret()).isEqualTo("epochs > 3 and\n              ^");
        assertThat(error("epochs >> 3").column()).isEqualTo(9);
        assertThat(error("bogus = 1").problem()).startsWith("unknown field 'bogus'").contains("params.<path>");
        assertThat(error("epochs = 'many'").problem()).isEqualTo("epochs is a number; found 'many'");
        assertThat(error("metrics.loss like '%1'").problem()).contains("needs a text field");
        assertThat(error("note = 'unterminated").column()).isEqualTo(8);
        assertThat(error("(epochs = 1").problem()).isEqualTo("expected ')' to close the '(' at column 1, found the end");
        assertThat(error("epochs in (1, 2").column()).isEqualTo(16);
        assertThat(error("epochs = 1 epochs = 2").problem()).startsWith("expected 'and', 'or' or the end");
        assertThat(error("status = 'runing'").problem()).startsWith("status 'runing' is not one of");
        assertThat(error("overfitting.bogus = 1").problem()).contains("onset_epoch");
        assertThat(error("epochs = 1 ; drop table trial").column()).isEqualTo(12);
        assertThat(error("epochs = 1 -- comment").column()).isEqualTo(12);
        assertThat(error("epochs = 1 /* c */").column()).isEqualTo(12);
        assertThat(error("").problem()).isEqualTo("the filter is empty");
        assertThat(error("params. = 1").problem()).contains("needs a key");
        assertThat(error("and = 1").problem()).isEqualTo("expected a field, found 'and'");
        assertThat(error("epochs is 3").problem()).isEqualTo("expected 'null' or 'not null' after 'is', found '3'");
        assertThat(error("(".repeat(300) + "epochs = 1" + ")".repeat(300)).problem()).contains("nested too deeply");
    }

    @Test
    void hostileStringsAreValuesNotSyntax() {
        Compare c = (Compare) parse("note = 'x''; DROP TABLE trial; --'");
        assertThat(c.value().text()).isEqualTo("x'; DROP TABLE trial; --");
        Compare d = (Compare) parse("params.`a'b\"c` = \"1\"\"2\"");
        assertThat(d.field().name()).isEqualTo("a'b\"c");
        assertThat(d.value().text()).isEqualTo("1\"2");
    }

    @Test
    void plainWordsAreNotFilters() {
        assertThat(RunFilter.looksLikeFilter("augment cifar")).isFalse();
        assertThat(RunFilter.looksLikeFilter("r12")).isFalse();
        assertThat(RunFilter.looksLikeFilter("epochs > 3")).isTrue();
        assertThat(RunFilter.looksLikeFilter("note like '%a%'")).isTrue();
        assertThat(RunFilter.looksLikeFilter("note = 'open")).isTrue();
    }

    @Test
    void ordersReadFieldsAndDirections() {
        assertThat(RunOrder.parse("max.val_accuracy desc, created")).containsExactly(
                new RunOrder.Key(new Field(Field.Kind.MAX, "val_accuracy"), true),
                new RunOrder.Key(new Field(Field.Kind.COLUMN, "created"), false));
        assertThat(RunOrder.parse("params.lr ASC")).containsExactly(new RunOrder.Key(new Field(Field.Kind.PARAM, "lr"), false));
        assertThatThrownBy(() -> RunOrder.parse("created sideways")).isInstanceOf(QueryException.class)
                .hasMessageContaining("column 9");
        assertThatThrownBy(() -> RunOrder.parse("nope")).isInstanceOf(QueryException.class).hasMessageContaining("unknown field");
    }
}
