package org.nd4j.nativeblas;

import java.lang.reflect.Method;

/**
 * Compatibility shim for a defect of DL4J 1.0.0-M2.1: {@code BaseMKLDNNHelper.mklDnnEnabled()}
 * looks up {@code org.nd4j.nativeblas.Nd4jCpu$Environment} by reflection, a class that M2.1 moved
 * to {@code org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment} (where the method is now
 * {@code isUseONEDNN()}). Without this class the lookup fails, DL4J logs "Cannot find class" and
 * keeps its oneDNN layer helpers off, and convolutional training is 5–7× slower.
 *
 * <p>This class exists only under the old name, with the two methods DL4J calls; both delegate
 * to the real binding. DL4J consults it only on the CPU backend; the real binding is reached by
 * reflection so that the engine also compiles against the CUDA backend (the {@code cuda}
 * profile), which does not have it. Remove this class once the project moves to a DL4J release
 * that fixes the lookup.
 */
public final class Nd4jCpu {
    private static final String REAL_ENVIRONMENT = "org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment";

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
            return (Boolean) call("isUseONEDNN", new Class<?>[0]);
        }

        /** Allows or forbids the native platform helpers. */
        public void allowHelpers(boolean allow) {
            call("allowHelpers", new Class<?>[] {boolean.class}, allow);
        }

        private static Object call(String method, Class<?>[] types, Object... args) {
            try {
                Class<?> real = Class.forName(REAL_ENVIRONMENT);
                Object instance = real.getMethod("getInstance").invoke(null);
                Method m = real.getMethod(method, types);
                return m.invoke(instance, args);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("the ND4J CPU backend's " + REAL_ENVIRONMENT + "." + method
                        + " is not available: " + e, e);
            }
        }
    }
}
