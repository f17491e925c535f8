package org.cnnworkbench.engine.predict;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.cnnworkbench.engine.WorkbenchException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model loaded under a name the user sees: its errors use that name and never show the server's paths. */
class PredictorMessagesTest {
    @TempDir
    Path dir;

    @Test
    void aMissingModelIsNamedAsTheCallerShowsItWithoutItsPath() {
        Path missing = dir.resolve("runs").resolve("r7").resolve("model.zip");
        assertThatThrownBy(() -> Predictor.load(missing, "the model of r7")).isInstanceOf(WorkbenchException.class)
                .hasMessageStartingWith("cannot read the model of r7: ").hasMessageNotContaining(dir.toString());
    }

    @Test
    void aModelWithoutMetadataIsNamedAsTheCallerShowsItWithoutItsPath() throws Exception {
        Path model = dir.resolve("model.zip");
        try (OutputStream out = Files.newOutputStream(model); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("coefficients.bin"));
            zip.write(new byte[] {1, 2, 3});
            zip.closeEntry();
        }
        assertThatThrownBy(() -> Predictor.load(model, "the model of r7")).isInstanceOf(WorkbenchException.class)
                .hasMessageStartingWith("the model of r7 has no ").hasMessageNotContaining(dir.toString());
        // The command line names the user's own file by its path, as before.
        assertThatThrownBy(() -> Predictor.load(model)).hasMessageStartingWith(model + " has no ");
    }
}
