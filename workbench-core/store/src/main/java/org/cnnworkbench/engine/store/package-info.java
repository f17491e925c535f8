/**
 * What the engine needs from storage, declared as interfaces and values; the {@code db} module
 * implements them on H2. Rules: parameters and configuration are written once; metrics are
 * appended once per (run, key, epoch); each epoch's metrics are committed in one transaction.
 * It lives in the {@code workbench-store} module and may use only the JDK and the plugin API's value types
 * ({@code org.cnnworkbench.api}): no DL4J, ND4J, database or JSON library.
 */
package org.cnnworkbench.engine.store;
