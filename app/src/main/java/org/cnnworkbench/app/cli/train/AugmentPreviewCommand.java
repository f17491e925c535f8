package org.cnnworkbench.app.cli.train;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cnnworkbench.app.cli.ExperimentFileArguments;
import org.cnnworkbench.engine.ErrorCode;
import org.cnnworkbench.engine.WorkbenchException;
import org.cnnworkbench.engine.data.AugmentationPreview;
import org.cnnworkbench.engine.spec.Configured;
import org.cnnworkbench.engine.spec.ExperimentSpec;
import org.cnnworkbench.engine.spec.ExperimentValidator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import org.cnnworkbench.app.ExitCodes;
import org.cnnworkbench.app.cli.HomeCommand;
import org.cnnworkbench.app.home.Workbench;

/** {@code workbench augment-preview FILE --out grid.png}: a PNG grid of augmented training samples. */
@Command(name = "augment-preview", mixinStandardHelpOptions = true,
        header = "Write a PNG grid of training samples, each beside " + AugmentationPreview.VARIANTS + " augmented variants.")
public final class AugmentPreviewCommand extends HomeCommand {
    private static final int MAX_SAMPLES = 1024;

    @Mixin
    ExperimentFileArguments experiment;

    @Option(names = "--out", required = true, paramLabel = "PNG", description = "The PNG file to write (replaced if it exists)")
    Path out;

    @Option(names = "--samples", paramLabel = "N", defaultValue = "16",
            description = "Training samples to show, one per row, from the first in file order (default: ${DEFAULT-VALUE})")
    int samples;

    @Override
    protected void checkArguments() {
        if (samples < 1 || samples > MAX_SAMPLES) {
            throw new WorkbenchException(ErrorCode.INVALID_ARGUMENT, "--samples is " + samples + ", out of range: allowed [1, "
                    + MAX_SAMPLES + "].");
        }
    }

    @Override
    protected int run(Workbench workbench) {
        ExperimentSpec spec = new ExperimentValidator(workbench.plugins()).validate(experiment.file(), experiment.overrides());
        AugmentationPreview preview = AugmentationPreview.of(spec);
        BufferedImage grid = preview.render(samples, AugmentationPreview.VARIANTS);
        AugmentationPreview.writePng(grid, out);
        int rows = Math.min(samples, preview.available());
        System.out.printf("Wrote %s (%dx%d px): %d training sample%s of '%s', each beside %d variants of %s (seed %d)%n",
                out, grid.getWidth(), grid.getHeight(), rows, rows == 1 ? "" : "s", spec.name(), AugmentationPreview.VARIANTS,
                String.join(" -> ", spec.augmentations().stream().map(Configured::id).toList()), spec.training().seed());
        return ExitCodes.OK;
    }
}
