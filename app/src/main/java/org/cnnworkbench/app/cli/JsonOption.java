package org.cnnworkbench.app.cli;

import org.cnnworkbench.engine.Json;
import picocli.CommandLine.Option;

/**
 * The {@code --json} option of the commands that print one JSON document for scripts instead of
 * their text: {@code @Mixin JsonOption json;}, then {@code if (json.on()) { json.print(doc); ... }}.
 */
public final class JsonOption {
    @Option(names = "--json", description = "Print one JSON document (for scripts)")
    boolean json;

    /** Whether {@code --json} was given. */
    public boolean on() {
        return json;
    }

    /** Prints {@code document} as indented JSON on standard output. */
    public void print(Object document) {
        System.out.println(Json.pretty(document));
    }
}
