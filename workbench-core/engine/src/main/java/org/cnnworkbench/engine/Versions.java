package org.cnnworkbench.engine;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Versions of the workbench and the libraries it was built with (filled in by the build). */
public final class Versions {
    private static final Properties PROPERTIES = load();

    private Versions() {
    }

    public static String workbench() {
        return PROPERTIES.getProperty("workbench.version", "unknown");
    }

    public static String dl4j() {
        return PROPERTIES.getProperty("dl4j.version", "unknown");
    }

    public static String pf4j() {
        return PROPERTIES.getProperty("pf4j.version", "unknown");
    }

    private static Properties load() {
        Properties properties = new Properties();
        try (InputStream in = Versions.class.getResourceAsStream("/org/cnnworkbench/engine/versions.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            // versions stay "unknown"
        }
        return properties;
    }
}
