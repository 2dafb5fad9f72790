package pcilc.conform;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import pcilc.model.AtomicFile;
import pcilc.model.Cfg;
import pcilc.model.GraphError;
import pcilc.model.Manifest;
import pcilc.model.StateGraph;
import pcilc.model.TlcText;
import pcilc.model.ToolError;
import pcilc.ref.SpecSystem;
import pcilc.ref.systems.Systems;

/**
 * make check's word on the Java side: for every spec module with a TLC state graph, whether the reference
 * implementation's snapshot has exactly the spec's variables (the graph's vars record, TLC's own list), so
 * that a new spec variable shows at make check rather than in make test. One line a module. The system is
 * built once a module, for the design with its newest graph, on that design's cfg constants.
 * {@code SnapshotCheck --spec DIR --graph PATTERN}: PATTERN is a design's graph file with {@code %} for the
 * design ({@code build/runs/%/graph}). Exit 1 on a mismatch, or on bad input (one line).
 */
public final class SnapshotCheck {
    static final String USAGE = "usage: SnapshotCheck --spec DIR --graph PATTERN (a design's graph file, % for the "
            + "design: build/runs/%/graph)";
    static final String AGREES = "the implementation's snapshot has the spec's ";

    private SnapshotCheck() {
    }

    public static void main(String[] args) {
        int status;
        try {
            status = run(args, System.out);
        } catch (ToolError | GraphError e) {
            System.err.println("error: " + e.getMessage());
            status = 1;
        }
        System.exit(status);
    }

    /** The report on {@code out}: 0 if every module with a graph has the spec's variables, else 1. */
    static int run(String[] args, PrintStream out) {
        if (args.length != 4 || !args[0].equals("--spec") || !args[2].equals("--graph") || !args[3].contains("%")) {
            throw new ToolError(USAGE);
        }
        Path spec = Path.of(args[1]);
        String pattern = args[3];
        Map<String, List<Manifest.Design>> modules = new LinkedHashMap<>();
        for (Manifest.Design d : Manifest.load(spec).designs()) {
            modules.computeIfAbsent(d.module(), m -> new ArrayList<>()).add(d);
        }
        boolean agree = true;
        for (Map.Entry<String, List<Manifest.Design>> m : modules.entrySet()) {
            // the newest graph: TLC's run on the spec as it is now, if any is
            Manifest.Design design = m.getValue().stream().filter(d -> Files.exists(graph(pattern, d)))
                    .max(Comparator.comparing(d -> modified(graph(pattern, d)))).orElse(null);
            if (design == null) {
                out.println(m.getKey() + ": not checked, no TLC graph of its designs (" + graph(pattern, m.getValue().get(0))
                        + ")");
                continue;
            }
            List<String> vars = StateGraph.vars(graph(pattern, design));
            String line;
            try {
                line = compare(vars, system(design, constants(spec, design)));
            } catch (IllegalArgumentException e) {
                line = "the implementation cannot run " + design.name() + " (" + e.getMessage() + ")";
            }
            out.println(m.getKey() + ": " + line);
            agree &= line.startsWith(AGREES);
        }
        return agree ? 0 : 1;
    }

    /** What a module's line says: the agreement, or the variables on one side only, and where to look. */
    static String compare(List<String> specVars, SpecSystem system) {
        String where = " (snapshot() of conformance/src/main/java/" + system.getClass().getName().replace('.', '/')
                + ".java)";
        TreeSet<String> snapshot = new TreeSet<>(system.snapshot().keySet());
        List<String> missing = specVars.stream().filter(v -> !snapshot.contains(v)).toList();
        if (!missing.isEmpty()) {
            return (missing.size() == 1 ? "the spec variable " + missing.get(0) + " is"
                    : "the spec variables " + String.join(", ", missing) + " are")
                    + " not in the implementation's snapshot" + where;
        }
        snapshot.removeAll(specVars);
        if (!snapshot.isEmpty()) {
            return "the implementation's snapshot has " + String.join(", ", snapshot)
                    + ", which the spec does not declare" + where;
        }
        return AGREES + specVars.size() + " variables";
    }

    private static Path graph(String pattern, Manifest.Design d) {
        return Path.of(pattern.replace("%", d.name()));
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The design's cfg constants as Java values: what its conformance data gives the implementation. */
    private static Map<String, Object> constants(Path spec, Manifest.Design design) {
        Path cfg = design.cfgFile(spec);
        Map<String, Object> out = new LinkedHashMap<>();
        try {
            new Cfg(Files.readString(cfg)).constants().forEach((k, v) -> out.put(k, TlcText.parseValue(v)));
        } catch (IOException e) {
            throw new ToolError(cfg + ": cannot read (" + AtomicFile.why(e) + ")");
        } catch (RuntimeException e) {
            throw new ToolError(cfg + ": " + e.getMessage());
        }
        return out;
    }

    /** The one place this check builds a system: the code the cfg's Design names, on the cfg's model. */
    private static SpecSystem system(Manifest.Design design, Map<String, Object> constants) {
        return Systems.create(design.name(), constants);
    }
}
