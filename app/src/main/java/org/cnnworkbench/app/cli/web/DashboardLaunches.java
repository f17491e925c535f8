package org.cnnworkbench.app.cli.web;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.cnnworkbench.app.cli.runs.CancelCommand;
import org.cnnworkbench.app.cli.sweep.PauseCommand;
import org.cnnworkbench.app.cli.train.CheckCommand;
import org.cnnworkbench.app.home.Workbench;
import org.cnnworkbench.app.launch.WorkerLaunch;
import org.cnnworkbench.engine.ErrorCode;
import org.cnnworkbench.engine.LaunchedBy;
import org.cnnworkbench.engine.WorkbenchException;
import org.cnnworkbench.engine.run.TrialRunner;
import org.cnnworkbench.engine.spec.ExperimentDocument;
import org.cnnworkbench.engine.spec.ExperimentProblems;
import org.cnnworkbench.engine.spec.ExperimentSpec;
import org.cnnworkbench.engine.spec.ExperimentValidator;
import org.cnnworkbench.engine.store.SweepState;
import org.cnnworkbench.engine.store.TrialRow;
import org.cnnworkbench.engine.sweep.SweepDefinition;
import org.cnnworkbench.web.Launches;

/**
 * The dashboard's launches on the CLI's own code: {@code check}'s validation in this process, and runs,
 * sweeps, resumes and extensions as the same {@code run}, {@code sweep}, {@code resume} and
 * {@code extend} processes a terminal starts (this Java, class path and home; {@value LaunchedBy#VARIABLE}
 * set to {@code dashboard}), detached from the request: their output goes to {@code HOME/launches/}, next
 * to the experiment each was given. Pause and cancel call the commands' own methods here.
 */
public final class DashboardLaunches implements Launches {
    private static final Pattern LINE = Pattern.compile(", line (\\d+): ");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");
    /** How long a started process may take to record its run or sweep and print its id. */
    private static final long START_SECONDS = 180;

    private final Workbench workbench;
    private final Path experiments;
    private final boolean slurm;
    private final List<String> homeArguments;
    /** One validation at a time: each loads the data and builds the model. */
    private final Semaphore checking = new Semaphore(1);

    /**
     * @param experiments   the folder the New page lists (and pasted text's relative paths resolve against)
     * @param slurm         whether sweeps run on Slurm
     * @param homeArguments the serving command's home options, handed to the processes it starts
     */
    public DashboardLaunches(Workbench workbench, Path experiments, boolean slurm, List<String> homeArguments) {
        this.workbench = workbench;
        this.experiments = experiments.toAbsolutePath().normalize();
        this.slurm = slurm;
        this.homeArguments = List.copyOf(homeArguments);
    }

    private record Validated(ExperimentSpec spec, SweepDefinition sweep) {
    }

