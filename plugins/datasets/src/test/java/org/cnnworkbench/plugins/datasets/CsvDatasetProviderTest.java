package org.cnnworkbench.plugins.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.cnnworkbench.api.DataSource;
import org.cnnworkbench.api.DatasetSplits;
import org.cnnworkbench.api.InputShape;
import org.cnnworkbench.api.Params;
import org.cnnworkbench.api.PluginInputException;
import org.cnnworkbench.testkit.TestParams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvDatasetProviderTest {
    private final CsvDatasetProvider provider = new CsvDatasetProvider();

    @TempDir
    Path tmp;

    private Params params(Object... values) {
        return TestParams.of(provider, values);
    }

    private Path csv(String name, String... lines) throws IOException {
        return Files.writeString(tmp.resolve(name), String.join("\n", lines) + "\n");
    }

    /**
     * {@code rows} rows of 3 features and a label (0/1 alternating): row r has features r, 2r + 1,
     * r * r (column "b" second), header "a,label,b,c" (label second, to show it is found by name).
     */
    private Path telemetry(int rows) throws IOException {
        List<String> lines = new ArrayList<>(List.of("a,label,b,c"));
        for (int r = 0; r < rows; r++) {
            lines.add(r + "," + (r % 2) + "," + (2 * r + 1) + "," + (r * r));
        }
        return Files.write(tmp.resolve("telemetry.csv"), lines);
    }

    private static float[] sample(DataSource source, int index, InputShape shape) {
        float[] values = new float[shape.size()];
        source.read(index, values, 0);
        return values;
    }

    private static List<float[]> all(DataSource source, InputShape shape) {
        List<float[]> samples = new ArrayList<>();
        for (int i = 0; i < source.size(); i++) {
            samples.add(sample(source, i, shape));
        }
        return samples;
    }

    @Test
    void eachRowIsASequenceOfItsFeaturesWithOneChannel() throws IOException {
        DatasetSplits splits = provider.load(params("path", telemetry(10), "normalize", "none",
                "validation_split", 0.0, "test_split", 0.0), 1);

        assertThat(splits.shape()).isEqualTo(InputShape.sequence(1, 3));
        assertThat(splits.classNames()).containsExactly("0", "1");
        assertThat(splits.train().size()).isEqualTo(10);
        assertThat(splits.validation()).isNull();
        assertThat(splits.test()).isNull();
        assertThat(sample(splits.train(), 7, splits.shape())).containsExactly(7f, 15f, 49f);
        assertThat(splits.train().label(7)).isEqualTo(1);
    }

    @Test
    void holdsOutStratifiedSeededTestAndValidationShares() throws IOException {
        Path file = telemetry(100);

        DatasetSplits splits = provider.load(params("path", file), 9);

        assertThat(Cifar10DatasetProviderTest.perClass(splits.test(), 2)).containsExactly(5, 5);
        assertThat(Cifar10DatasetProviderTest.perClass(splits.validation(), 2)).containsExactly(5, 5);
        assertThat(Cifar10DatasetProviderTest.perClass(splits.train(), 2)).containsExactly(40, 40);
        DatasetSplits again = provider.load(params("path", file), 9);
        DatasetSplits other = provider.load(params("path", file), 10);
        assertThat(all(again.test(), again.shape())).usingRecursiveComparison()
                .isEqualTo(all(splits.test(), splits.shape()));
        assertThat(all(other.test(), other.shape())).usingRecursiveComparison()
                .isNotEqualTo(all(splits.test(), splits.shape()));
    }

    @Test
    void standardisesEveryPartWithTheStatisticsOfTheTrainingRowsOnly() throws IOException {
        Path file = telemetry(60);
        DatasetSplits raw = provider.load(params("path", file, "normalize", "none"), 3);
        DatasetSplits scaled = provider.load(params("path", file), 3);

        double[] mean = new double[3];
        double[] deviation = new double[3];
        List<float[]> training = all(raw.train(), raw.shape());
        for (int f = 0; f < 3; f++) {
            final int feature = f;
            mean[f] = training.stream().mapToDouble(s -> s[feature]).average().orElseThrow();
            deviation[f] = Math.sqrt(training.stream().mapToDouble(s -> Math.pow(s[feature] - mean[feature], 2))
                    .average().orElseThrow());
        }
        // The statistics of all 60 rows differ from the training rows': a leak would show.
        assertThat(mean[2]).isNotCloseTo(all(60).stream().mapToDouble(s -> s[2]).average().orElseThrow(), within(1.0));
        for (DataSource[] pair : new DataSource[][] {{raw.train(), scaled.train()}, {raw.test(), scaled.test()},
                {raw.validation(), scaled.validation()}}) {
            for (int i = 0; i < pair[0].size(); i++) {
                float[] before = sample(pair[0], i, raw.shape());
                float[] after = sample(pair[1], i, raw.shape());
                for (int f = 0; f < 3; f++) {
                    assertThat((double) after[f]).isCloseTo((before[f] - mean[f]) / deviation[f], within(1e-4));
                }
            }
        }
    }

    private static List<float[]> all(int rows) {
        List<float[]> samples = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            samples.add(new float[] {r, 2 * r + 1, r * r});
        }
        return samples;
    }

    @Test
    void minmaxMapsTheTrainingRangeToZeroOne() throws IOException {
        DatasetSplits splits = provider.load(params("path", telemetry(40), "normalize", "minmax"), 2);

        for (int f = 0; f < 3; f++) {
            final int feature = f;
            List<float[]> training = all(splits.train(), splits.shape());
            assertThat(training.stream().mapToDouble(s -> s[feature]).min().orElseThrow()).isCloseTo(0, within(1e-6));
            assertThat(training.stream().mapToDouble(s -> s[feature]).max().orElseThrow()).isCloseTo(1, within(1e-6));
        }
    }

    @Test
    void aConstantColumnBecomesZero() throws IOException {
        Path file = csv("constant.csv", "x,y,label", "5,1,a", "5,2,b", "5,3,a", "5,4,b");

        DatasetSplits splits = provider.load(params("path", file, "validation_split", 0.0, "test_split", 0.0), 1);

        assertThat(sample(splits.train(), 0, splits.shape())[0]).isZero();
    }

    @Test
    void aWindowOfRowsIsOneSampleWithAChannelPerFeatureLabelledByItsLastRow() throws IOException {
        DatasetSplits splits = provider.load(params("path", telemetry(10), "window", 4, "normalize", "none",
                "validation_split", 0.0, "test_split", 0.0), 1);

        assertThat(splits.shape()).isEqualTo(InputShape.sequence(3, 4));
        assertThat(splits.train().size()).isEqualTo(7);
        // Sample 2 is rows 2..5: channel a = 2,3,4,5; channel b = 5,7,9,11; channel c = 4,9,16,25.
        assertThat(sample(splits.train(), 2, splits.shape()))
                .containsExactly(2, 3, 4, 5, 5, 7, 9, 11, 4, 9, 16, 25);
        assertThat(splits.train().label(2)).isEqualTo(1);
        assertThat(splits.train().label(3)).isEqualTo(0);
    }

    @Test
    void strideSpacesTheWindows() throws IOException {
        DatasetSplits splits = provider.load(params("path", telemetry(11), "window", 3, "stride", 3,
                "normalize", "none", "validation_split", 0.0, "test_split", 0.0), 1);

        assertThat(splits.train().size()).isEqualTo(3);
        assertThat(sample(splits.train(), 2, splits.shape())[0]).isEqualTo(6f);
    }

    @Test
    void windowStatisticsComeFromTheRowsOfTrainingWindows() throws IOException {
        DatasetSplits splits = provider.load(params("path", telemetry(60), "window", 3, "stride", 3,
                "validation_split", 0.0, "test_split", 0.2), 4);

        List<float[]> training = all(splits.train(), splits.shape());
        double sum = training.stream().mapToDouble(s -> s[0] + s[1] + s[2]).sum();
        assertThat(sum / (3 * training.size())).as("mean of feature a over training rows").isCloseTo(0, within(1e-5));
    }

    @Test
    void refusesAWindowLongerThanTheFile() throws IOException {
        Path file = telemetry(5);

        assertThatThrownBy(() -> provider.load(params("path", file, "window", 6), 1))
                .isInstanceOf(PluginInputException.class)
                .hasMessage("window: 6 rows per sample, but " + file + " has only 5 data rows; choose a smaller window");
    }

    @Test
    void textLabelsBecomeSortedClassesAndClassNamesMustListThemAll() throws IOException {
        Path file = csv("animals.csv", "w,h,kind", "1,2,dog", "3,4,cat", "5,6,\"bird, small\"", "7,8,cat");

        DatasetSplits sorted = provider.load(params("path", file, "label_column", "kind", "validation_split", 0.0,
                "test_split", 0.0), 1);

        assertThat(sorted.classNames()).containsExactly("bird, small", "cat", "dog");
        assertThat(Cifar10DatasetProviderTest.labels(sorted.train())).containsExactly(2, 1, 0, 1);
        assertThatThrownBy(() -> provider.load(params("path", file, "label_column", "kind",
                "class_names", "cat,dog,horse"), 1))
                .isInstanceOf(PluginInputException.class)
                .hasMessage("class_names must list each label of the label column 'kind' of " + file + " once, in the"
                        + " order wanted: it lacks bird, small; horse never occurs (labels found: bird, small, cat, dog)");
    }

    @Test
    void classNamesNameTextLabelsInTheirOrder() throws IOException {
        Path file = csv("animals.csv", "w,h,kind", "1,2,dog", "3,4,cat", "7,8,cat");

        DatasetSplits splits = provider.load(params("path", file, "label_column", "kind", "validation_split", 0.0,
                "test_split", 0.0, "class_names", "dog,cat"), 1);

        assertThat(splits.classNames()).containsExactly("dog", "cat");
        assertThat(Cifar10DatasetProviderTest.labels(splits.train())).containsExactly(0, 1, 1);
    }

    @Test
    void numericLabelsAreOrderedByValueAndOneNumberWrittenTwoWaysIsOneClass() throws IOException {
        Path file = csv("n.csv", "x,label", "1,2", "2,1.0", "3,-1", "4,1", "5,2.0");

        DatasetSplits splits = provider.load(params("path", file, "validation_split", 0.0, "test_split", 0.0), 1);
        DatasetSplits named = provider.load(params("path", file, "validation_split", 0.0, "test_split", 0.0,
                "class_names", "low,mid,high"), 1);

        assertThat(splits.classNames()).containsExactly("-1", "1", "2");
        assertThat(Cifar10DatasetProviderTest.labels(splits.train())).containsExactly(2, 1, 0, 1, 2);
        assertThat(named.classNames()).containsExactly("low", "mid", "high");
        assertThatThrownBy(() -> provider.load(params("path", file, "class_names", "a,b"), 1))
                .hasMessage("class_names: 2 names given, but the label column 'label' of " + file + " has 3 distinct"
                        + " values (-1, 1, 2); give one name per value, in ascending order of the values");
    }

    @Test
    void withoutAHeaderTheLabelColumnIsAnIndexCountingFromTheEnd() throws IOException {
        Path file = csv("plain.csv", "1;2;x", "3;4;y", "5;6;x");

        DatasetSplits splits = provider.load(params("path", file, "header", false, "delimiter", ";",
                "label_column", "-1", "normalize", "none", "validation_split", 0.0, "test_split", 0.0), 1);
        DatasetSplits first = provider.load(params("path", csv("numbers.csv", "1,2", "3,4", "5,6"), "header", false,
                "label_column", "0", "normalize", "none", "validation_split", 0.0, "test_split", 0.0), 1);

        assertThat(splits.shape()).isEqualTo(InputShape.sequence(1, 2));
        assertThat(sample(splits.train(), 1, splits.shape())).containsExactly(3f, 4f);
        assertThat(first.classNames()).containsExactly("1", "3", "5");
        assertThatThrownBy(() -> provider.load(params("path", file, "header", false, "delimiter", ";"), 1))
                .isInstanceOf(PluginInputException.class)
                .hasMessage("label_column: 'label' is a name, but " + file + " has no header (header: false); give the"
                        + " label column's 0-based index (0 to 2, or -1 for the last)");
        assertThatThrownBy(() -> provider.load(params("path", file, "header", false, "delimiter", ";",
                "label_column", "3"), 1))
                .hasMessage("label_column: 3 is not a column of " + file + ", which has 3 columns (0 to 2, or -1 for"
                        + " the last)");
    }

    @Test
    void readsTabsQuotesBlankLinesAndAByteOrderMark() throws IOException {
        Path file = tmp.resolve("tabs.tsv");
        Files.write(file, ("\uFEFFlabel\tx\ty\n\n\"a\"\t1\t2\n  \nb\t3\t\"4\"\n").getBytes(StandardCharsets.UTF_8));

        DatasetSplits splits = provider.load(params("path", file, "delimiter", "\\t", "normalize", "none",
                "validation_split", 0.0, "test_split", 0.0), 1);

        assertThat(splits.classNames()).containsExactly("a", "b");
        assertThat(sample(splits.train(), 1, splits.shape())).containsExactly(3f, 4f);
    }

    @Test
    void namesTheFileLineAndColumnOfABadRow() throws IOException {
        Path ragged = csv("ragged.csv", "a,b,label", "1,2,0", "", "3,1", "4,5,1");
        Path words = csv("words.csv", "a,b,label", "1,2,0", "1,two,1");
        Path empty = csv("empty.csv", "a,b,label", "1,2,0", "1,2, ");

        assertThatThrownBy(() -> provider.load(params("path", ragged), 1))
                .isInstanceOf(PluginInputException.class)
                .hasMessage("path: " + ragged + ", line 4 has 2 fields, but the header has 3 (delimiter ',');"
                        + " every row needs the same number of fields");
        assertThatThrownBy(() -> provider.load(params("path", words), 1))
                .hasMessage("path: " + words + ", line 3 column 'b' (index 1): 'two' is not a finite number; every column"
                        + " but the label column ('label' (index 2)) must hold numbers");
        assertThatThrownBy(() -> provider.load(params("path", empty), 1))
                .hasMessage("path: " + empty + ", line 3 has an empty label (column 'label' (index 2)); every row needs"
                        + " a label");
    }

    @Test
    void refusesNonFiniteNumbersAnUnknownLabelColumnAndASingleColumn() throws IOException {
        Path nan = csv("nan.csv", "a,label", "NaN,0", "1,1");
        Path single = csv("single.csv", "a;b;label", "1;2;0");

        assertThatThrownBy(() -> provider.load(params("path", nan), 1))
                .hasMessageContaining("line 2 column 'a' (index 0): 'NaN' is not a finite number");
        assertThatThrownBy(() -> provider.load(params("path", nan, "label_column", "class"), 1))
                .hasMessage("label_column: 'class' is not a column of " + nan + "; its header has a, label. Give one of"
                        + " these names, or a 0-based column index");
        assertThatThrownBy(() -> provider.load(params("path", single), 1))
                .hasMessage("path: " + single + ", line 1 has 1 column (delimiter ','); a CSV dataset needs at least one"
                        + " feature column and a label column. Is the delimiter right?");
    }

    @Test
    void refusesAFileWithoutRowsOrWithOneClassOrWithAFeatureAsLabel() throws IOException {
        Path header = csv("header.csv", "a,label");
        Path one = csv("one.csv", "a,label", "1,x", "2,x");
        List<String> lines = new ArrayList<>(List.of("a,label"));
        for (int r = 0; r <= CsvClasses.MAX_CLASSES; r++) {
            lines.add(r + "," + (r * 0.5));
        }
        Path continuous = Files.write(tmp.resolve("continuous.csv"), lines);

        assertThatThrownBy(() -> provider.load(params("path", header), 1))
                .hasMessage("path: " + header + " has no data rows after its header; give a CSV file with a row per"
                        + " sample");
        assertThatThrownBy(() -> provider.load(params("path", one), 1))
                .hasMessage("the label column 'label' of " + one + " has only one value (x); a classification dataset"
                        + " needs at least 2 classes. Is label_column the right column?");
        assertThatThrownBy(() -> provider.load(params("path", continuous), 1))
                .hasMessageContaining("has 10,001 distinct values, more than the 10,000 classes allowed; is it a feature"
                        + " column?");
    }

    @Test
    void refusesATextFileThatIsNotUtf8() throws IOException {
        Path latin1 = Files.write(tmp.resolve("latin1.csv"), "a,label\n1,caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> provider.load(params("path", latin1), 1))
                .isInstanceOf(PluginInputException.class)
                .hasMessageStartingWith("path: " + latin1 + " is not UTF-8 text");
    }

    @Test
    void digestIsTheSha256OfTheFile() throws Exception {
        Path file = telemetry(20);

        String digest = provider.load(params("path", file), 1).digest();

        assertThat(digest).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(file))));
    }

    @Test
    void declaresItsParameters() {
        assertThat(provider.id()).isEqualTo("csv");
        assertThat(provider.parameters()).extracting(spec -> spec.name()).containsExactly("path", "label_column",
                "header", "delimiter", "validation_split", "test_split", "window", "stride", "normalize", "class_names");
        assertThat(provider.parameters().get(8).allowed()).containsExactly("none", "standard", "minmax");
        assertThat(provider.parameters().get(8).defaultValue()).isEqualTo("standard");
    }
}
