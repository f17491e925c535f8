package org.cnnworkbench.engine.sweep;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Keeps each trial's share of its worker's output: while a trial runs, everything the worker
 * prints (and logs to the console) also goes to the trial's log file, appended across attempts.
 * Output written by native code straight to the process's descriptors is in the worker's own log
 * only.
 */
public final class TrialOutput {
    private static final Object LOCK = new Object();
    private static Tee out;
    private static Tee err;

    private TrialOutput() {
    }

    /**
     * Replaces {@code System.out} and {@code System.err} with streams that can copy to a trial's log.
     * Call it before anything keeps a reference to them (a progress view, a logger).
     */
    public static void install() {
        synchronized (LOCK) {
            if (out == null) {
                out = new Tee(System.out);
                err = new Tee(System.err);
                System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
                System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            }
        }
    }

    /** Starts copying this process's output to {@code file} until the returned handle is closed. */
    public static AutoCloseable copyTo(Path file) {
        install();
        synchronized (LOCK) {
            OutputStream target;
            try {
                Files.createDirectories(file.getParent());
                target = new FileOutputStream(file.toFile(), true);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open the trial log " + file, e);
            }
            out.target = target;
            err.target = target;
            return () -> {
                synchronized (LOCK) {
                    out.target = null;
                    err.target = null;
                }
                target.close();
            };
        }
    }

    private static final class Tee extends OutputStream {
        private final OutputStream original;
        private volatile OutputStream target;

        Tee(OutputStream original) {
            this.original = original;
        }

        @Override
        public void write(int b) throws IOException {
            original.write(b);
            OutputStream t = target;
            if (t != null) {
                t.write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            original.write(b, off, len);
            OutputStream t = target;
            if (t != null) {
                try {
                    t.write(b, off, len);
                } catch (IOException e) {
                    // A closed trial log: the worker's own output still has the text.
                }
            }
        }

        @Override
        public void flush() throws IOException {
            original.flush();
            OutputStream t = target;
            if (t != null) {
                try {
                    t.flush();
                } catch (IOException e) {
                    // As above.
                }
            }
        }
    }
}