    @Override
    public Check check(String yaml, String file) {
        Path virtual = virtualFile(file);
        try {
            if (!checking.tryAcquire(60, TimeUnit.SECONDS)) {
                throw new Refused(503, "another validation is still running; try again");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Refused(503, "interrupted");
        }
        try {
            Validated v = validate(yaml, virtual, false);
            TrialRunner.Prepared prepared = TrialRunner.prepare(v.spec(), workbench.home());
            Map<String, Object> summary = new LinkedHashMap<>(CheckCommand.document(v.spec(), v.sweep(), prepared));
            summary.put("summary_text", prepared.summary().toText());
            return new Check(true, List.of(), summary);
        } catch (WorkbenchException e) {
            return new Check(false, problems(e, virtual), null);
        } finally {
            checking.release();
        }
    }

    @Override
    public Launched launchRun(String yaml, String file) {
        return launch(yaml, file, false);
    }

    @Override
    public Launched launchSweep(String yaml, String file) {
        return launch(yaml, file, true);
    }

    private Launched launch(String yaml, String file, boolean sweep) {
        Path virtual = virtualFile(file);
        Validated v;
        try {
            v = validate(yaml, virtual, sweep);
        } catch (WorkbenchException e) {
            return new Launched(null, new Check(false, problems(e, virtual), null));
        }
        // The validated experiment with every default filled and every path absolute: it runs the same
        // wherever the file is written (relative paths resolved against the folder it was opened from).
        Path written = record(v.spec().name(), v.spec().resolved());
        List<String> args = new ArrayList<>(List.of(sweep ? "sweep" : "run", written.toString(), "--no-progress"));
        if (sweep && slurm) {
            args.addAll(List.of("--launcher", "slurm"));
        }
        String first = start(args, written, sweep ? "s\\d+" : "r\\d+");
        return new Launched(first, null);
    }

    @Override
    public Map<String, Object> pause(String sweepId) {
        return refusals(() -> PauseCommand.pause(workbench, sweepId));
    }

    @Override
    public Map<String, Object> resume(String sweepId) {
        SweepState state = state(sweepId);
        if (state == SweepState.CANCELLED) {
            throw new Refused(409, "sweep " + sweepId + " was cancelled; a cancelled sweep is not resumed");
        }
        if (state == SweepState.RUNNING || state == SweepState.QUEUED) {
            throw new Refused(409, "sweep " + sweepId + " is " + state.label() + "; only a paused or interrupted sweep is resumed");
        }
        if (state == SweepState.COMPLETED) {
            throw new Refused(409, "sweep " + sweepId + " has completed; extend it to run more trials");
        }
        Path log = launchFile("resume-" + sweepId, ".out");
        String line = start(List.of("resume", sweepId, "--no-progress"), log, "Resuming .*");
        return Map.of("id", sweepId, "message", line);
    }

    @Override
    public Map<String, Object> extend(String sweepId, int trials) {
        SweepState state = state(sweepId);
        if (state == SweepState.RUNNING || state == SweepState.QUEUED) {
            throw new Refused(409, "sweep " + sweepId + " is " + state.label() + "; pause it first, then extend it");
        }
        if (state == SweepState.CANCELLED) {
            throw new Refused(409, "sweep " + sweepId + " was cancelled; a cancelled sweep is not extended");
        }
        Path log = launchFile("extend-" + sweepId, ".out");
        String line = start(List.of("extend", sweepId, "--trials", Integer.toString(trials), "--no-progress"), log, "Extended .*");
        return Map.of("id", sweepId, "message", line);
    }

    @Override
    public Map<String, Object> cancel(String id) {
        return refusals(() -> {
            String message = CancelCommand.cancel(workbench, id, "cancelled from the dashboard");
            if (id.startsWith("s")) {
                CancelCommand.cancelJobs(workbench, id);
            }
            return Map.of("id", id, "message", message);
        });
    }

    @Override
    public Map<String, Object> requeue(String runId) {
        var run = workbench.store().findRun(runId).orElseThrow(() -> new Refused(404, "no run " + runId));
        String sweepId = run.summary().sweepId();
        if (sweepId == null) {
            throw new Refused(409, runId + " is not a trial of a sweep; only a sweep's running trial goes back to its queue");
        }
        TrialRow trial = workbench.sweeps().findSweep(sweepId).flatMap(d -> d.trials().stream()
                .filter(t -> runId.equals(t.id())).findFirst()).orElseThrow(() -> new Refused(404, "no trial " + runId));
        if (!"running".equals(trial.status().label()) || trial.workerId() == null
                || !workbench.sweeps().requeue(runId, trial.workerId(), "re-queued from the dashboard")) {
            throw new Refused(409, "trial " + runId + " is " + trial.status().label() + "; only a running trial goes back to "
                    + "the queue (it stops at its next batch and resumes from its checkpoint)");
        }
        return Map.of("id", runId, "message", "Re-queued " + runId + ": it stops at its next batch and resumes from its "
                + "checkpoint on the next free worker.");
    }

    @Override
    public List<String> experiments() {
        if (!Files.isDirectory(experiments)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(experiments, 4)) {
            return files.filter(Files::isRegularFile)
                    .map(p -> experiments.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> (p.endsWith(".yaml") || p.endsWith(".yml")) && !p.startsWith(".") && !p.contains("/."))
                    .sorted().limit(2000).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String experiment(String path) {
        if (!experiments().contains(path)) {
            throw new Refused(404, "no experiment file '" + path + "' in the dashboard's experiments folder");
        }
        try {
            return Files.readString(experiments.resolve(path), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new Refused(404, "cannot read '" + path + "': " + e.getClass().getSimpleName());
        }
    }

    @Override
    public String launcher() {
        return slurm ? "slurm" : "local";
    }

    // ---- the parts ----

    private SweepState state(String sweepId) {
        return workbench.sweeps().findSweep(sweepId).orElseThrow(() -> new Refused(404, "no sweep " + sweepId))
                .summary().state();
    }

    /** Where the text is taken to come from: the file it was opened from, else a file in the experiments folder. */
    private Path virtualFile(String file) {
        if (file == null || file.isBlank()) {
            return experiments.resolve("dashboard.yaml");
        }
        Path p = experiments.resolve(file).normalize();
        if (!p.startsWith(experiments) || file.contains("\0")) {
            throw new Refused(400, "file '" + file + "' is outside the dashboard's experiments folder; give a path inside it");
        }
        return p;
    }

    private Validated validate(String yaml, Path virtual, boolean sweep) {
        ExperimentValidator validator = new ExperimentValidator(workbench.plugins());
        ExperimentDocument document = ExperimentDocument.parse(virtual, yaml, List.of());
        ExperimentSpec spec = validator.validate(document);
        SweepDefinition definition = spec.hasSweep() || sweep ? SweepDefinition.validate(document, validator) : null;
        return new Validated(spec, definition);
    }

    /** The problems of an invalid text, each with its line and column where the message names one. */
    private List<Problem> problems(WorkbenchException e, Path virtual) {
        List<Problem> list = new ArrayList<>();
        String prefix = virtual.toString();
        String shown = experiments.relativize(virtual).toString();
        if (e instanceof ExperimentProblems p) {
            for (ExperimentProblems.Problem problem : p.problems()) {
                list.add(new Problem(problem.line(), problem.column(), problem.message().replace(prefix, shown)));
            }
            return list;
        }
        String message = e.getMessage().replace(prefix, shown);
        Matcher m = LINE.matcher(message);
        int line = m.find() ? Integer.parseInt(m.group(1)) : 0;
        list.add(new Problem(line, line > 0 ? 1 : 0, line > 0 ? message.substring(m.end()) : message));
        return list;
    }

    /** Writes the experiment to be launched under {@code HOME/launches/}. */
    private Path record(String name, Object resolved) {
        Path file = launchFile(name.replaceAll("[^A-Za-z0-9._-]", "_"), ".yaml");
        try {
            Files.writeString(file, "# Launched from the dashboard " + LocalDateTime.now() + "\n"
                    + new YAMLMapper().writeValueAsString(resolved));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private Path launchFile(String name, String suffix) {
        Path dir = workbench.home().resolve("launches");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir.resolve(LocalDateTime.now().format(STAMP) + "-" + name + suffix);
    }

    /**
     * Starts {@code ./workbench ARGS} as a process of its own, its output in files next to {@code base};
     * waits for its first line of standard output matching {@code firstLine} (the id it recorded, or
     * what it did) and answers it, or refuses with what the process said when it ends first.
     */
    private String start(List<String> args, Path base, String firstLine) {
        List<String> command = new ArrayList<>(WorkerLaunch.javaCommand());
        command.addAll(args);
        command.addAll(homeArguments);
        String stem = base.getFileName().toString().replaceFirst("\\.(yaml|out)$", "");
        Path out = base.resolveSibling(stem + ".out");
        Path err = base.resolveSibling(stem + ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(nullFile()));
        builder.environment().put(LaunchedBy.VARIABLE, "dashboard");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new Refused(503, "could not start ./workbench " + args.get(0) + ": " + e.getMessage());
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
        Pattern wanted = Pattern.compile(firstLine);
        while (System.nanoTime() < deadline) {
            String line = firstMatching(out, wanted);
            if (line != null) {
                return line;
            }
            if (!process.isAlive()) {
                line = firstMatching(out, wanted);
                if (line != null) {
                    return line;
                }
                throw new Refused(process.exitValue() == 2 ? 409 : 500, "./workbench " + args.get(0) + " ended (exit code "
                        + process.exitValue() + "): " + tail(err));
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Refused(503, "interrupted while ./workbench " + args.get(0) + " started");
            }
        }
        throw new Refused(503, "./workbench " + args.get(0) + " has not started within " + START_SECONDS + " s; see " + out);
    }

    private static java.io.File nullFile() {
        return new java.io.File(System.getProperty("os.name").toLowerCase().contains("win") ? "NUL" : "/dev/null");
    }

    private static String firstMatching(Path out, Pattern wanted) {
        try {
            for (String line : Files.readAllLines(out)) {
                if (wanted.matcher(line.strip()).matches()) {
                    return line.strip();
                }
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String tail(Path err) {
        try {
            List<String> lines = Files.readAllLines(err).stream().filter(l -> !l.isBlank() && !l.startsWith("WARN")
                    && !l.startsWith("SLF4J")).toList();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException e) {
            return "(no output)";
        }
    }

    private static <T> T refusals(java.util.function.Supplier<T> action) {
        try {
            return action.get();
        } catch (WorkbenchException e) {
            throw new Refused(e.code() == ErrorCode.NOT_FOUND ? 404 : 409, e.getMessage());
        }
    }
}
