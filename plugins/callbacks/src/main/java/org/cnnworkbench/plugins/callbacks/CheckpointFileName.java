package org.cnnworkbench.plugins.callbacks;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cnnworkbench.api.PluginInputException;

/**
 * The file name a checkpoint is saved under, in the run's folder: a plain name ending in
 * {@code .zip} (checkpoints are DL4J model zips), with an optional {@code {epoch}} placeholder —
 * also in Keras' padded form {@code {epoch:02d}} — that takes the 1-based epoch number.
 */
record CheckpointFileName(String pattern) {
    private static final Pattern EPOCH = Pattern.compile("\\{epoch(?::0?([1-9])d)?}");
    /** The engine saves the trained model under this name; a checkpoint must not take its place. */
    private static final String FINAL_MODEL = "model.zip";

    /** Checks a user's {@code filename}; the message says what is wrong and what to write instead. */
    static CheckpointFileName parse(String pattern) {
        String what = "model-checkpoint: filename '" + pattern + "'";
        if (pattern.isBlank()) {
            throw new PluginInputException("model-checkpoint: filename is empty; give a file name such as 'best.zip'"
                    + " or 'epoch-{epoch}.zip'");
        }
        if (pattern.contains("/") || pattern.contains("\\") || pattern.contains("..")) {
            throw new PluginInputException(what + " must be a plain file name: no '/', '\\' or '..'. Checkpoints are"
                    + " saved in the run's own folder under the workbench home; write e.g. 'best.zip'.");
        }
        String withoutEpoch = EPOCH.matcher(pattern).replaceAll("");
        if (withoutEpoch.contains("{") || withoutEpoch.contains("}")) {
            throw new PluginInputException(what + " has a placeholder other than {epoch} (or {epoch:02d});"
                    + " that is the only one allowed. Write e.g. 'epoch-{epoch}.zip'.");
        }
        if (!pattern.toLowerCase(Locale.ROOT).endsWith(".zip")) {
            throw new PluginInputException(what + " must end in .zip: checkpoints are saved as DL4J model zips"
                    + " (not Keras .h5/.keras files); write e.g. '" + stem(pattern) + ".zip'.");
        }
        if (pattern.equalsIgnoreCase(FINAL_MODEL)) {
            throw new PluginInputException(what + " is the name of the run's final model, which would overwrite"
                    + " the checkpoint; choose another, e.g. 'best.zip'.");
        }
        return new CheckpointFileName(pattern);
    }

    /** Whether each epoch gets its own file. */
    boolean perEpoch() {
        return EPOCH.matcher(pattern).find();
    }

    /** The name of the file saved after {@code epoch}. */
    String forEpoch(int epoch) {
        Matcher m = EPOCH.matcher(pattern);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String digits = m.group(1) == null ? String.valueOf(epoch) : String.format(Locale.ROOT, "%0" + m.group(1) + "d", epoch);
            m.appendReplacement(out, digits);
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String stem(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
