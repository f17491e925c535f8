package org.nd4j.nativeblas;

/**
 * Compatibility shim for a defect of DL4J 1.0.0-M2.1: {@code BaseMKLDNNHelper.mklDnnEnabled()}
 * looks up {@code org.nd4j.nativeblas.Nd4jCpu$Environment} by reflection, a class that M2.1 moved
 * to {@code org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment} (where the method is now
 * {@code isUseONEDNN()}). Without this class the lookup fails, DL4J logs "Cannot find class" and
 * keeps its oneDNN layer helpers off, and convolutional training is 5–7× slower.
 *
 * <p>This class exists only under the old name, with the two methods DL4J calls; both delegate
 * to the real binding. It is loaded only on the CPU backend (DL4J checks the backend first).
 * Remove it once the project moves to a DL4J release that fixes the lookup.
 */
public final class Nd4jCpu {
    private Nd4jCpu() {
    }

    /** The old name of the native environment, as DL4J's helper check expects it. */
    public static final class Environment {
        private static final Environment INSTANCE = new Environment();

        private Environment() {
        }

        public static Environment getInstance() {
            return INSTANCE;
        }

        /** Whether libnd4j was built with oneDNN and uses it. */
        public boolean isUseMKLDNN() {
            return org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu.Environment.getInstance().isUseONEDNN();
        }

        /** Allows or forbids the native platform helpers. */
        public void allowHelpers(boolean allow) {
            org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu.Environment.getInstance().allowHelpers(allow);
        }
    }
}
