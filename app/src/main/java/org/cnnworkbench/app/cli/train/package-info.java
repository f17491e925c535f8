/**
 * Commands that train or use one model: {@code run}, {@code resume}, {@code check}, {@code predict},
 * {@code augment-preview}, and the hooks of a single run. May use {@code home}, {@code text}, {@code launch}
 * (resume of a sweep) and {@code cli.web} (the dashboard of {@code run --serve}).
 */
package org.cnnworkbench.app.cli.train;
