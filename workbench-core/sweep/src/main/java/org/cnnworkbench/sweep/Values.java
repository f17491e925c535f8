package org.cnnworkbench.sweep;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/** Parameter values between their JSON form, Java objects, comparisons and messages. */
final class Values {

    private Values() {
    }

    /** The Java value of a JSON scalar as Jackson reads it (Integer, Long, Double, Boolean, String); null otherwise. */
    static Object scalar(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isInt() || node.isShort()) {
            return node.intValue();
        }
        if (node.isLong()) {
            return node.longValue();
        }
        if (node.isNumber() && !node.isBigInteger()) {
            return node.doubleValue();
        }
        return null;
    }

    static JsonNode toNode(Object value) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (value instanceof Integer i) {
            return f.numberNode(i);
        }
        if (value instanceof Long l) {
            return f.numberNode(l);
        }
        if (value instanceof Number n) {
            return f.numberNode(n.doubleValue());
        }
        if (value instanceof Boolean b) {
            return f.booleanNode(b);
        }
        return f.textNode(String.valueOf(value));
    }

    /** Equality that lets 32 (Integer), 32L and 32.0 match, as a YAML author would expect. */
    static boolean same(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            boolean whole = !(x instanceof Double || x instanceof Float || y instanceof Double || y instanceof Float);
            return whole ? x.longValue() == y.longValue() : Double.compare(x.doubleValue(), y.doubleValue()) == 0;
        }
        return a != null && a.equals(b);
    }

    static boolean containsSame(List<Object> list, Object value) {
        return list.stream().anyMatch(v -> same(v, value));
    }

    /** A node as a user would write it in a message: 'text' quoted, lists as [a, b], mappings as {k: v}. */
    static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        if (node.isNull()) {
            return "null";
        }
        if (node.isTextual()) {
            return "'" + node.textValue() + "'";
        }
        if (node.isArray()) {
            StringBuilder b = new StringBuilder("[");
            for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                b.append(describe(it.next())).append(it.hasNext() ? ", " : "");
            }
            return b.append(']').toString();
        }
        if (node.isObject()) {
            StringBuilder b = new StringBuilder("{");
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                b.append(e.getKey()).append(": ").append(describe(e.getValue())).append(it.hasNext() ? ", " : "");
            }
            return b.append('}').toString();
        }
        return node.asText();
    }

    /** A value for a message: whole numbers plainly, others with 4 significant digits. */
    static String number(double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }
}
