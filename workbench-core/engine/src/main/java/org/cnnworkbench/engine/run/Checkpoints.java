package org.cnnworkbench.engine.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.cnnworkbench.engine.network.Network;

/**
 * A run's resume points: {@code runs/ID/checkpoints/epoch-N.zip}, the network after epoch N with
 * its updater (optimizer) state, written before epoch N is committed and kept until epoch N+1 is.
 * So after a crash there is always a checkpoint for the last committed epoch; one for an epoch
 * that never got committed is discarded. The random state needs no saving: every epoch re-seeds
 * the shuffling, the augmentations and ND4J's generator from the run's seed and the epoch number.
 */
final class Checkpoints {
    private static final Pattern NAME = Pattern.compile("epoch-(\\d+)\\.zip");

    /** The key of a checkpoint's metadata that holds the replica count it was trained with. */
    static final String REPLICAS_KEY = "training_replicas";

    private final Path dir;

    Checkpoints(Path runDir) {
        this.dir = runDir.resolve("checkpoints");
    }

    Path file(int epoch) {
        return dir.resolve("epoch-" + epoch + ".zip");
    }

    /** Writes the checkpoint of {@code epoch} (atomically). */
    void write(Network net, int epoch, Map<String, Object> metadata) {
        try {
            ModelFiles.save(net, file(epoch), metadata);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the checkpoint of epoch " + epoch + " to " + file(epoch), e);
        }
    }

    /** Epoch {@code epoch} is committed: the checkpoints before it are no longer needed. */
    void committed(int epoch) {
        forEach((file, e) -> {
            if (e < epoch) {
                delete(file);
            }
        });
    }

    /**
     * The network as it was after the committed epoch {@code epoch}, with its optimizer state;
     * empty if there is no such checkpoint. Checkpoints of later (uncommitted) epochs are deleted.
     */
    java.util.Optional<Network> restore(int epoch) {
        forEach((file, e) -> {
            if (e > epoch) {
                delete(file);
            }
        });
        Path file = file(epoch);
        if (!Files.isRegularFile(file)) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(Network.restore(file, true));
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    /**
     * The replica count the checkpoint of {@code epoch} was trained with ({@link ReplicaTrainer}), or null
     * when there is no such checkpoint or it does not say (written before replicas existed: one replica).
     */
    Integer replicas(int epoch) {
        Path file = file(epoch);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(file.toFile())) {
            var entry = zip.getEntry(ModelFiles.METADATA_ENTRY);
            if (entry == null) {
                return null;
            }
            try (var in = zip.getInputStream(entry)) {
                var node = org.cnnworkbench.engine.Json.MAPPER.readTree(in).get(REPLICAS_KEY);
                return node == null || !node.canConvertToInt() ? 1 : node.asInt();
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The newest checkpoint's epoch. */
    OptionalInt newest() {
        int[] newest = {-1};
        forEach((file, e) -> newest[0] = Math.max(newest[0], e));
        return newest[0] < 0 ? OptionalInt.empty() : OptionalInt.of(newest[0]);
    }

    /** Removes every checkpoint (the run has ended and saved its model). */
    void clear() {
        forEach((file, e) -> delete(file));
        try {
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // Not empty (a partial file): left for gc.
        }
    }

    private void forEach(java.util.function.ObjIntConsumer<Path> action) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            files.forEach(file -> {
                Matcher m = NAME.matcher(file.getFileName().toString());
                if (m.matches()) {
                    action.accept(file, Integer.parseInt(m.group(1)));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the checkpoints in " + dir, e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the checkpoint " + file, e);
        }
    }
}
