package org.cnnworkbench.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A tiny trial of a plugin made from the example plugin (its ids start with a prefix: {@code example-}
 * for the example itself, {@code NAME-} for a generated one): an experiment file using its dataset,
 * architecture, augmentation and callback, and what {@code show --json} must then record.
 */
final class PluginTrial {
    private PluginTrial() {
    }

    /** Writes {@code dir/trial.yaml}: 2 epochs on 12x12 blobs of 3 classes with the plugin's four extensions. */
    static Path experiment(Path dir, String idPrefix) {
        String text = String.join("\n",
                "name: " + idPrefix + "trial",
                "dataset:",
                "  type: " + idPrefix + "blobs",
                "  params: {width: 12, height: 12, classes: 3, samples_per_class: 40, held_out_per_class: 10}",
                "architecture:",
                "  type: " + idPrefix + "tiny-cnn",
                "  params: {filters: 4, dense_units: 16}",
                "augmentations:",
                "  - type: " + idPrefix + "invert",
                "    params: {probability: 0.1}",
                "training: {epochs: 2, batch_size: 16, optimizer: adam, learning_rate: 0.01, seed: 7}",
                "callbacks:",
                "  - type: " + idPrefix + "gap-logger",
                "    params: {patience: 1}",
                "");
        try {
            return Files.writeString(Files.createDirectories(dir).resolve("trial.yaml"), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Checks the recorded run: both epochs carry the callback's {@code train_val_gap} (= val_loss - loss),
     * and the provenance names plugin {@code pluginId} at {@code version}, with the SHA-256 of {@code jar},
     * for each of the four extensions.
     */
    static void assertRecorded(JsonNode run, String idPrefix, String pluginId, String version, Path jar) {
        assertThat(run.get("status").asText()).isEqualTo("completed");
        JsonNode epochs = run.get("epoch_metrics");
        assertThat(epochs).hasSize(2);
        for (JsonNode epoch : epochs) {
            assertThat(epoch.has("train_val_gap")).as("epoch %s records train_val_gap: %s", epoch.get("epoch"), epoch).isTrue();
            assertThat(epoch.get("train_val_gap").asDouble())
                    .isCloseTo(epoch.get("val_loss").asDouble() - epoch.get("loss").asDouble(), org.assertj.core.data.Offset.offset(1e-9));
        }
        List<String> used = new ArrayList<>();
        for (JsonNode extension : run.at("/provenance/extensions")) {
            used.add(extension.get("kind").asText() + ":" + extension.get("id").asText());
            assertThat(extension.get("plugin").asText()).isEqualTo(pluginId);
            assertThat(extension.get("version").asText()).isEqualTo(version);
            assertThat(extension.get("sha256").asText()).isEqualTo(sha256(jar));
            assertThat(extension.get("built_in").asBoolean()).isFalse();
        }
        assertThat(used).containsExactly("dataset:" + idPrefix + "blobs", "architecture:" + idPrefix + "tiny-cnn",
                "augmentation:" + idPrefix + "invert", "callback:" + idPrefix + "gap-logger");
    }

    private static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
