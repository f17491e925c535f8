/** Setting up and describing the ND4J backend (CPU with oneDNN by default, CUDA in the cuda build). */
package org.cnnworkbench.engine.nd4j;
