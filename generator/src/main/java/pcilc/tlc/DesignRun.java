package pcilc.tlc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import pcilc.model.AtomicFile;
import pcilc.model.Manifest;
import pcilc.model.ModuleNames;
import pcilc.model.TlcOutput;
import pcilc.model.ToolError;

/**
 * A design's one TLC run, as build files under {@code <out>/runs/<design>/}: {@code graph}, the state graph
 * with every transition's thread and parameters (pcilc.graph.StateGraph's format), {@code graph.view}, the
 * spec's swimlane view of every state of it (ViewWriter, for the review), and {@code result}: a
 * header naming the model and TLC's options, the summary line, every line TLC printed (in its {@code -tool}
 * framing), and an end line counting them. make decides when a run is out of date ({@code <out>/runs/deps.mk},
 * written by {@link #writeDeps}: the design's cfg, the modules its module extends or instantiates, the
 * manifest's model of it, the tools); check, record, review, report, generate and the design matrix test
 * read the files and never run TLC.
 *
 * <p>The graph is moved into place first, the result last (written whole, {@link AtomicFile}): a result
 * always has its graph. A run removes the design's earlier files before TLC starts, so a run that fails
 * leaves no result, only {@code error}: its one line, for check's table.
 */
public final class DesignRun {
    public static final String RESULT = "result";
    public static final String GRAPH = "graph";
    static final String ERROR = "error";
    /** What the manifest says the design is (module, cfg) and TLC's options: rewritten only when that changes. */
    static final String MODEL = "model";
    static final String DEPS = "deps.mk";

    private static final Pattern SUMMARY = Pattern.compile(
            "design=(\\S+) result=(\\S+) distinct=(\\d+) depth=(\\d+) seconds=(\\d+(?:\\.\\d+)?)");
    /** The last line: how many lines of TLC's output came before it (a file cut short has none). */
    private static final String END = "end ";

    private DesignRun() {
    }

    /** {@code <out>/runs}. */
    public static Path runsDir(Path out) {
        return out.resolve("runs");
    }

    public static Path dir(Path out, String design) {
        return runsDir(out).resolve(design);
    }

    public static Path result(Path out, String design) {
        return dir(out, design).resolve(RESULT);
    }

    public static Path graph(Path out, String design) {
        return dir(out, design).resolve(GRAPH);
    }

    /** A stored run: TLC's result and where it is. */
    public record Stored(ModelCheck.Result result, Path file) {
        /** TLC's output, line by line, as it came while TLC ran. */
        public void replay(Consumer<TlcOutput.Item> echo) {
            TlcOutput out = new TlcOutput(echo);
            result.output().forEach(out::accept);
        }
    }

    /**
     * TLC on {@code design} with the graph writer ({@code tlcBuild}: TLC's scratch directories); writes the
     * graph and the result. A failure is a ToolError, with no result or graph left and the line in {@code error}.
     */
    public static ModelCheck.Result run(Path specDir, Path tlcBuild, Path out, Manifest.Design design) {
        Path dir = AtomicFile.createDirectories(dir(out, design.name()));
        Path result = dir.resolve(RESULT);
        Path graph = dir.resolve(GRAPH);
        Path error = dir.resolve(ERROR);
        delete(result);  // first: a run stopped half-way leaves no result of the files it replaced
        delete(graph);
        delete(GraphMain.viewFile(graph));
        delete(error);
        try {
            ModelCheck.Result r = new ModelCheck(specDir, tlcBuild).run(design, item -> { }, graph);
            if (!Files.isRegularFile(graph)) {
                throw new ToolError(graph + ": TLC gave its verdict (" + r.result() + ") but the graph writer left no graph");
            }
            write(out, design, r);
            return r;
        } catch (ToolError e) {
            delete(graph);
            delete(GraphMain.viewFile(graph));
            try {
                AtomicFile.write(error, e.getMessage() + "\n");
            } catch (RuntimeException ignored) {
                // (shutting down) the error line itself is what the user needs
            }
            throw e;
        }
    }

    /** Writes {@code r} as {@code design}'s stored result (whole or not at all). */
    public static void write(Path out, Manifest.Design d, ModelCheck.Result r) {
        AtomicFile.write(result(out, d.name()), text(d, r));
    }

    static String text(Manifest.Design d, ModelCheck.Result r) {
        StringBuilder b = new StringBuilder(header(d)).append('\n').append(r.summaryLine()).append('\n');
        r.output().forEach(l -> b.append(l).append('\n'));
        return b.append(END).append(r.output().size()).append('\n').toString();
    }

