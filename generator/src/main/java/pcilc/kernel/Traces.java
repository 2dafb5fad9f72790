package pcilc.kernel;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import pcilc.model.AtomicFile;
import pcilc.model.GraphError;
import pcilc.model.Manifest;
import pcilc.model.StateGraph;
import pcilc.model.ToolError;
import pcilc.source.SourceMap;
import pcilc.tlc.ModelCheck;

/**
 * {@code traces DIR...}: validates the kernel traces under each DIR/traces against the design named after
 * their kernel (or {@code --design}), with the mapping of the design's module (or {@code --map}); prints the
 * rejected traces as swimlanes and a table per kernel, and writes it to {@code build/kernel/report.md}.
 */
public final class Traces {
    /** One kernel's figures. */
    public record Row(String kernel, String design, int traces, int events, int validated, int rejected, int hung,
                      int deadlocks, int interleavings, List<String> observed, List<String> unobserved) {
        String line() {
            return String.format(Locale.ROOT, "| %s | %s | %d | %d | %d | %d | %d | %d | %d |", kernel, design, traces,
                    events, validated, rejected, hung, deadlocks, interleavings);
        }
    }

    private final Path specDir;
    private final Path buildDir;
    private final PrintStream out;

    /** {@code buildDir}: where TLC's graphs and the report go (build/kernel). */
    public Traces(Path specDir, Path buildDir, PrintStream out) {
        this.specDir = specDir;
        this.buildDir = buildDir;
        this.out = out;
    }

