package org.cnnworkbench.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.cnnworkbench.engine.query.RunFilter;
import org.cnnworkbench.engine.store.NewRun;
import org.cnnworkbench.engine.store.NewSweep;
import org.cnnworkbench.engine.store.RunCuration;
import org.cnnworkbench.engine.store.RunQuery;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class H2RunCurationTest extends H2HomeTest {
    private H2RunCuration curation;

    @BeforeEach
    void openCuration() {
        curation = new H2RunCuration(db);
    }

    @Test
    void notesOfRunsAndSweepsAreSetClearedReadAndSearchable() {
        String a = runs.startRun(new NewRun("e", "{}", "{}", 1, "{}", null));
        String b = runs.startRun(new NewRun("e", "{}", "{}", 1, "{}", null));
        String sweep = new H2SweepStore(db).createSweep(new NewSweep("e", "{}", "random", null, "val_accuracy", "maximize", "best", 1,
                2, null, 1));
        assertThat(curation.setNote(a, "  tried more Augmentation  ")).isTrue();
        assertThat(curation.setNote(b, "baseline")).isTrue();
        assertThat(curation.setNote(sweep, "the lr sweep")).isTrue();
        assertThat(curation.notes(List.of(a, b, sweep, "r999", "bogus"))).isEqualTo(Map.of(a, "tried more Augmentation", b, "baseline",
                sweep, "the lr sweep"));
        assertThat(new H2RunQueries(db).query(RunQuery.newest(10).with(RunFilter.parse("note ilike '%augment%'"), List.of()))
                .rows()).extracting(r -> r.summary().id()).containsExactly(a);
        assertThat(curation.setNote(b, " ")).isTrue();
        assertThat(curation.notes(List.of(b))).isEmpty();
        assertThat(curation.setNote("r999", "x")).isFalse();
        assertThat(curation.setNote("s999", "x")).isFalse();
        assertThat(curation.setNote("x'; DROP TABLE trial; --", "x")).isFalse();
        assertThatThrownBy(() -> curation.setNote(a, "x".repeat(RunCuration.MAX_NOTE + 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 10000 characters");
        assertThat(curation.notes(List.of(a))).containsEntry(a, "tried more Augmentation");
    }
}
