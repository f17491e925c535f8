/**
 * Test helpers for plugin authors: {@link org.cnnworkbench.testkit.TestParams} builds parameters
 * the way the engine passes them, {@link org.cnnworkbench.testkit.ExtensionIndex} finds a
 * module's extensions the way PF4J does, {@link org.cnnworkbench.testkit.ExtensionContract}
 * checks the declarations every extension must keep, and
 * {@link org.cnnworkbench.testkit.RecordingControl} runs a callback's listener over given epochs
 * the way the engine does, recording what it asks for.
 */
package org.cnnworkbench.testkit;
