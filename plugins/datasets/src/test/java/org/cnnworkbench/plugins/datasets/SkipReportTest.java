package org.cnnworkbench.plugins.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SkipReportTest {

    @Test
    void warnsInOneLineWithTheCountTheTotalAndTheFirstThreePaths() {
        SkipReport report = new SkipReport();
        report.considered(1204);
        report.skip("cat/a.jpg", "is not a PNG, JPEG, BMP or GIF image");
        report.skip("cat/b.png", "could not be decoded (Error reading PNG image data)");
        report.skip("dog/c.gif", "is not a PNG, JPEG, BMP or GIF image");
        report.skip("dog/d.gif", "is not a PNG, JPEG, BMP or GIF image");

        assertThat(report.skipped()).isEqualTo(4);
        assertThat(report.warning())
                .isEqualTo("image-folder: skipped 4 unreadable files of 1,204 (first: cat/a.jpg, cat/b.png, dog/c.gif)");
        assertThat(report.failure("strict")).isEqualTo("4 of 1,204 image files could not be read (first 3): cat/a.jpg is"
                + " not a PNG, JPEG, BMP or GIF image; cat/b.png could not be decoded (Error reading PNG image data);"
                + " dog/c.gif is not a PNG, JPEG, BMP or GIF image. Fix or remove them, or set strict: false to skip"
                + " unreadable files");
    }

    @Test
    void oneSkippedFileIsNamedWithoutFirst() {
        SkipReport report = new SkipReport();
        report.considered(12);
        report.skip("a.jpg", "is not a PNG, JPEG, BMP or GIF image");

        assertThat(report.warning()).isEqualTo("image-folder: skipped 1 unreadable file of 12 (a.jpg)");
    }
}
