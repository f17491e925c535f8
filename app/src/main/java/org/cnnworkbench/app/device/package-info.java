/**
 * Probing this machine: the GPUs the driver reports, the CPU model and vector extensions, the CUDA
 * libraries on the library path, programs on the PATH. Returns values and never prints; {@code doctor}
 * and the launchers present them. Uses only the JDK.
 */
package org.cnnworkbench.app.device;
