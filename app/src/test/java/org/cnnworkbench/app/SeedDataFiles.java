package org.cnnworkbench.app;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * Small generated stand-ins for the data sets the seed experiments use, in each one's real format
 * and image size: CIFAR binary batches, folders of PNG/JPEG images per class, a telemetry CSV.
 * The pixels are random; the tests check that every experiment file runs, not what it learns.
 */
final class SeedDataFiles {
    private final Random random = new Random(17);

    /**
     * Stand-ins for every data set the seed experiments (experiments/*.yaml) read, written under
     * {@code dir}: the environment variables the files name (MNIST_DIR, CIFAR10_DIR, ...), each set to
     * its stand-in. MNIST is the sample the repository ships.
     */
    Map<String, String> seedExperimentEnvironment(Path dir) throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("MNIST_DIR", Cli.sample().toString());
        env.put("CIFAR10_DIR", cifar10(dir.resolve("cifar-10-batches-bin"), 40).toString());
        env.put("CIFAR100_DIR", cifar100(dir.resolve("cifar-100-binary"), 200).toString());
        env.put("NOTMNIST_DIR", imageFolder(dir.resolve("notmnist"), "ABCDEFGHIJ".split(""), 8, 28, 28, "png").toString());
        env.put("ANIMALS_DIR", imageFolder(dir.resolve("animals"), new String[] {"cats", "dogs", "panda"}, 12, 80, 60, "jpg").toString());
        env.put("CARS_DIR", imageFolder(dir.resolve("cars"), new String[] {"audi", "bmw", "fiat"}, 10, 120, 70, "jpg").toString());
        Path catsdogs = dir.resolve("catsdogs");
        for (String part : new String[] {"train", "validation", "test"}) {
            imageFolder(catsdogs.resolve(part), new String[] {"cats", "dogs"}, 6, 200, 190, "jpg");
        }
        env.put("CATSDOGS_DIR", catsdogs.toString());
        env.put("TELEMETRY_CSV", telemetryCsv(dir.resolve("telemetry.csv"), 400).toString());
        return env;
    }

    /** CIFAR-10's binary version: data_batch_1..5.bin and test_batch.bin, {@code perFile} records each. */
    Path cifar10(Path dir, int perFile) throws IOException {
        Files.createDirectories(dir);
        for (int b = 1; b <= 5; b++) {
            cifarFile(dir.resolve("data_batch_" + b + ".bin"), perFile, 1, 10);
        }
        cifarFile(dir.resolve("test_batch.bin"), perFile, 1, 10);
        return dir;
    }

    /** CIFAR-100's binary version: train.bin and test.bin with coarse and fine labels. */
    Path cifar100(Path dir, int records) throws IOException {
        Files.createDirectories(dir);
        cifarFile(dir.resolve("train.bin"), records, 2, 100);
        cifarFile(dir.resolve("test.bin"), records / 2, 2, 100);
        return dir;
    }

    private void cifarFile(Path file, int records, int labelBytes, int classes) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            byte[] pixels = new byte[3072];
            for (int r = 0; r < records; r++) {
                if (labelBytes == 2) {
                    out.write(r % 20);
                }
                out.write(r % classes);
                random.nextBytes(pixels);
                out.write(pixels);
            }
        }
    }

    /** One sub-folder per class of {@code perClass} images of {@code width}×{@code height} ("png" or "jpg"). */
    Path imageFolder(Path dir, String[] classes, int perClass, int width, int height, String format) throws IOException {
        for (String name : classes) {
            Path folder = Files.createDirectories(dir.resolve(name));
            for (int i = 0; i < perClass; i++) {
                BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
                for (int y = 0; y < height; y++) {
                    for (int x = 0; x < width; x++) {
                        image.setRGB(x, y, random.nextInt(0x1000000));
                    }
                }
                ImageIO.write(image, format, folder.resolve(name + "_" + i + "." + format).toFile());
            }
        }
        return dir;
    }

    /** A telemetry-like CSV: 9 feature columns and a 0/1 {@code label} column, with a header. */
    Path telemetryCsv(Path file, int rows) throws IOException {
        StringBuilder csv = new StringBuilder("f1,f2,f3,f4,f5,f6,f7,f8,f9,label\n");
        for (int r = 0; r < rows; r++) {
            int label = r % 2;
            for (int f = 0; f < 9; f++) {
                csv.append(String.format("%.4f,", random.nextGaussian() + label));
            }
            csv.append(label).append('\n');
        }
        Files.createDirectories(file.getParent());
        return Files.writeString(file, csv.toString());
    }
}
