/**
 * The plugin API of CNN Workbench: the four extension points a plugin jar implements
 * ({@link org.cnnworkbench.api.DatasetProvider}, {@link org.cnnworkbench.api.ArchitectureFactory},
 * {@link org.cnnworkbench.api.Augmentation}, {@link org.cnnworkbench.api.TrainingCallback}), the
 * declaration of their parameters ({@link org.cnnworkbench.api.ParamSpec}) and the values they
 * exchange with the engine (among them {@link org.cnnworkbench.api.ModelConfiguration}, a layer
 * stack or a layer graph). Plugin jars depend on this artifact, PF4J and the DL4J/ND4J API in
 * {@code provided} scope and on nothing else of the workbench.
 */
package org.cnnworkbench.api;
