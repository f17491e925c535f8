package org.cnnworkbench.web;

import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cnnworkbench.engine.WorkbenchException;
import org.cnnworkbench.engine.predict.Prediction;
import org.cnnworkbench.engine.predict.Predictor;
import org.cnnworkbench.engine.store.Artifact;
import org.cnnworkbench.engine.store.RunDetail;

/**
 * {@code POST /api/predict}: an uploaded image (form field {@code image}) classified by a run's saved
 * model ({@code run}), with the same preprocessing as training (and as {@code ./workbench predict}):
 * {@code top}, {@code invert}, {@code contrast}. The last few loaded models are kept.
 */
final class PredictHandler {
    private static final int CACHED_MODELS = 3;

    private final WebSources sources;
    private final Map<String, Predictor> models = new LinkedHashMap<>(4, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Predictor> eldest) {
            return size() > CACHED_MODELS;
        }
    };

    PredictHandler(WebSources sources) {
        this.sources = sources;
    }

    void handle(Context ctx) {
        String runId = ctx.formParam("run");
        if (runId == null || !runId.matches("r\\d+")) {
            throw new BadRequest("run: choose the run whose model predicts (an id like r12)");
        }
        UploadedFile image = ctx.uploadedFile("image");
        if (image == null || image.size() == 0) {
            throw new BadRequest("image: upload a PNG, JPEG, BMP or GIF file");
        }
        int top = Api.integer(ctx.formParam("top"), 5, "top");
        if (top < 1) {
            throw new BadRequest("top must be at least 1, found " + top);
        }
        boolean invert = "true".equals(ctx.formParam("invert")) || "on".equals(ctx.formParam("invert"));
        Double contrast = null;
        String c = ctx.formParam("contrast");
        if (c != null && !c.isBlank()) {
            try {
                contrast = Double.parseDouble(c.strip());
            } catch (NumberFormatException e) {
                throw new BadRequest("contrast must be a number, found '" + c + "'");
            }
        }
        Predictor predictor = predictor(runId);
        Path file = null;
        try (InputStream in = image.content()) {
            String name = image.filename() == null ? "upload" : Path.of(image.filename()).getFileName().toString();
            file = Files.createTempFile("workbench-predict", "-" + name.replaceAll("[^A-Za-z0-9._-]", "_"));
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            Prediction p;
            synchronized (predictor) {
                p = predictor.predict(file, contrast, invert, top);
            }
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("run_id", runId);
            doc.put("file", name);
            doc.put("input_shape", predictor.inputShape());
            doc.put("top", p.top());
            ctx.json(doc);
        } catch (WorkbenchException e) {
            throw new BadRequest(e.getMessage());
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

    private Predictor predictor(String runId) {
        synchronized (models) {
            Predictor cached = models.get(runId);
            if (cached != null) {
                return cached;
            }
        }
        RunDetail run = sources.runs().findRun(runId).orElseThrow(() -> BadRequest.notFound("no run " + runId));
        Path model = null;
        for (Artifact a : run.artifacts()) {
            Path f = sources.home().resolve(a.relativePath()).normalize();
            if (a.kind().equals("model") && f.startsWith(sources.home().normalize()) && Files.isRegularFile(f)) {
                model = f;
            }
        }
        if (model == null) {
            throw new BadRequest("run " + runId + " has no saved model (status " + run.summary().status().label()
                    + "); only completed runs can predict");
        }
        Predictor loaded;
        try {
            loaded = Predictor.load(model);
        } catch (WorkbenchException e) {
            throw new BadRequest(e.getMessage());
        }
        synchronized (models) {
            models.put(runId, loaded);
        }
        return loaded;
    }
}
