/**
 * What the engine needs from storage, declared as interfaces and values; the {@code db} module
 * implements them on H2. Rules: parameters and configuration are written once; metrics are
 * appended once per (run, key, epoch); each epoch's metrics are committed in one transaction.
 */
package org.cnnworkbench.engine.store;
