/**
 * Running one trial. {@link org.cnnworkbench.engine.run.TrialRunner} orchestrates it and records
 * its failure; the steps are classes of their own:
 * <ul>
 *   <li>{@link org.cnnworkbench.engine.run.TrialPreparation}: data, augmentation transforms,
 *       callbacks' listeners and the seeded network, built from the plugins
 *       ({@link org.cnnworkbench.engine.run.NetworkFactory} is the architectures' context);</li>
 *   <li>{@link org.cnnworkbench.engine.run.ResumePoint} and {@link org.cnnworkbench.engine.run.Checkpoints}:
 *       where training starts, and the per-epoch checkpoints a resumed run continues from;</li>
 *   <li>{@link org.cnnworkbench.engine.run.EpochLoop}: the epochs with validation, callbacks
 *       ({@link org.cnnworkbench.engine.run.Callbacks}, {@link org.cnnworkbench.engine.run.TrialControl}),
 *       recording and pruning; {@link org.cnnworkbench.engine.run.TrainingPass} is one epoch's batches
 *       ({@link org.cnnworkbench.engine.run.BatchStream}, prepared ahead on another thread) with the
 *       training loop's faster backward passes that {@link org.cnnworkbench.engine.run.FastBackprop}
 *       allows ({@link org.cnnworkbench.engine.run.ReluBackprop},
 *       {@link org.cnnworkbench.engine.run.InputGradientSkip}); with replicas
 *       ({@link org.cnnworkbench.engine.run.ReplicaPlan} chooses how many) each batch is one synchronous step
 *       of all of them ({@link org.cnnworkbench.engine.run.ReplicaTrainer});</li>
 *   <li>{@link org.cnnworkbench.engine.run.TestEvaluation} and {@link org.cnnworkbench.engine.run.RunArtifacts}:
 *       the test split's evaluation, and the files a run leaves (model files, test samples).</li>
 * </ul>
 *
 * <p>May use the plugin API ({@code org.cnnworkbench.api}), DL4J/ND4J, the engine's own classes (errors, JSON, digests) and its
 * {@code spec}, {@code nd4j} and {@code store} interfaces; it knows no database, CLI or web code.
 */
package org.cnnworkbench.engine.run;
