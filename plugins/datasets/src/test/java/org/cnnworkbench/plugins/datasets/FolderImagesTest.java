package org.cnnworkbench.plugins.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.cnnworkbench.api.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderImagesTest {
    @TempDir
    Path tmp;

    @Test
    void theResultDoesNotDependOnTheNumberOfThreads() throws IOException {
        for (int i = 0; i < 9; i++) {
            ImageFiles.solid(tmp.resolve("a/" + i + ".png"), 5 + i, 7, i * 25 * 0x010101);
            ImageFiles.solid(tmp.resolve("b/" + i + ".png"), 7, 5 + i, (255 - i * 25) * 0x010000);
        }
        ImageFiles.corrupt(tmp.resolve("a/4x.png"));
        ClassFolders folder = ClassFolders.scan("dir", tmp, 0);
        ImageDecoder decoder = new ImageDecoder(6, 6, false);

        SkipReport oneSkips = new SkipReport();
        SkipReport manySkips = new SkipReport();
        FolderImages.Loaded one = new FolderImages(decoder, 1).load(folder, true, oneSkips, "");
        FolderImages.Loaded many = new FolderImages(decoder, 4).load(folder, true, manySkips, "");

        assertThat(oneSkips.warning()).isEqualTo(manySkips.warning())
                .isEqualTo("image-folder: skipped 1 unreadable file of 19 (a/4x.png)");
        assertThat(one.perClass()).containsExactly(9, 9);
        assertThat(values(many.source())).isEqualTo(values(one.source()));
    }

    private static String values(DataSource source) {
        StringBuilder text = new StringBuilder();
        float[] sample = new float[108];
        for (int i = 0; i < source.size(); i++) {
            source.read(i, sample, 0);
            text.append(source.label(i)).append(java.util.Arrays.toString(sample));
        }
        return text.toString();
    }
}
