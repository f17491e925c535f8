/**
 * The engine: experiment files ({@code spec}), plugin loading ({@code plugin}), the trial runner
 * ({@code run}), the ND4J set-up ({@code nd4j}) and the storage it needs ({@code store}).
 */
package org.cnnworkbench.engine;
