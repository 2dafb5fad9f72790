package pcilc.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import pcilc.model.AtomicFile;
import pcilc.model.Manifest;
import pcilc.model.TlcOutput;
import pcilc.model.ToolError;
import pcilc.review.Report;
import pcilc.review.Review;
import pcilc.tlc.DesignRun;
import pcilc.tlc.ModelCheck;
import pcilc.tlc.TlcFailure;

/**
 * The make front end: {@code designs}, {@code run <design>} (TLC, once per design: make's file rule for
 * build/runs/<design>/), {@code deps} (make's include build/runs/deps.mk), and the readers of the stored runs:
 * {@code check}, {@code record [<design>]}, {@code review <design>}, {@code report}, {@code generate <design>}.
 * Options {@code --spec DIR} (default spec), {@code --build DIR} (TLC's work, default build/tlc), {@code --out DIR}
 * (the runs, swimlanes, the report page; default build) and {@code --docs DIR} (the report's committed copy,
 * default docs).
 */
public final class Cli {
    /** Each command with its arguments, as its usage line shows it. */
    private static final List<String> COMMANDS = List.of("designs", "run <design>", "review <design>",
            "generate <design>", "check", "record [<design>]", "report", "deps", "citations",
            "fidelity", "traces [--design D] [--map FILE] <kernel-dir>...");
    private static final String OPTIONS = "[--spec DIR] [--build DIR] [--out DIR] [--docs DIR]";

    private final PrintStream out;
    private final Path specDir;
    private final Path buildDir;
    private final Path outDir;
    private final Path docsDir;

    Cli(PrintStream out, Path specDir, Path buildDir, Path outDir, Path docsDir) {
        this.out = out;
        this.specDir = specDir;
        this.buildDir = buildDir;
        this.outDir = outDir;
        this.docsDir = docsDir;
    }

    public static void main(String[] args) {
        // Ctrl-C or kill: stop the TLC processes we started (TLC writing a graph would go on without us) and
        // say so; the files being written are temporary ones, which the JVM removes as it exits (AtomicFile).
        AtomicBoolean errorSaid = new AtomicBoolean();  // one error line, from whichever notices first
        Thread interrupted = new Thread(() -> {
            if (errorSaid.compareAndSet(false, true)) {
                System.err.println("error: interrupted; nothing half-written was left (finished results were kept)");
            }
            ProcessHandle.current().descendants().forEach(ProcessHandle::destroy);
        });
        Runtime.getRuntime().addShutdownHook(interrupted);
        int status = run(args, System.out, System.err, errorSaid);
        try {
            Runtime.getRuntime().removeShutdownHook(interrupted);
        } catch (IllegalStateException e) {
            // already shutting down: the hook says it
        }
        System.out.flush();
        System.exit(status);
    }