    /** The rows, one per kernel; the caller turns rejections into the exit status. */
    public List<Row> run(List<Path> dirs, String design, Path mapFile) {
        Map<String, List<KernelTrace>> byKernel = new LinkedHashMap<>();
        for (Path dir : dirs) {
            for (KernelTrace t : read(dir)) {
                byKernel.computeIfAbsent(t.kernel(), k -> new ArrayList<>()).add(t);
            }
        }
        Manifest manifest = Manifest.load(specDir);
        Set<String> actions = new HashSet<>();
        SourceMap.read(specDir).actions().forEach(a -> actions.add(a.name()));
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, List<KernelTrace>> k : byKernel.entrySet()) {
            String name = design != null ? design : k.getKey();
            Manifest.Design d;
            try {
                d = manifest.design(name);
            } catch (ToolError e) {
                throw new ToolError("no design " + name + " in " + manifest.file() + " for the traces of kernel " + k.getKey()
                        + " (the design of a kernel is named after it)");
            }
            TraceMap map = TraceMap.read(mapFile != null ? mapFile : TraceMap.fileOf(specDir, d.module()), actions);
            long started = System.nanoTime();
            StateGraph g = graph(d);
            out.printf(Locale.ROOT, "traces: %s: %d traces against design %s (%d states, %d steps; TLC %.1f s), mapping %s%n",
                    k.getKey(), k.getValue().size(), name, g.stateCount(), g.edges().size(),
                    (System.nanoTime() - started) / 1e9, map.file());
            Row row = validate(k.getKey(), name, g, map, k.getValue());
            out.println("  observed: " + String.join(" ", row.observed()));
            out.println("  not observed: " + String.join(" ", row.unobserved()));
            rows.add(row);
        }
        return rows;
    }

    private Row validate(String kernel, String design, StateGraph g, TraceMap map, List<KernelTrace> traces) {
        TraceCheck check = new TraceCheck(design, g, map);
        int events = 0;
        int validated = 0;
        int hung = 0;
        int deadlocks = 0;
        Set<String> interleavings = new HashSet<>();
        for (KernelTrace t : traces) {
            TraceCheck.Verdict v = check.check(t);
            events += v.events().size();
            hung += t.hung() ? 1 : 0;
            interleavings.add(TraceCheck.interleaving(v.events()));
            if (v.validated()) {
                validated++;
                if (t.hung()) {
                    out.println("hung " + t.file() + ": a prefix of a behaviour of " + design + (v.stuck().isEmpty()
                            ? "; the design cannot be stuck there" : "; the design deadlocks there too ("
                            + String.join(", ", v.stuck()) + " cannot move):"));
                    if (!v.stuck().isEmpty()) {
                        deadlocks++;
                        out.print(TraceCheck.swimlane(TraceCheck.threads(t, v.events()), v.prefix(), null, 40));
                    }
                }
                continue;
            }
            List<String> threads = TraceCheck.threads(t, v.events());
            out.println("rejected " + t.file() + ": " + v.why());
            out.print(TraceCheck.swimlane(threads, v.prefix(),
                    v.matched() < v.events().size() ? v.events().get(v.matched()) : null, 40));
        }
        // the design's actions (those it can take), observed where the map names them
        List<String> taken = g.edges().stream().map(StateGraph.Edge::action).distinct().sorted().toList();
        return new Row(kernel, design, traces.size(), events, validated, traces.size() - validated, hung, deadlocks,
                interleavings.size(),
                taken.stream().filter(map.observed()::contains).toList(),
                taken.stream().filter(a -> !map.observed().contains(a)).toList());
    }

    /** The design's whole state graph: its cfg without invariants, properties and the deadlock check. */
    private StateGraph graph(Manifest.Design d) {
        Path cfg = d.cfgFile(specDir);
        String text;
        try {
            text = Files.readString(cfg, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ToolError(cfg + ": cannot read (" + AtomicFile.why(e) + ")");
        }
        Path dir = AtomicFile.createDirectories(buildDir.resolve("tlc").toAbsolutePath());
        Path explore = dir.resolve(d.name() + ".explore.cfg");
        Path graph = dir.resolve(d.name() + ".graph");
        // TLC again only when the cfg or a module changed since the graph was written
        if (!newerThanSpec(graph, cfg)) {
            AtomicFile.write(explore, exploring(text));
            new ModelCheck(specDir, dir).explore(d.moduleFile(specDir), explore, dir.resolve(d.name()), graph);
        }
        try {
            return StateGraph.read(graph);
        } catch (GraphError e) {
            throw new ToolError(graph + ": " + e.getMessage());
        }
    }

    /** {@code file} exists and is newer than {@code cfg} and every module of the spec. */
    private boolean newerThanSpec(Path file, Path cfg) {
        try (Stream<Path> modules = Files.list(specDir)) {
            long written = Files.getLastModifiedTime(file).toMillis();
            List<Path> inputs = new ArrayList<>(modules.filter(p -> p.toString().endsWith(".tla")).toList());
            inputs.add(cfg);
            for (Path in : inputs) {
                if (Files.getLastModifiedTime(in).toMillis() >= written) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;  // no graph yet (or unreadable): TLC writes it
        }
    }

    /** A cfg's text without INVARIANT(S), PROPERTY/PROPERTIES and CHECK_DEADLOCK, then CHECK_DEADLOCK FALSE. */
    static String exploring(String cfg) {
        StringBuilder b = new StringBuilder();
        boolean dropping = false;
        for (String line : cfg.split("\n", -1)) {
            String first = line.strip().split("\\s+")[0];
            if (first.matches("[A-Z_]+")) {
                dropping = first.startsWith("INVARIANT") || first.startsWith("PROPERT") || first.equals("CHECK_DEADLOCK");
            }
            if (!dropping) {
                b.append(line).append('\n');
            }
        }
        return b.toString().stripTrailing() + "\nCHECK_DEADLOCK FALSE\n";
    }

    private static List<KernelTrace> read(Path dir) {
        Path traces = dir.resolve("traces");
        if (!Files.isDirectory(traces)) {
            throw new ToolError(dir + ": no traces/ directory (make kernel writes build/kernel/<KERNEL>/traces)");
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(traces)) {
            files = s.filter(p -> p.toString().endsWith(".trace")).sorted().toList();
        } catch (IOException e) {
            throw new ToolError(traces + ": cannot list (" + AtomicFile.why(e) + ")");
        }
        if (files.isEmpty()) {
            throw new ToolError(traces + ": no .trace files");
        }
        return files.stream().map(KernelTrace::read).toList();
    }

    /** The table of the rows, as build/kernel/report.md has it. */
    public static String table(List<Row> rows) {
        StringBuilder b = new StringBuilder("| kernel | design | traces | events | validated | rejected | hung | hung where the design deadlocks |"
                + " distinct interleavings |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        rows.forEach(r -> b.append(r.line()).append('\n'));
        return b.toString();
    }

    /** Per kernel, which of its design's actions the traces show and which they do not. */
    public static String actions(List<Row> rows) {
        StringBuilder b = new StringBuilder();
        for (Row r : rows) {
            b.append("- ").append(r.kernel()).append(" (").append(r.design()).append("): observed ")
                    .append(String.join(", ", r.observed())).append("; not observed ")
                    .append(String.join(", ", r.unobserved())).append('\n');
        }
        return b.toString();
    }
}