    /**
     * The stored run of {@code design}. Missing (with the failed run's error line, if it left one), older than
     * one of its inputs, of another model or other TLC options, or damaged: one line naming the file.
     */
    public static Stored read(Path specDir, Path out, Manifest.Design d) {
        Path file = result(out, d.name());
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (NoSuchFileException e) {
            Path error = dir(out, d.name()).resolve(ERROR);
            if (Files.isRegularFile(error)) {
                try {
                    throw new ToolError(Files.readString(error).strip());
                } catch (IOException unreadable) {
                    // fall through: no result
                }
            }
            throw new ToolError(file + ": no TLC result for design " + d.name() + " (make check runs TLC on it)");
        } catch (IOException e) {
            throw new ToolError(file + ": cannot read (" + AtomicFile.why(e) + ")");
        }
        String stale = file + ": %s (make check runs TLC on it again)";
        if (lines.isEmpty() || !lines.get(0).equals(header(d))) {
            throw new ToolError(stale.formatted("found with another model or other TLC options than "
                    + Manifest.FILE + " and the tools give now"));
        }
        Path newer = newerInput(file, inputs(specDir, d));
        if (newer != null) {
            throw new ToolError(stale.formatted("older than " + newer));
        }
        String damaged = ": damaged result (%s); remove it and make check runs TLC again";
        Matcher m = SUMMARY.matcher(lines.size() > 1 ? lines.get(1) : "");
        if (!m.matches() || !m.group(1).equals(d.name())) {
            throw new ToolError(file + ":2" + damaged.formatted("not the summary line of " + d.name()));
        }
        String last = lines.get(lines.size() - 1);
        List<String> output = lines.subList(2, lines.size() - 1);
        TlcOutput tlc = new TlcOutput(item -> { });
        output.forEach(tlc::accept);
        if (!tlc.complete() || !last.startsWith(END)) {
            throw new ToolError(file + ":" + lines.size() + damaged.formatted("cut short: no end line"));
        }
        if (!last.equals(END + output.size())) {
            throw new ToolError(file + ":" + lines.size() + damaged.formatted("its end line does not count the "
                    + output.size() + " lines of TLC's output before it"));
        }
        List<TlcOutput.Message> trace = tlc.messages().stream().filter(TlcOutput.Message::isTraceState).toList();
        return new Stored(new ModelCheck.Result(m.group(1), m.group(2), Long.parseLong(m.group(3)),
                Long.parseLong(m.group(4)), Double.parseDouble(m.group(5)), trace, List.copyOf(output)), file);
    }

    /** What a run of {@code d} reads: its cfg and its module's files ({@link ModuleNames#files}). */
    public static List<Path> inputs(Path specDir, Manifest.Design d) {
        List<Path> inputs = new ArrayList<>();
        inputs.add(d.cfgFile(specDir));
        inputs.addAll(ModuleNames.files(d.moduleFile(specDir)));
        return inputs;
    }

    /** The first input changed after {@code file} was written (as make compares them), or null. */
    private static Path newerInput(Path file, List<Path> inputs) {
        try {
            var written = Files.getLastModifiedTime(file);
            for (Path in : inputs) {
                if (Files.isRegularFile(in) && Files.getLastModifiedTime(in).compareTo(written) > 0) {
                    return in;
                }
            }
            return null;
        } catch (IOException e) {
            throw new ToolError(file + ": cannot read (" + AtomicFile.why(e) + ")");
        }
    }

    /**
     * make's include {@code <out>/runs/deps.mk}: each design's result depends on its inputs and on its
     * {@code model} file, which is rewritten only when the manifest's module or cfg of the design, or TLC's
     * options, change (an edit of another row, or {@code make record}, reruns nothing). Returns the include.
     */
    public static Path writeDeps(Path specDir, Path out) {
        Manifest manifest = Manifest.load(specDir);
        StringBuilder b = new StringBuilder("# Written by bin/pcilc deps from ").append(manifest.file())
                .append(" and the modules' EXTENDS and INSTANCE: what each design's TLC run reads. Do not edit.\n");
        for (Manifest.Design d : manifest.designs()) {
            Path model = dir(out, d.name()).resolve(MODEL);
            String text = header(d) + "\n";
            try {
                if (!Files.isRegularFile(model) || !Files.readString(model).equals(text)) {
                    AtomicFile.write(model, text);
                }
            } catch (IOException e) {
                throw new ToolError(model + ": cannot read (" + AtomicFile.why(e) + ")");
            }
            b.append(result(out, d.name())).append(':');
            inputs(specDir, d).stream().filter(Files::isRegularFile).forEach(in -> b.append(' ').append(in));
            b.append(' ').append(model).append('\n');
        }
        Path deps = runsDir(out).resolve(DEPS);
        AtomicFile.write(deps, b.toString());
        return deps;
    }

    private static String header(Manifest.Design d) {
        return "# pcilc run 1 of module=" + d.module() + " cfg=" + d.cfg() + " tlc=" + String.join(" ", ModelCheck.FLAGS);
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new ToolError(file + ": cannot remove (" + AtomicFile.why(e) + ")");
        }
    }
}
