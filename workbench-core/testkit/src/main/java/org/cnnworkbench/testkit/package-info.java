/**
 * Test helpers for plugin authors: {@link org.cnnworkbench.testkit.TestParams} builds parameters
 * the way the engine passes them, {@link org.cnnworkbench.testkit.ExtensionIndex} finds a
 * module's extensions the way PF4J does, and {@link org.cnnworkbench.testkit.ExtensionContract}
 * checks the declarations every extension must keep.
 */
package org.cnnworkbench.testkit;
