package org.cnnworkbench.web;

import static org.cnnworkbench.web.ApiError.Status.BAD_REQUEST;
import static org.cnnworkbench.web.ApiError.Status.BUSY;
import static org.cnnworkbench.web.ApiError.Status.TOO_LARGE;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.cnnworkbench.engine.WorkbenchException;
import org.cnnworkbench.engine.predict.Prediction;
import org.cnnworkbench.engine.predict.Predictor;
import org.cnnworkbench.engine.store.RunDetail;

/**
 * The predict page's route, {@code POST /api/predict}: an uploaded image (form field {@code image})
 * classified by a run's saved model ({@code run}), with the same preprocessing as training (and as
 * {@code ./workbench predict}): {@code top}, {@code invert}, {@code contrast}. The last few loaded
 * models are kept. Hostile input is refused before it costs much: the image's size is read from its
 * header first (at most {@value #MAX_PIXELS} pixels, a 50-megapixel phone photo passes), at most
 * {@value #DECODING} predictions decode at once (503 beyond), and {@code top} is 1..{@value #MAX_TOP}.
 */
final class PredictRoutes {
    static final long MAX_PIXELS = 50_000_000L;
    static final int DECODING = 2;
    static final int MAX_TOP = 100;
    private static final int CACHED_MODELS = 3;

    private final Lookups lookups;
    private final ArtifactFiles files;
    private final Semaphore decoding = new Semaphore(DECODING);
    private final Map<String, Predictor> models = new LinkedHashMap<>(4, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Predictor> eldest) {
            return size() > CACHED_MODELS;
        }
    };

    PredictRoutes(Lookups lookups, ArtifactFiles files) {
        this.lookups = lookups;
        this.files = files;
    }

    void register(Javalin app) {
        app.post("/api/predict", this::predict);
    }

    /** The permits of predictions decoding at once (tests hold them to see a busy server refuse). */
    Semaphore decoding() {
        return decoding;
    }

    private void predict(Context ctx) {
        Params params;
        UploadedFile image;
        try {
            image = ctx.uploadedFile("image");
            params = Params.form(ctx);
            params.text("run");
        } catch (IllegalStateException e) {
            // Jetty's multipart limits, for an upload sent without a Content-Length.
            throw TOO_LARGE.error("the upload is larger than the " + WebServer.MAX_REQUEST_BYTES / (1024 * 1024) + " MB allowed");
        }
        String runId = params.text("run");
        if (runId == null || !runId.matches("r\\d+")) {
            throw BAD_REQUEST.error("run: choose the run whose model predicts (an id like r12)");
        }
        if (image == null || image.size() == 0) {
            throw BAD_REQUEST.error("image: upload a PNG, JPEG, BMP or GIF file");
        }
        int top = params.integer("top", 5, 1, MAX_TOP);
        boolean invert = "true".equals(params.text("invert")) || "on".equals(params.text("invert"));
        Double contrast = params.number("contrast");
        String name = image.filename() == null ? "upload" : Path.of(image.filename().replace('\\', '/')).getFileName().toString();
        Path file = null;
        try (InputStream in = image.content()) {
            file = Files.createTempFile("workbench-predict", "-" + name.replaceAll("[^A-Za-z0-9._-]", "_"));
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            checkSize(file, name);
            if (!decoding.tryAcquire()) {
                throw BUSY.error(DECODING + " predictions are already running; try again in a moment");
            }
            try {
                Predictor predictor = predictor(runId);
                Prediction p;
                synchronized (predictor) {
                    p = predictor.predict(file, "the image " + name, contrast, invert, top);
                }
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("run_id", runId);
                doc.put("file", name);
                doc.put("input_shape", predictor.inputShape());
                doc.put("top", p.top());
                ctx.json(doc);
            } catch (WorkbenchException e) {
                throw BAD_REQUEST.error(files.hidePaths(e.getMessage(), file, "the image " + name));
            } finally {
                decoding.release();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a temporary file left behind
                }
            }
        }
    }

    /** Reads the image's width and height from its header (nothing decoded yet) and refuses one too large. */
    private static void checkSize(Path file, String name) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw BAD_REQUEST.error("image: " + name + " is not a PNG, JPEG, BMP or GIF file");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long width = reader.getWidth(0);
                long height = reader.getHeight(0);
                if (width * height > MAX_PIXELS) {
                    throw TOO_LARGE.error("image: " + width + "x" + height + " is " + (width * height + 500_000) / 1_000_000
                            + " megapixels; at most " + MAX_PIXELS / 1_000_000 + " are allowed");
                }
            } catch (IOException | RuntimeException e) {
                if (e instanceof ApiError a) {
                    throw a;
                }
                throw BAD_REQUEST.error("image: " + name + " could not be read as an image");
            } finally {
                reader.dispose();
            }
        }
    }

    private Predictor predictor(String runId) {
        synchronized (models) {
            Predictor cached = models.get(runId);
            if (cached != null) {
                return cached;
            }
        }
        RunDetail run = lookups.run(runId);
        Path model = files.of(run, "model").orElseThrow(() -> BAD_REQUEST.error("run " + runId + " has no saved model (status "
                + run.summary().status().label() + "); only completed runs can predict"));
        Predictor loaded;
        try {
            loaded = Predictor.load(model, "the model of " + runId);
        } catch (WorkbenchException e) {
            throw BAD_REQUEST.error(files.hidePaths(e.getMessage(), model, "the model of " + runId));
        }
        synchronized (models) {
            models.put(runId, loaded);
        }
        return loaded;
    }
}
