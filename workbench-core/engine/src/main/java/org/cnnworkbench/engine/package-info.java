/**
 * The engine: experiment files ({@code spec}), plugin loading ({@code plugin}), the trial runner
 * ({@code run}), a sweep worker's loop and heartbeats ({@code sweep}), predictions ({@code predict}),
 * augmentation previews ({@code data}), the JSON documents the CLI and the dashboard share ({@code json})
 * and the ND4J set-up ({@code nd4j}). It depends on the plugin API, DL4J/ND4J, PF4J and the storage
 * interfaces of the {@code workbench-store} module ({@code org.cnnworkbench.engine.store}); it knows
 * nothing of the H2 implementation ({@code db}), the dashboard ({@code web}) or the command line
 * ({@code app}).
 */
package org.cnnworkbench.engine;
