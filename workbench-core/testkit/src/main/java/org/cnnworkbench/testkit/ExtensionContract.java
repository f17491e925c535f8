package org.cnnworkbench.testkit;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.cnnworkbench.api.Configurable;
import org.cnnworkbench.api.ParamSpec;
import org.cnnworkbench.api.ParamType;

/**
 * What every extension's declarations must keep, whatever its kind: a kebab-case id, a
 * description, uniquely named parameters whose defaults are of their type and within their
 * declared range or allowed values, and the same answers on every call (the engine reads them
 * more than once).
 */
public final class ExtensionContract {
    private ExtensionContract() {
    }

    /** Checks {@code extension}; throws {@link AssertionError} naming the first broken rule. */
    public static void check(Configurable extension) {
        String id = extension.id();
        require(id != null && id.matches("[a-z0-9]+(-[a-z0-9]+)*"), extension, "id must be kebab-case, found '" + id + "'");
        require(id.equals(extension.id()), extension, "id() must not change between calls");
        require(extension.description() != null && !extension.description().isBlank(), extension, "description() is empty");
        List<ParamSpec> params = extension.parameters();
        require(params != null, extension, "parameters() returned null; return List.of() for none");
        require(params.equals(extension.parameters()), extension, "parameters() must not change between calls");
        Set<String> names = new HashSet<>();
        for (ParamSpec p : params) {
            require(names.add(p.name()), extension, "parameter '" + p.name() + "' is declared twice");
            require(!p.description().isBlank(), extension, "parameter '" + p.name() + "' has no description");
            require(!(p.required() && p.defaultValue() != null), extension, "required parameter '" + p.name() + "' has a default");
            if (p.defaultValue() != null) {
                checkDefault(extension, p);
            }
        }
    }

    private static void checkDefault(Configurable extension, ParamSpec p) {
        Object value = p.defaultValue();
        String where = "default of '" + p.name() + "' (" + value + ")";
        switch (p.type()) {
            case INTEGER -> require(value instanceof Integer, extension, where + " must be an Integer");
            case NUMBER -> require(value instanceof Double, extension, where + " must be a Double");
            case BOOLEAN -> require(value instanceof Boolean, extension, where + " must be a Boolean");
            case STRING, CHOICE -> require(value instanceof String, extension, where + " must be a String");
            case PATH -> require(false, extension, where + ": paths have no default (they resolve against the experiment file)");
            default -> throw new IllegalStateException("unhandled type " + p.type());
        }
        if (p.type() == ParamType.INTEGER || p.type() == ParamType.NUMBER) {
            double v = ((Number) value).doubleValue();
            require((p.min() == null || v >= p.min()) && (p.max() == null || v <= p.max()), extension,
                    where + " is outside its range " + p.rangeText());
        }
        if (p.type() == ParamType.CHOICE) {
            require(p.allowed().contains(value), extension, where + " is not one of " + p.allowed());
        }
    }

    private static void require(boolean ok, Configurable extension, String message) {
        if (!ok) {
            throw new AssertionError(extension.getClass().getName() + ": " + message);
        }
    }
}
