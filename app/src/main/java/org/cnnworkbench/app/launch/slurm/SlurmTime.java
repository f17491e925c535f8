package org.cnnworkbench.app.launch.slurm;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cnnworkbench.engine.ErrorCode;
import org.cnnworkbench.engine.WorkbenchException;

/**
 * Slurm's time-limit format, as {@code sbatch --time} takes it: {@code MINUTES}, {@code MM:SS},
 * {@code HH:MM:SS}, {@code D-HH}, {@code D-HH:MM} or {@code D-HH:MM:SS}.
 */
public final class SlurmTime {
    private static final Pattern DAYS = Pattern.compile("(\\d+)-(\\d+)(?::(\\d+))?(?::(\\d+))?");
    private static final Pattern CLOCK = Pattern.compile("(\\d+)(?::(\\d+))?(?::(\\d+))?");
    public static final String FORMATS = "MINUTES, MM:SS, HH:MM:SS, D-HH, D-HH:MM or D-HH:MM:SS";

    private SlurmTime() {
    }

    /** The duration {@code text} stands for; an error naming {@code option} when it is not a Slurm time. */
    public static Duration parse(String text, String option) {
        String t = text == null ? "" : text.trim();
        Matcher days = DAYS.matcher(t);
        Matcher clock = CLOCK.matcher(t);
        Duration d;
        if (days.matches()) {
            d = Duration.ofDays(Long.parseLong(days.group(1))).plusHours(Long.parseLong(days.group(2)))
                    .plusMinutes(number(days.group(3))).plusSeconds(number(days.group(4)));
        } else if (clock.matches()) {
            if (clock.group(3) != null) {
                d = Duration.ofHours(Long.parseLong(clock.group(1))).plusMinutes(Long.parseLong(clock.group(2)))
                        .plusSeconds(Long.parseLong(clock.group(3)));
            } else if (clock.group(2) != null) {
                d = Duration.ofMinutes(Long.parseLong(clock.group(1))).plusSeconds(Long.parseLong(clock.group(2)));
            } else {
                d = Duration.ofMinutes(Long.parseLong(clock.group(1)));
            }
        } else {
            throw new WorkbenchException(ErrorCode.INVALID_ARGUMENT, option + " '" + text + "' is not a Slurm time; use "
                    + FORMATS + " (e.g. 04:00:00)");
        }
        if (d.isZero()) {
            throw new WorkbenchException(ErrorCode.INVALID_ARGUMENT, option + " must be longer than 0, found '" + text + "'");
        }
        return d;
    }

    private static long number(String group) {
        return group == null ? 0 : Long.parseLong(group);
    }
}
