package pcilc.tlc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import pcilc.model.AtomicFile;
import pcilc.model.Cfg;
import pcilc.model.Manifest;
import pcilc.model.ModuleNames;
import pcilc.model.TlcOutput;
import pcilc.model.ToolError;

/**
 * Runs TLC on one design in a JVM of its own (TLC keeps static state and leaves threads behind), with one
 * worker and a fixed fingerprint so that distinct-state counts and depth are repeatable.
 */
public final class ModelCheck {
    /** TLC's exit codes (tlc2.output.EC.ExitStatus). */
    static final int EXIT_PASS = 0;
    static final int EXIT_DEADLOCK = 11;
    static final int EXIT_INVARIANT = 12;
    static final int EXIT_PROPERTY = 13;
    static final int EXIT_PARSE = 150;
    static final int EXIT_CONFIG = 151;

    /**
     * TLC's options that shape a result (stored results name them, so a change of them is a new result).
     * -lncheck final: by default TLC also checks liveness on the partial graph at its first progress report
     * and every minute after, and stops there if it finds the violation: how far the graph got then depends
     * on the machine's speed (a CI run once cut zpci-mainline's graph short that way).
     */
    public static final List<String> FLAGS = List.of("-tool", "-lncheck", "final", "-workers", "1", "-fp", "0");

    private static final Pattern DISTINCT = Pattern.compile("(\\d+) distinct states? found");
    private static final Pattern DEPTH = Pattern.compile("search is (\\d+)");
    private static final Pattern PROGRESS_DEPTH = Pattern.compile("Progress\\((\\d+)\\)");
    private static final Pattern INVARIANT = Pattern.compile("Invariant (\\w+) is violated");
    private static final Pattern ACTION_PROPERTY = Pattern.compile("Action property (\\w+)");

    /**
     * What TLC found; {@code result} as the manifest spells it; {@code output}: every line TLC printed, in its
     * {@code -tool} framing (a stored run keeps it for the review).
     */
    public record Result(String design, String result, long distinct, long depth, double seconds,
                         List<TlcOutput.Message> trace, List<String> output) {
        public Result(String design, String result, long distinct, long depth, double seconds,
                      List<TlcOutput.Message> trace) {
            this(design, result, distinct, depth, seconds, trace, List.of());
        }

        public int exitStatus() {
            if (result.equals("pass")) {
                return EXIT_PASS;
            }
            if (result.equals("deadlock")) {
                return EXIT_DEADLOCK;
            }
            return result.startsWith("invariant:") ? EXIT_INVARIANT : EXIT_PROPERTY;
        }

        public String summaryLine() {
            return String.format(java.util.Locale.ROOT, "design=%s result=%s distinct=%d depth=%d seconds=%.1f",
                    design, result, distinct, depth, seconds);
        }
    }

    private final Path specDir;
    private final Path buildDir;

    public ModelCheck(Path specDir, Path buildDir) {
        this.specDir = specDir.toAbsolutePath().normalize();
        this.buildDir = buildDir.toAbsolutePath().normalize();
    }

    /** Runs TLC on {@code design}; {@code echo} sees TLC's output as it comes (progress, trace). */
    public Result run(Manifest.Design design, Consumer<TlcOutput.Item> echo) {
        return run(design, echo, null);
    }

