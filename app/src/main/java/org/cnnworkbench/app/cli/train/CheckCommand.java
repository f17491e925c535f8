package org.cnnworkbench.app.cli.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cnnworkbench.app.cli.ExperimentFileArguments;
import org.cnnworkbench.engine.run.ModelSummary;
import org.cnnworkbench.engine.run.TrialRunner;
import org.cnnworkbench.engine.spec.ExperimentDocument;
import org.cnnworkbench.engine.spec.ExperimentSpec;
import org.cnnworkbench.engine.sweep.SweepDefinition;
import org.cnnworkbench.engine.spec.ExperimentValidator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import org.cnnworkbench.app.ExitCodes;
import org.cnnworkbench.app.cli.HomeCommand;
import org.cnnworkbench.app.cli.JsonOption;
import org.cnnworkbench.app.home.Workbench;

/** {@code workbench check FILE}: validate and summarise without training. */
@Command(name = "check", mixinStandardHelpOptions = true,
        header = "Validate an experiment file and print its model summary.")
public final class CheckCommand extends HomeCommand {
    @Mixin
    ExperimentFileArguments experiment;

    @Mixin
    JsonOption json;

    @Override
    protected int run(Workbench workbench) throws Exception {
        ExperimentValidator validator = new ExperimentValidator(workbench.plugins());
        ExperimentDocument document = ExperimentDocument.read(experiment.file(), experiment.overrides());
        ExperimentSpec spec = validator.validate(document);
        SweepDefinition sweep = spec.hasSweep() ? SweepDefinition.validate(document, validator) : null;
        TrialRunner.Prepared prepared = TrialRunner.prepare(spec, workbench.home());
        ModelSummary summary = prepared.summary();
        if (json.on()) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("valid", true);
            doc.put("experiment", spec.name());
            doc.put("input_shape", prepared.data().shape().toString());
            doc.put("classes", prepared.data().classNames());
            doc.put("train_samples", prepared.data().train().size());
            doc.put("total_params", summary.totalParams());
            doc.put("trainable_params", summary.trainableParams());
            doc.put("non_trainable_params", summary.nonTrainableParams());
            doc.put("layers", summary.layers());
            doc.put("config", spec.resolved());
            if (sweep != null) {
                doc.put("sweep", sweep.sweep().toJson());
            }
            json.print(doc);
            return ExitCodes.OK;
        }
        System.out.printf("%s is valid: experiment '%s', %s on %s (input %s, %d classes)%n%n", experiment.file(), spec.name(),
                spec.architecture().id(), spec.dataset().id(), prepared.data().shape(), prepared.data().classCount());
        System.out.print(summary.toText());
        if (sweep != null) {
            System.out.println();
            System.out.println("The sweep: section is valid: strategy " + sweep.sweep().strategy().label() + ", "
                    + sweep.sweep().space().parameters().size() + " parameter" + (sweep.sweep().space().parameters().size() == 1
                    ? "" : "s") + "; run it with ./workbench sweep " + experiment.file());
        }
        return ExitCodes.OK;
    }
}
