package org.cnnworkbench.app.cli.train;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cnnworkbench.engine.ErrorCode;
import org.cnnworkbench.engine.WorkbenchException;
import org.cnnworkbench.engine.predict.Prediction;
import org.cnnworkbench.engine.predict.Predictor;
import org.cnnworkbench.engine.store.Artifact;
import org.cnnworkbench.engine.store.RunDetail;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import org.cnnworkbench.app.ExitCodes;
import org.cnnworkbench.app.cli.HomeCommand;
import org.cnnworkbench.app.cli.JsonOption;
import org.cnnworkbench.app.home.Workbench;

/** {@code workbench predict RUN_ID IMAGE...}: classify new images with a run's saved model. */
@Command(name = "predict", mixinStandardHelpOptions = true, header = "Classify images with a run's saved model.")
public final class PredictCommand extends HomeCommand {
    @Parameters(index = "0", paramLabel = "RUN_ID", description = "The run whose model predicts, e.g. r3")
    String runId;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "IMAGE", description = "PNG, JPEG, BMP or GIF files")
    List<Path> images = new ArrayList<>();

    @Option(names = "--top", defaultValue = "3", description = "Classes shown per image (default ${DEFAULT-VALUE})")
    int top;

    @Option(names = "--invert", description = "Invert pixels (255 - p) before predicting, e.g. dark digits on white paper for an MNIST model")
    boolean invert;

    @Option(names = "--contrast", paramLabel = "F", description = "Contrast 128 + F*(p - 128) before predicting (applied before --invert)")
    Double contrast;

    @Mixin
    JsonOption json;

    @Override
    protected void checkArguments() {
        if (top < 1) {
            throw new WorkbenchException(ErrorCode.INVALID_ARGUMENT, "--top must be at least 1, found " + top + ".");
        }
    }

    @Override
    protected int run(Workbench workbench) {
        String id = runId.matches("[0-9]+") ? "r" + runId : runId;
        RunDetail run = workbench.store().findRun(id).orElseThrow(() -> new WorkbenchException(ErrorCode.NOT_FOUND,
                "no run '" + runId + "' in " + workbench.home() + ". List the runs with ./workbench runs"));
        Path model = run.artifacts().stream().filter(a -> a.kind().equals("model")).map(Artifact::relativePath)
                .map(workbench.home()::resolve).filter(Files::isRegularFile).findFirst()
                .orElseThrow(() -> new WorkbenchException(ErrorCode.NOT_FOUND, "run " + id + " has no saved model (status "
                        + run.summary().status().label() + "); only completed runs can predict."));
        Predictor predictor = Predictor.load(model);
        List<Prediction> predictions = new ArrayList<>();
        for (Path image : images) {
            predictions.add(predictor.predict(image, contrast, invert, top));
        }
        if (json.on()) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("run_id", id);
            doc.put("input_shape", predictor.inputShape());
            doc.put("predictions", predictions);
            json.print(doc);
            return ExitCodes.OK;
        }
        for (Prediction p : predictions) {
            System.out.println(p.source());
            for (Prediction.ClassProbability c : p.top()) {
                System.out.printf("  %-20s %6.2f%%%n", c.className(), 100 * c.probability());
            }
        }
        return ExitCodes.OK;
    }
}