    /**
     * The same, and TLC also writes its state graph with every transition's action and parameters to
     * {@code graph} (pcilc.model.StateGraph's format), when not null.
     */
    public Result run(Manifest.Design design, Consumer<TlcOutput.Item> echo, Path graph) {
        Path tla = design.moduleFile(specDir);
        Path cfg = design.cfgFile(specDir);
        requireFile(tla);
        requireFile(cfg);
        long started = System.nanoTime();
        Path runDir = freshDir(buildDir.resolve(design.name()));
        requireDeclaredConstants(tla, cfg, runDir);
        Run run = runTlc(tla, cfg, runDir, echo, graph);
        TlcOutput out = run.out();
        String result = switch (run.exit()) {
            case EXIT_PASS -> "pass";
            case EXIT_DEADLOCK -> "deadlock";
            case EXIT_INVARIANT -> "invariant:" + violatedInvariant(out, cfg);
            case EXIT_PROPERTY -> "property:" + violatedProperty(cfg, tla, runDir);
            default -> throw new ToolError(describeFailure(run.exit(), out, tla, cfg));
        };
        if (result.startsWith("property:")) {
            requireCompleteStateSpace(out, cfg);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long distinct = out.lastNumber(TlcOutput.STATS, DISTINCT);
        List<TlcOutput.Message> trace = out.messages().stream().filter(TlcOutput.Message::isTraceState).toList();
        long depth = out.lastNumber(TlcOutput.SEARCH_DEPTH, DEPTH);
        if (depth < 0 && result.startsWith("property:")) {
            // liveness is checked on the complete graph, whose depth the last progress line gives
            depth = out.lastNumber(TlcOutput.PROGRESS, PROGRESS_DEPTH);
        }
        if (depth < 0) {
            depth = out.withCode(TlcOutput.STATE_PRINT).size();  // a safety violation: the trace's length
        }
        return new Result(design.name(), result, distinct, depth, seconds, trace, List.copyOf(out.lines()));
    }

    /**
     * TLC ignores a cfg's value for a name the spec does not have: a misspelt constant would change nothing.
     * The names are read from the modules' text; should that disagree with the cfg, SANY first says whether
     * the spec parses at all (a broken declaration is the spec's error, not the cfg's).
     */
    private void requireDeclaredConstants(Path tla, Path cfg, Path runDir) {
        ModuleNames names = ModuleNames.of(tla);
        String module = tla.getFileName().toString().replaceFirst("\\.tla$", "");
        for (Cfg.Assignment a : new Cfg(read(cfg)).assignments()) {
            if (!names.assignable(a.name())) {
                Run sany = runJava(List.of("tla2sany.SANY", tla.getFileName().toString()), tla.getParent(),
                        runDir.resolve("sany"), item -> { });
                if (sany.exit() != 0) {
                    throw new ToolError(describeFailure(EXIT_PARSE, sany.out(), tla, cfg));
                }
                String near = names.closestConstant(a.name());
                throw new ToolError(cfg + ":" + a.line() + ": constant " + a.name() + " is not declared by module "
                        + module + (near != null ? " (did you mean " + near + "?)" : ""));
            }
        }
    }

    /** One TLC process: what it printed and its exit status. */
    public record Run(TlcOutput out, int exit) {
    }

    /**
     * TLC on {@code tla} with {@code cfg}, writing the whole state graph to {@code graph} (trace validation);
     * a run that does not pass is an error naming the cfg.
     */
    public void explore(Path tla, Path cfg, Path runDir, Path graph) {
        requireFile(tla);
        requireFile(cfg);
        Run run = runTlc(tla.toAbsolutePath(), cfg, freshDir(runDir.toAbsolutePath()), item -> { }, graph);
        if (run.exit() != EXIT_PASS) {
            throw new ToolError(describeFailure(run.exit(), run.out(), tla, cfg));
        }
    }

    private Run runTlc(Path tla, Path cfg, Path runDir, Consumer<TlcOutput.Item> echo) {
        return runTlc(tla, cfg, runDir, echo, null);
    }

    private Run runTlc(Path tla, Path cfg, Path runDir, Consumer<TlcOutput.Item> echo, Path graph) {
        List<String> cmd = new ArrayList<>();
        if (graph != null) {
            cmd.addAll(List.of("pcilc.tlc.GraphMain", graph.toAbsolutePath().toString()));
        } else {
            cmd.add("tlc2.TLC");
        }
        cmd.addAll(FLAGS);
        cmd.addAll(List.of("-metadir", runDir.resolve("meta").toString(), "-config",
                cfg.toAbsolutePath().toString(), tla.getFileName().toString()));
        if (graph != null) {
            AtomicFile.createDirectories(graph.toAbsolutePath().getParent());
        }
        return runJava(cmd, tla.getParent(), runDir, echo);
    }

    /** A class of TLC's (or GraphMain) in a JVM of its own, in directory {@code dir}, its scratch under {@code runDir}. */
    private static Run runJava(List<String> mainAndArgs, Path dir, Path runDir, Consumer<TlcOutput.Item> echo) {
        Path tmp = AtomicFile.createDirectories(runDir.resolve("tmp"));
        List<String> cmd = new ArrayList<>(List.of(javaBinary(), "-XX:+UseParallelGC", "-Xmx2g", "-Xss16m"));
        cmd.addAll(JIT);
        cmd.addAll(List.of("-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path")));
        cmd.addAll(mainAndArgs);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        TlcOutput out = new TlcOutput(echo);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new ToolError(dir + ": cannot start TLC (" + AtomicFile.why(e) + ")");
        }
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                out.accept(line);
            }
            return new Run(out, p.waitFor());
        } catch (IOException e) {
            throw new ToolError(dir + ": lost TLC's output (" + AtomicFile.why(e) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ToolError(dir + ": interrupted while TLC ran");
        } finally {
            p.destroy();  // no TLC left running (writing its graph, say) once we stop listening
        }
    }

    /** This JVM's choice of JIT compiler (bin/pcilc picks the client compiler alone for a small design), for TLC's. */
    private static final List<String> JIT = java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()
            .stream().filter(a -> a.startsWith("-XX:TieredStopAtLevel=")).toList();

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String violatedInvariant(TlcOutput out, Path cfg) {
        for (TlcOutput.Message m : out.messages()) {
            if (m.code() == TlcOutput.INVARIANT_VIOLATED_BEHAVIOR || m.code() == TlcOutput.INVARIANT_VIOLATED_INITIAL) {
                Matcher x = INVARIANT.matcher(m.body());
                if (x.find()) {
                    return x.group(1);
                }
            }
            if (m.code() == TlcOutput.ACTION_PROPERTY_VIOLATED) {
                Matcher x = ACTION_PROPERTY.matcher(m.body());
                if (x.find()) {
                    return x.group(1);
                }
            }
        }
        throw new ToolError(cfg + ": TLC reported a safety violation but named no invariant");
    }

    /** A liveness verdict stands for the whole model only when TLC reached it on the complete graph. */
    static void requireCompleteStateSpace(TlcOutput out, Path cfg) {
        List<TlcOutput.Message> checks = out.withCode(TlcOutput.CHECKING_TEMPORAL_PROPERTIES);
        if (checks.isEmpty() || !checks.get(checks.size() - 1).body().contains("complete state space")) {
            throw new ToolError(cfg + ": TLC reported a temporal violation before it had explored the whole"
                    + " state space (was -lncheck final dropped?)");
        }
    }

    /**
     * TLC does not name the violated temporal property: with several, check each alone (the invariants
     * already held on the whole state space, so the reruns leave them out).
     */
    private String violatedProperty(Path cfg, Path tla, Path runDir) {
        Cfg model = new Cfg(read(cfg));
        List<String> properties = model.properties();
        // If all but the last hold on their own, the last one is the violated one: no run needed for it.
        for (String property : properties.subList(0, Math.max(0, properties.size() - 1))) {
            Path single = runDir.resolve("only-" + property + ".cfg");
            write(single, model.temporalOnly(property));
            if (runTlc(tla, single, freshDir(runDir.resolve("only-" + property)), item -> { }).exit() == EXIT_PROPERTY) {
                return property;
            }
        }
        if (properties.isEmpty()) {
            throw new ToolError(cfg + ": TLC reported a temporal violation but the cfg lists no PROPERTY");
        }
        return properties.get(properties.size() - 1);
    }

    /** One line naming the file (and position, where SANY or TLC gives one) and the problem: {@link TlcFailure}. */
    public static String describeFailure(int exit, TlcOutput out, Path tla, Path cfg) {
        return TlcFailure.describe(exit, out, tla, cfg);
    }

    private static void requireFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ToolError(file + ": no such file");
        }
    }

    private static Path freshDir(Path dir) {
        try {
            if (Files.exists(dir)) {
                try (Stream<Path> walk = Files.walk(dir)) {
                    walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // what could not be removed, creating the directory (or TLC, finding its old files) reports
        }
        return AtomicFile.createDirectories(dir);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new ToolError(file + ": cannot read (" + AtomicFile.why(e) + ")");
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new ToolError(AtomicFile.cannotWrite(file, e));
        }
    }
}