    /** Runs one command as bin/pcilc does: returns the exit status; an error is one line on {@code err}. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, new AtomicBoolean());
    }

    private static int run(String[] args, PrintStream out, PrintStream err, AtomicBoolean errorSaid) {
        String line;
        try {
            return run(args, out);
        } catch (ToolError | pcilc.model.GraphError e) {
            line = "error: " + e.getMessage();
        } catch (RuntimeException e) {
            // a bug of ours rather than bad input: one line all the same; PCILC_TRACE=1 shows where
            if (System.getenv("PCILC_TRACE") != null) {
                e.printStackTrace(err);
            }
            line = "error: unexpected failure (" + e.getMessage() + "); PCILC_TRACE=1 shows where";
        }
        if (errorSaid.compareAndSet(false, true)) {
            err.println(line);
        }
        return 1;
    }

    /** Runs one command; returns the exit status. Bad arguments are refused before any work is done. */
    static int run(String[] args, PrintStream out) {
        Path spec = Path.of("spec");
        Path build = Path.of("build", "tlc");
        Path outDir = Path.of("build");
        Path docs = Path.of("docs");
        List<String> rest = new ArrayList<>();
        boolean help = false;
        String design = null;
        Path map = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--spec" -> spec = Path.of(value(args, ++i));
                case "--build" -> build = Path.of(value(args, ++i));
                case "--out" -> outDir = Path.of(value(args, ++i));
                case "--docs" -> docs = Path.of(value(args, ++i));
                case "--help", "-h" -> help = true;
                case "--design" -> design = value(args, ++i);
                case "--map" -> map = Path.of(value(args, ++i));
                default -> rest.add(args[i]);
            }
        }
        String command = rest.isEmpty() ? "" : rest.get(0);
        String usage = COMMANDS.stream().filter(c -> c.split(" ")[0].equals(command)).findFirst().orElse(null);
        if (help) {
            out.println(usage != null ? "usage: " + usage + "  " + OPTIONS : usage());
            return 0;
        }
        if (usage == null) {
            throw new ToolError((command.isEmpty() ? "" : "unknown command '" + command + "'; ") + usage());
        }
        for (String arg : rest) {
            if (arg.startsWith("-")) {
                throw new ToolError("unknown option " + arg + "; usage: " + usage + "  " + OPTIONS);
            }
        }
        if ((design != null || map != null) && !command.equals("traces")) {
            throw new ToolError("--design and --map are options of traces only; usage: " + usage);
        }
        int wanted = usage.endsWith(" <design>") ? 2 : usage.endsWith("...") ? Math.max(2, rest.size())
                : usage.endsWith("[<design>]") ? Math.min(2, Math.max(1, rest.size())) : 1;
        if (rest.size() > wanted) {
            throw new ToolError("unexpected argument '" + rest.get(wanted) + "'; usage: " + usage);
        }
        if (rest.size() < wanted || (wanted == 2 && rest.get(1).isBlank())) {
            throw new ToolError("usage: " + usage + "   (" + (command.equals("run") ? "" : "make " + command
                    + " DESIGN=<name>; ") + "make designs lists them)");
        }
        Cli cli = new Cli(out, spec, build, outDir, docs);
        return switch (command) {
            case "designs" -> cli.designs();
            case "review" -> cli.review(rest.get(1));
            case "generate" -> cli.generate(rest.get(1));
            case "run" -> cli.run(rest.get(1));
            case "deps" -> cli.deps();
            case "check" -> cli.check();
            case "record" -> cli.record(rest.size() > 1 ? rest.get(1) : null);
            case "citations" -> cli.citations();
            case "fidelity" -> cli.fidelity();
            case "traces" -> cli.traces(rest.subList(1, rest.size()).stream().map(Path::of).toList(), design, map);
            default -> cli.report();
        };
    }

    /** Validates kernel traces; the table goes to the output and build/kernel/report.md; a rejection exits 1. */
    int traces(List<Path> dirs, String design, Path map) {
        Path kernelDir = outDir.resolve("kernel");
        List<pcilc.kernel.Traces.Row> rows = new pcilc.kernel.Traces(specDir, kernelDir, out).run(dirs, design, map);
        String table = pcilc.kernel.Traces.table(rows);
        out.print(table);
        AtomicFile.write(kernelDir.resolve("report.md"), "# Kernel traces validated against their designs\n\n"
                + "Written by `bin/pcilc traces` (make kernel); see docs/kernel-traces.md.\n\n" + table
                + "\nThe design's actions the traces show (mapped in spec/traces/) and those they do not:\n\n"
                + pcilc.kernel.Traces.actions(rows));
        int rejected = rows.stream().mapToInt(pcilc.kernel.Traces.Row::rejected).sum();
        int traces = rows.stream().mapToInt(pcilc.kernel.Traces.Row::traces).sum();
        if (rejected > 0) {
            out.println("traces: " + rejected + " of " + traces + " traces rejected");
            return 1;
        }
        out.println("traces: all " + traces + " traces are behaviours of their designs");
        return 0;
    }

    private static String usage() {
        return "usage: " + String.join(" | ", COMMANDS) + "  " + OPTIONS;
    }

    private static String value(String[] args, int i) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new ToolError("option " + args[i - 1] + " needs a value (a directory); usage: " + OPTIONS);
        }
        return args[i];
    }

    /** The conformance suite of one design; the last line is the generation summary. */
    int generate(String name) {
        Path root = outDir.toAbsolutePath();
        out.println(new pcilc.gen.Generate(specDir, root, root.resolve("generated/conformance")).run(name).line());
        return 0;
    }

    int designs() {
        Manifest manifest = Manifest.load(specDir);
        int width = manifest.designs().stream().mapToInt(d -> d.name().length()).max().orElse(0);
        int expectedWidth = manifest.designs().stream().mapToInt(d -> d.expected().length()).max().orElse(0);
        for (Manifest.Design d : manifest.designs()) {
            out.printf("%-" + width + "s  %-" + expectedWidth + "s  %s%n", d.name(), d.expected(), d.description());
        }
        return 0;
    }

    /** TLC's output and verdict from the design's stored run (make review makes it first); a violation's swimlane. */
    int review(String name) {
        Manifest.Design design = Manifest.load(specDir).design(name);
        DesignRun.Stored stored = DesignRun.read(specDir, outDir, design);
        ModelCheck.Result result = stored.result();
        out.println("TLC on " + design.name() + ": " + design.description());
        out.println("model " + specDir.resolve(design.module() + ".tla") + " with " + specDir.resolve(design.cfg())
                + "; expected " + design.expected() + "; TLC's output as stored in " + stored.file());
        stored.replay(this::echo);
        if (!result.result().equals("pass")) {
            // The pictures are extra: if they cannot be made, say so and still end with TLC's verdict.
            try {
                java.nio.file.Path graph = DesignRun.graph(outDir, design.name());
                Review.Files files = Review.write(specDir, design, result, graph,
                        pcilc.tlc.GraphMain.viewFile(graph), outDir);
                out.print(files.definitions());
                out.println("swimlane table: " + files.markdown());
                out.println("sequence diagram: " + files.svg());
            } catch (ToolError e) {
                out.println("swimlane not written: " + e.getMessage());
            }
        }
        out.println(result.summaryLine());
        return result.exitStatus();
    }

    /**
     * The citation check: every citation of a pinned tree against the sources under build/kernel-src; prints
     * the citations it cannot check here, then one line per error; non-zero exit on an error.
     */
    int citations() {
        pcilc.source.SourceMap map = pcilc.source.SourceMap.read(specDir);
        pcilc.source.CitationCheck.Result r = new pcilc.source.CitationCheck(outDir.resolve("kernel-src")).run(map);
        out.println("not checkable here (" + r.unchecked().size() + " citations of trees other than "
                + String.join(", ", pcilc.source.SourceMap.PINNED) + ", or not fetched):");
        r.unchecked().forEach(u -> out.println("  " + u));
        r.errors().forEach(e -> out.println("error: " + e));
        out.println("citations: " + map.actions().size() + " actions, " + map.designs().size() + " designs; "
                + r.checked() + " citations checked against " + outDir.resolve("kernel-src") + ", "
                + r.unchecked().size() + " not checkable here, " + r.errors().size() + " errors");
        if (!r.errors().isEmpty()) {
            throw new ToolError(r.errors().size() + " citation error(s); the first: " + r.errors().get(0));
        }
        return 0;
    }

    /** docs/fidelity.md from the source map. */
    int fidelity() {
        Path file = docsDir.resolve("fidelity.md");
        AtomicFile.write(file, pcilc.source.FidelityDoc.render(pcilc.source.SourceMap.read(specDir)));
        out.println("wrote " + file);
        return 0;
    }

    int report() {
        new Report(specDir, outDir, docsDir, out).run();
        return 0;
    }

    /**
     * TLC's output as its own console would show it, without the tool-mode framing and without the Java
     * exception names TLC and SANY print along (their messages say what is wrong).
     */
    private void echo(TlcOutput.Item item) {
        if (!item.isMessage()) {
            if (!TlcFailure.isJavaExceptionName(item.plainLine())) {
                out.println(item.plainLine());
            }
            return;
        }
        TlcOutput.Message m = item.message();
        if (m.isTraceState()) {
            out.println("State " + m.body());
        } else if (m.code() != TlcOutput.GC_ADVICE) {
            String body = m.code() == TlcOutput.GENERAL ? TlcFailure.clean(m.body()) : m.body();
            out.println((m.severity() == 1 ? "Error: " : "") + body);
        }
    }

    /** TLC on one design with the graph writer: build/runs/<design>/result and graph (make's file rule). */
    int run(String name) {
        ModelCheck.Result r = DesignRun.run(specDir, buildDir, outDir, Manifest.load(specDir).design(name));
        out.println(r.summaryLine());
        return 0;
    }

    /** make's include build/runs/deps.mk: what each design's run reads. */
    int deps() {
        DesignRun.writeDeps(specDir, outDir);
        return 0;
    }

    /** The matrix from the stored runs (make check makes them first): no TLC here. */
    int check() {
        Manifest manifest = Manifest.load(specDir);
        List<String[]> rows = new ArrayList<>();
        int mismatches = 0;
        double seconds = 0;
        for (Outcome o : stored(manifest)) {
            Manifest.Design d = o.design();
            String[] row;
            if (o.result() != null) {
                ModelCheck.Result r = o.result();
                List<String> diffs = differences(d, r);
                seconds += r.seconds();
                row = new String[] {d.name(), d.expected(), r.result(), Long.toString(r.distinct()),
                    Long.toString(r.depth()), String.format(Locale.ROOT, "%.1f", r.seconds()),
                    diffs.isEmpty() ? "ok" : "MISMATCH: " + String.join("; ", diffs)};
            } else {
                row = new String[] {d.name(), d.expected(), "error", "-", "-", "-", "ERROR: " + o.error()};
            }
            if (!row[6].equals("ok")) {
                mismatches++;
            }
            rows.add(row);
        }
        out.println();
        printTable(new String[] {"design", "expected", "result", "distinct", "depth", "seconds", "check"}, rows);
        out.printf(Locale.ROOT, "%ncheck: %d designs, %d mismatches; TLC's runs took %.1f seconds (stored in %s)%n",
                rows.size(), mismatches, seconds, DesignRun.runsDir(outDir));
        return mismatches == 0 ? 0 : 1;
    }

    /**
     * Writes TLC's distinct-state count and depth into the manifest, from the stored runs: every design whose
     * result is the expected one, or only {@code name}'s row; the file is left alone when nothing changes.
     */
    int record(String name) {
        Manifest manifest = Manifest.load(specDir);
        List<Outcome> outcomes = name == null ? stored(manifest) : stored(List.of(manifest.design(name)));
        java.util.Map<String, long[]> counts = new java.util.LinkedHashMap<>();
        int refused = 0;
        int changed = 0;
        for (Outcome o : outcomes) {
            Manifest.Design d = o.design();
            if (o.result() != null && o.result().result().equals(d.expected())) {
                counts.put(d.name(), new long[] {o.result().distinct(), o.result().depth()});
                if (o.result().distinct() != d.distinct() || o.result().depth() != d.depth()) {
                    changed++;
                    out.println(d.name() + ": distinct " + d.distinct() + " -> " + o.result().distinct() + ", depth "
                            + d.depth() + " -> " + o.result().depth());
                }
            } else {
                refused++;
                out.println("not recorded: " + d.name() + " (expected " + d.expected() + ", got "
                        + (o.result() != null ? o.result().result() : o.error()) + ")");
            }
        }
        manifest.writeCounts(counts);
        out.println("recorded " + counts.size() + (counts.size() == 1 ? " design" : " designs") + " in " + manifest.file()
                + (changed == 0 ? " (no count changed; the file is as it was)" : " (" + changed + " changed)"));
        return refused == 0 ? 0 : 1;
    }

    /** A design's stored result, or the one-line reason there is none. */
    private record Outcome(Manifest.Design design, ModelCheck.Result result, String error) {
    }

    private List<Outcome> stored(Manifest manifest) {
        return stored(manifest.designs());
    }

    private List<Outcome> stored(List<Manifest.Design> designs) {
        List<Outcome> outcomes = new ArrayList<>();
        for (Manifest.Design d : designs) {
            try {
                outcomes.add(new Outcome(d, DesignRun.read(specDir, outDir, d).result(), null));
            } catch (ToolError e) {
                outcomes.add(new Outcome(d, null, e.getMessage()));
            }
        }
        return outcomes;
    }

    private static List<String> differences(Manifest.Design d, ModelCheck.Result r) {
        List<String> diffs = new ArrayList<>();
        if (!d.expected().equals(r.result())) {
            diffs.add("result " + r.result() + " != expected " + d.expected());
        }
        if (d.distinct() != r.distinct()) {
            diffs.add("distinct " + r.distinct() + " != recorded " + d.distinct());
        }
        if (d.depth() != r.depth()) {
            diffs.add("depth " + r.depth() + " != recorded " + d.depth());
        }
        return diffs;
    }

    /** A Markdown table, so that it can be pasted into the README as it is. */
    private void printTable(String[] header, List<String[]> rows) {
        int[] width = new int[header.length];
        List<String[]> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        for (String[] row : all) {
            for (int c = 0; c < row.length; c++) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        for (int r = 0; r < all.size(); r++) {
            StringBuilder line = new StringBuilder("|");
            for (int c = 0; c < header.length; c++) {
                line.append(' ').append(String.format("%-" + width[c] + "s", all.get(r)[c])).append(" |");
            }
            out.println(line);
            if (r == 0) {
                StringBuilder rule = new StringBuilder("|");
                for (int w : width) {
                    rule.append(' ').append("-".repeat(w)).append(" |");
                }
                out.println(rule);
            }
        }
    }
}
