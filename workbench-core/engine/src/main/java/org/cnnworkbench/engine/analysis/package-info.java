/** Analyses of recorded runs: overfitting as data (best epoch, generalisation gap, onset, early stopping). */
package org.cnnworkbench.engine.analysis;
