/**
 * Analyses of recorded runs: overfitting as data (best epoch, generalisation gap, onset, early stopping),
 * repeat groups, Welch's test and parameter importance. Pure Java in the {@code workbench-store} module: it may
 * use the JDK, the plugin API's value types and {@code org.cnnworkbench.engine.store}; no DL4J or ND4J.
 */
package org.cnnworkbench.engine.analysis;
