package org.cnnworkbench.plugins.callbacks;

import java.math.BigDecimal;
import java.util.Locale;

/** How the callbacks write numbers in stop reasons and log lines, so that all of them read alike. */
final class Format {
    private Format() {
    }

    /** A metric value: four decimals in the usual range (0.3412), four significant digits outside it. */
    static String value(double value) {
        boolean plain = value == 0 || !Double.isFinite(value) || (Math.abs(value) >= 1e-3 && Math.abs(value) < 1e6);
        return String.format(Locale.ROOT, plain ? "%.4f" : "%.4g", value);
    }

    /** A setting or a learning rate without trailing zeros, to four significant digits (0.05, 0.0001, 1.25e-05 as 0.0000125). */
    static String plain(double value) {
        if (!Double.isFinite(value)) {
            return String.valueOf(value);
        }
        return new BigDecimal(String.format(Locale.ROOT, "%.4g", value)).stripTrailingZeros().toPlainString();
    }
}
