/**
 * A workbench home as one command sees it: {@link org.cnnworkbench.app.home.HomeOptions} (--home, --db,
 * --plugins), {@link org.cnnworkbench.app.home.Workbench} (the store, the sweeps and the plugins, opened on
 * first use) and the plugin files installed in it. May use the engine, db and PF4J; never the command line
 * ({@code cli}), the launchers or printing.
 */
package org.cnnworkbench.app.home;
