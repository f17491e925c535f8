package org.cnnworkbench.db;

/**
 * How a metric value is stored: the {@code value_type} column says whether it is finite, NaN or an
 * infinity, and a non-finite value is kept as 0.0 in {@code metric_value}, because not every JDBC
 * driver round-trips NaN and infinities.
 */
enum MetricValueType {
    FINITE(0), NAN(1), POSITIVE_INFINITY(2), NEGATIVE_INFINITY(3);

    final short code;

    MetricValueType(int code) {
        this.code = (short) code;
    }

    static MetricValueType of(double value) {
        if (Double.isNaN(value)) {
            return NAN;
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? POSITIVE_INFINITY : NEGATIVE_INFINITY;
        }
        return FINITE;
    }

    static MetricValueType fromCode(int code) {
        for (MetricValueType type : values()) {
            if (type.code == code) {
                return type;
            }
        }
        throw new IllegalStateException("unknown metric value_type " + code + " in the database");
    }

    /** What goes into {@code metric_value} for {@code value} (of this type). */
    double stored(double value) {
        return this == FINITE ? value : 0.0;
    }

    /** The value a stored {@code metric_value} of this type stands for. */
    double decode(double stored) {
        return switch (this) {
            case FINITE -> stored;
            case NAN -> Double.NaN;
            case POSITIVE_INFINITY -> Double.POSITIVE_INFINITY;
            case NEGATIVE_INFINITY -> Double.NEGATIVE_INFINITY;
        };
    }
}
