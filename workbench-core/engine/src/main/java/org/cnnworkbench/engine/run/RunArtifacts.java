package org.cnnworkbench.engine.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cnnworkbench.api.DatasetSplits;
import org.cnnworkbench.api.InputShape;
import org.cnnworkbench.engine.Digests;
import org.cnnworkbench.engine.Json;
import org.cnnworkbench.engine.network.Network;
import org.cnnworkbench.engine.spec.ExperimentSpec;
import org.cnnworkbench.engine.store.Artifact;
import org.cnnworkbench.engine.store.TrialWriter;

/**
 * The files a run leaves in its folder under the workbench home ({@code runs/<id>/}): model files
 * (the final model, callbacks' checkpoints) with the metadata a prediction needs, and the test
 * samples for the run page. Each file is recorded as an artifact of the run, by its path relative
 * to the home, its size and its SHA-256.
 */
final class RunArtifacts {
    private final TrialWriter writer;
    private final Path home;
    private final Path runDir;
    private final Map<String, Object> metadata;

    RunArtifacts(TrialWriter writer, Path home, ExperimentSpec spec, DatasetSplits data) {
        this.writer = writer;
        this.home = home;
        this.runDir = runDir(home, writer.runId());
        this.metadata = modelMetadata(spec, data);
    }

    /** Where the files of run {@code runId} live under {@code home}. */
    static Path runDir(Path home, String runId) {
        return home.resolve("runs").resolve(runId);
    }

    Path runDir() {
        return runDir;
    }

    /** What a saved model carries besides the network: class names, input shape, dataset and architecture. */
    Map<String, Object> metadata() {
        return metadata;
    }

    /** Saves {@code net} as {@code fileName} in the run's folder and records it as an artifact of {@code kind}. */
    Path saveModel(Network net, String fileName, String kind) {
        Path file = runDir.resolve(fileName);
        try {
            ModelFiles.save(net, file, metadata);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the model to " + file, e);
        }
        record(kind, file);
        return file;
    }

    /** Test images with their predictions (misclassified first) for the run page; nothing when there are none. */
    void saveSamples(TestSamples samples) {
        List<Map<String, Object>> list = samples.samples();
        if (list.isEmpty()) {
            return;
        }
        Path file = runDir.resolve("samples.json");
        try {
            Files.writeString(file, Json.write(list));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        record("samples", file);
    }

    private void record(String kind, Path file) {
        String relative = home.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/');
        writer.addArtifact(new Artifact(kind, relative, file.toFile().length(), Digests.sha256(file)));
    }

    private static Map<String, Object> modelMetadata(ExperimentSpec spec, DatasetSplits data) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("class_names", data.classNames());
        InputShape shape = data.shape();
        m.put("input_shape", Map.of("kind", shape.kind().name().toLowerCase(), "channels", shape.channels(),
                "height", shape.height(), "width", shape.width()));
        m.put("dataset", spec.resolved().get("dataset"));
        m.put("architecture", spec.resolved().get("architecture"));
        return m;
    }
}
