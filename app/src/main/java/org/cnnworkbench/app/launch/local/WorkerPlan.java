package org.cnnworkbench.app.launch.local;

import java.util.ArrayList;
import java.util.List;
import org.cnnworkbench.engine.ErrorCode;
import org.cnnworkbench.engine.WorkbenchException;
import org.cnnworkbench.app.device.Gpus;

/**
 * How many worker processes a sweep gets, on which devices, with how many native threads each.
 * GPUs: one worker per listed GPU. CPU: the cores are shared out; two or more single-threaded
 * workers train faster together than one worker with all threads (DL4J's Java side needs a core),
 * so by default a 2-core machine runs 2 workers × 1 thread, and larger machines workers of 2 threads.
 *
 * @param devices one entry per worker: {@code cpu} or a GPU index
 */
public record WorkerPlan(List<String> devices, int threads) {

    public static WorkerPlan choose(String devicesOption, Integer workersOption, Integer threadsOption, Integer parallelism, int maxUseful,
                             int cores) {
        if (workersOption != null && workersOption < 1) {
            throw new WorkbenchException(ErrorCode.INVALID_ARGUMENT, "--workers must be at least 1, found " + workersOption);
        }
        if (threadsOption != null && threadsOption < 1) {
            throw new WorkbenchException(ErrorCode.INVALID_ARGUMENT, "--threads must be at least 1, found " + threadsOption);
        }
        Integer asked = workersOption != null ? workersOption : parallelism;
        if ("gpu".equals(devicesOption)) {
            List<Gpus.Gpu> gpus = Gpus.list();
            if (gpus.isEmpty()) {
                throw new WorkbenchException(ErrorCode.INVALID_ARGUMENT, "--devices gpu: this machine has no GPU that the NVIDIA "
                        + "driver lists (" + Gpus.report().problem() + "); use --devices cpu, or --launcher slurm on a cluster");
            }
            devicesOption = String.join(",", gpus.stream().map(g -> Integer.toString(g.index())).toList());
        }
        if (devicesOption != null && !devicesOption.equals("cpu")) {
            List<String> gpus = new ArrayList<>();
            for (String part : devicesOption.split(",")) {
                if (!part.trim().matches("\\d+")) {
                    throw new WorkbenchException(ErrorCode.INVALID_ARGUMENT, "--devices takes cpu, gpu or GPU indexes like 0,1; found '"
                            + devicesOption + "'");
                }
                gpus.add(part.trim());
            }
            int n = asked == null ? gpus.size() : asked;
            List<String> devices = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                devices.add(gpus.get(i % gpus.size()));
            }
            return new WorkerPlan(devices, 1);
        }
        int workers = asked != null ? asked : defaultCpuWorkers(cores);
        workers = Math.max(1, Math.min(workers, Math.max(1, maxUseful)));
        int threads = threadsOption != null ? threadsOption : Math.max(1, cores / workers);
        return new WorkerPlan(java.util.Collections.nCopies(workers, "cpu"), threads);
    }

    static int defaultCpuWorkers(int cores) {
        return cores <= 3 ? cores : cores / 2;
    }

    public String describe() {
        int n = devices.size();
        String what = devices.get(0).equals("cpu") ? n + " CPU worker" + (n == 1 ? "" : "s") + " × " + threads + " thread"
                + (threads == 1 ? "" : "s") : n + " GPU worker" + (n == 1 ? "" : "s") + " (GPU " + String.join(", ", devices) + ")";
        return what;
    }
}
