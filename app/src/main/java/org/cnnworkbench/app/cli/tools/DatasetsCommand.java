package org.cnnworkbench.app.cli.tools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.cnnworkbench.api.data.Shapes;
import org.cnnworkbench.engine.ErrorCode;
import org.cnnworkbench.engine.WorkbenchException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import org.cnnworkbench.app.ExitCodes;

/** {@code workbench datasets}: tools for datasets; {@code make-shapes} writes a generated image folder. */
@Command(name = "datasets", mixinStandardHelpOptions = true,
        subcommands = {DatasetsCommand.MakeShapes.class},
        header = "Make datasets to train on without downloads (see the subcommands).")
public final class DatasetsCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * {@code workbench datasets make-shapes DIR}: circles, squares and triangles as PNG files in a
     * folder per class, for the {@code image-folder} dataset. The images are those of the
     * {@code shapes} dataset for the same seed, size and noise.
     */
    @Command(name = "make-shapes", mixinStandardHelpOptions = true,
            header = "Write generated circles, squares and triangles as PNG files, a folder per class.")
    static final class MakeShapes implements Callable<Integer> {
        static final int MAX_SIZE = 1024;
        static final int MAX_PER_CLASS = 100_000;

        @Parameters(paramLabel = "DIR", description = "Folder to create (or an empty one); gets circle/, square/ and triangle/")
        Path dir;

        @Option(names = "--per-class", paramLabel = "N", defaultValue = "300",
                description = "Images of each class (default ${DEFAULT-VALUE})")
        int perClass;

        @Option(names = "--width", paramLabel = "W", defaultValue = "64",
                description = "Image width in pixels (default ${DEFAULT-VALUE})")
        int width;

        @Option(names = "--height", paramLabel = "H", defaultValue = "64",
                description = "Image height in pixels (default ${DEFAULT-VALUE})")
        int height;

        @Option(names = "--noise", paramLabel = "SIGMA", defaultValue = "0.1",
                description = "Gaussian pixel noise, as a share of full scale, 0 to 1 (default ${DEFAULT-VALUE})")
        double noise;

        @Option(names = "--seed", paramLabel = "S", defaultValue = "42",
                description = "Random seed: the same seed writes the same images (default ${DEFAULT-VALUE})")
        long seed;

        @Override
        public Integer call() {
            requireBetween("--per-class", perClass, 1, MAX_PER_CLASS);
            requireBetween("--width", width, Shapes.MIN_SIZE, MAX_SIZE);
            requireBetween("--height", height, Shapes.MIN_SIZE, MAX_SIZE);
            if (!(noise >= 0 && noise <= 1)) {
                throw new WorkbenchException(ErrorCode.INVALID_ARGUMENT, "--noise must be between 0 and 1, found " + noise + ".");
            }
            Path target = dir.toAbsolutePath().normalize();
            requireEmptyOrAbsent(target);
            try {
                for (String name : Shapes.CLASS_NAMES) {
                    Files.createDirectories(target.resolve(name));
                }
                String digits = "%0" + String.valueOf(perClass - 1).length() + "d";
                Shapes.generate(seed, perClass, width, height, noise, (classIndex, number, image) -> {
                    String name = Shapes.CLASS_NAMES.get(classIndex);
                    Path file = target.resolve(name).resolve(name + "_" + String.format(digits, number) + ".png");
                    ImageIO.write(image, "png", file.toFile());
                });
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the images to " + target + ": " + e.getMessage(), e);
            }
            System.out.printf(Locale.ROOT, "Wrote %,d PNG images of %dx%d to %s: %,d each in %s.%n", perClass * Shapes.CLASS_NAMES.size(),
                    width, height, target, perClass, String.join("/, ", Shapes.CLASS_NAMES) + "/");
            System.out.println("Train on them with a dataset section like:");
            System.out.println("  dataset:");
            System.out.println("    type: image-folder");
            System.out.printf("    params: {dir: %s, width: %d, height: %d, validation_split: 0.2, test_split: 0.1}%n",
                    target, width, height);
            return ExitCodes.OK;
        }

        private static void requireBetween(String option, int value, int min, int max) {
            if (value < min || value > max) {
                throw new WorkbenchException(ErrorCode.INVALID_ARGUMENT, option + " must be between " + min + " and "
                        + String.format(Locale.ROOT, "%,d", max) + ", found " + value + ".");
            }
        }

        private static void requireEmptyOrAbsent(Path target) {
            if (!Files.exists(target)) {
                return;
            }
            if (!Files.isDirectory(target)) {
                throw new WorkbenchException(ErrorCode.INVALID_ARGUMENT, target + " is a file; make-shapes writes into a"
                        + " new or empty folder. Give another DIR.");
            }
            try (Stream<Path> entries = Files.list(target)) {
                if (entries.findAny().isPresent()) {
                    throw new WorkbenchException(ErrorCode.INVALID_ARGUMENT, target + " is not empty; make-shapes writes"
                            + " only into a new or empty folder, so that the folder holds nothing but the generated"
                            + " classes. Give another DIR, or empty this one.");
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + target + ": " + e.getMessage(), e);
            }
        }
    }
}
