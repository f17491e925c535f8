package org.cnnworkbench.engine.plugin;

/**
 * The plugin an extension came from, as recorded in each run's provenance.
 *
 * @param id      the plugin's id (manifest {@code Plugin-Id})
 * @param version its version
 * @param path    the jar or folder it was loaded from
 * @param sha256  hex digest of the jar, or "" for an unpacked folder
 * @param builtIn whether it ships with the workbench
 */
public record PluginInfo(String id, String version, String path, String sha256, boolean builtIn) {
}
