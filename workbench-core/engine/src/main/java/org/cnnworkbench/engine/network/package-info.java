/**
 * The one abstraction the engine trains, checkpoints, summarises, evaluates and predicts with:
 * {@link org.cnnworkbench.engine.network.Network}, over DL4J's layer stack
 * ({@code MultiLayerNetwork}) and layer graph ({@code ComputationGraph}, one input, one output),
 * and its reading back from a saved model zip. Uses DL4J/ND4J and nothing else of the workbench.
 */
package org.cnnworkbench.engine.network;
