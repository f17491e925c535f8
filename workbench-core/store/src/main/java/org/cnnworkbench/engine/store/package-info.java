/**
 * What the engine needs from storage, declared as interfaces and values; the {@code db} module
 * implements them on H2. Rules: parameters and configuration are written once; metrics are
 * appended once per (run, key, epoch); each epoch's metrics are committed in one transaction.
 * Every write of a running trial or run is fenced by its {@link org.cnnworkbench.engine.store.Lease}, and
 * {@link org.cnnworkbench.engine.store.TransientFailures} is the one classification (and bounded retry) of
 * database failures that pass by themselves, for the store, the engine and the commands alike.
 * It lives in the {@code workbench-store} module and may use only the JDK and the plugin API's value types
 * ({@code org.cnnworkbench.api}): no DL4J, ND4J, database or JSON library.
 */
package org.cnnworkbench.engine.store;
