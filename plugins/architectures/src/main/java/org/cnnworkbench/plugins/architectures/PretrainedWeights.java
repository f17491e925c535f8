package org.cnnworkbench.plugins.architectures;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.cnnworkbench.api.PluginInputException;

/**
 * A published weights file of a {@code keras.applications} base ({@code weights: imagenet}): its
 * file name, the folder Keras publishes it in, and its MD5 checksum as Keras' {@code get_file}
 * checks it (null where Keras publishes none). {@link #resolve} finds it in the workbench's models
 * folder ({@code HOME/models}) or downloads it there once, with a progress bar, and checks it.
 *
 * <p>The download location is Keras' by default; {@value #URL_VARIABLE} replaces the folder URL
 * (a mirror, a {@code file:} folder, or a local server in tests).
 */
record PretrainedWeights(String fileName, String kerasFolder, String md5) {
    /** Environment variable that replaces the folder URL the files are fetched from. */
    static final String URL_VARIABLE = "WORKBENCH_WEIGHTS_URL";
    /** Where Keras publishes the applications' weights (one folder per application below it). */
    static final String KERAS_URL = "https://storage.googleapis.com/tensorflow/keras-applications/";

    private static final int TIMEOUT_MILLIS = 20_000;

    /** The URL of the file under {@code base} (Keras' own, or {@value #URL_VARIABLE}'s). */
    String url(String base) {
        String folder = base.endsWith("/") ? base : base + "/";
        return base.equals(KERAS_URL) ? folder + kerasFolder + "/" + fileName : folder + fileName;
    }

    /** The folder URL to fetch from: {@value #URL_VARIABLE} when set, else Keras'. */
    static String baseUrl() {
        String override = System.getenv(URL_VARIABLE);
        return override == null || override.isBlank() ? KERAS_URL : override.trim();
    }

    /**
     * The checked file in {@code folder}: the one there when its checksum matches, or else a
     * download from {@code base}, written beside it as {@code .part} and moved in once checked.
     *
     * @throws PluginInputException naming the file, the URL and the folder when the file is not
     *                              there and cannot be fetched, or when its checksum is not the published one
     */
    Path resolve(Path folder, String base, PrintStream progress) {
        Path file = folder.resolve(fileName);
        String url = url(base);
        if (Files.isRegularFile(file)) {
            String actual = md5(file);
            if (md5 != null && !md5.equals(actual)) {
                throw new PluginInputException("weights: imagenet: " + fileName + " in " + folder + " is damaged (MD5 " + actual
                        + ", published " + md5 + "); delete it and run again to fetch it from " + url
                        + ", or copy a good copy there");
            }
            return file;
        }
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new PluginInputException("weights: imagenet: cannot create the models folder " + folder + ": " + e.getMessage(), e);
        }
        Path part = folder.resolve(fileName + ".part");
        String actual;
        try {
            actual = download(url, part, fileName, progress);
        } catch (IOException | IllegalArgumentException e) {
            deleteQuietly(part);
            throw new PluginInputException("weights: imagenet needs " + fileName + " in the models folder " + folder
                    + ", and fetching it from " + url + " failed (" + e.getClass().getSimpleName() + ": " + e.getMessage()
                    + "). Offline, download it elsewhere and copy it into " + folder
                    + (md5 == null ? "" : " (MD5 " + md5 + ")") + ", or use weights: none", e);
        }
        if (md5 != null && !md5.equals(actual)) {
            deleteQuietly(part);
            throw new PluginInputException("weights: imagenet: the " + fileName + " fetched from " + url + " has MD5 " + actual
                    + ", not the published " + md5 + "; nothing was kept in " + folder + ". Try again, or copy a good copy there");
        }
        try {
            Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new PluginInputException("weights: imagenet: cannot move " + part + " to " + file + ": " + e.getMessage(), e);
        }
        return file;
    }

    /** Copies {@code url} to {@code target} with a progress bar on {@code progress}; returns its MD5. */
    private static String download(String url, Path target, String shownName, PrintStream progress) throws IOException {
        URLConnection connection = URI.create(url).toURL().openConnection();
        connection.setConnectTimeout(TIMEOUT_MILLIS);
        connection.setReadTimeout(TIMEOUT_MILLIS);
        long size = connection.getContentLengthLong();
        MessageDigest digest = md5Digest();
        try (InputStream in = new DigestInputStream(connection.getInputStream(), digest);
             OutputStream out = Files.newOutputStream(target)) {
            byte[] buffer = new byte[1 << 16];
            long done = 0;
            int shownPercent = -1;
            for (int n; (n = in.read(buffer)) > 0; ) {
                out.write(buffer, 0, n);
                done += n;
                int percent = size > 0 ? (int) (100 * done / size) : -1;
                if (percent != shownPercent) {
                    progress.print("\r" + bar(shownName, done, size));
                    shownPercent = percent;
                }
            }
            progress.println("\r" + bar(shownName, done, size));
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** One line of the progress bar: {@code name [#####     ]  50%  29.4/58.9 MB}. */
    static String bar(String name, long done, long size) {
        int width = 30;
        double mb = 1024.0 * 1024.0;
        if (size <= 0) {
            return String.format("fetching %s: %.1f MB", name, done / mb);
        }
        int filled = (int) (width * done / size);
        return String.format("fetching %s [%s%s] %3d%% %.1f/%.1f MB", name, "#".repeat(filled), " ".repeat(width - filled),
                100 * done / size, done / mb, size / mb);
    }

    static String md5(Path file) {
        MessageDigest digest = md5Digest();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new PluginInputException("weights: imagenet: cannot read " + file + ": " + e.getMessage(), e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The MD5 of {@code bytes}, as {@link #md5(Path)} gives it for a file. */
    static String md5Of(byte[] bytes) {
        return HexFormat.of().formatHex(md5Digest().digest(bytes));
    }

    private static MessageDigest md5Digest() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no MD5", e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // what is left is a .part file, replaced on the next try
        }
    }
}
