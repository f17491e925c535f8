/**
 * A compatibility shim under DL4J's old package name (see {@link org.nd4j.nativeblas.Nd4jCpu}): it only
 * exists so that DL4J 1.0.0-M2.1 finds its oneDNN helpers on the CPU backend. Nothing of the workbench
 * calls it.
 */
package org.nd4j.nativeblas;
