package pcilc.review;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import pcilc.model.AtomicFile;
import pcilc.model.Manifest;
import pcilc.model.TlcOutput;
import pcilc.model.ToolError;
import pcilc.tlc.ModelCheck;

/**
 * TLC's result per design, kept under {@code <out>/results/<design>.tlc} so that {@code make report}
 * need not run TLC again: a header naming the model, the summary line, then the counterexample's messages
 * in TLC's own {@code -tool} framing (read back with {@link TlcOutput}), then an end line with their count.
 * A result is reused while it is newer than every module in the spec directory and the design's cfg, and
 * names the manifest's model and the TLC options it was found with ({@link ModelCheck#FLAGS}). Files are
 * written whole ({@link AtomicFile}); one that is cut short or garbled all the same (a full disk, an editor)
 * is refused with a line naming it rather than trusted or silently replaced: something outside the tool
 * damaged the build directory, and the user should know.
 */
public final class ResultStore {
    private static final Pattern SUMMARY = Pattern.compile(
            "design=(\\S+) result=(\\S+) distinct=(\\d+) depth=(\\d+) seconds=(\\d+(?:\\.\\d+)?)");

    /** The last line: the number of trace messages (a file cut short has none). */
    private static final String END = "end ";

    private final Path dir;
    private final Path specDir;

    public ResultStore(Path out, Path specDir) {
        this.dir = out.resolve("results");
        this.specDir = specDir;
    }

    public Path file(Manifest.Design d) {
        return dir.resolve(d.name() + ".tlc");
    }

    public void save(Manifest.Design d, ModelCheck.Result r) {
        StringBuilder b = new StringBuilder(header(d)).append('\n').append(r.summaryLine()).append('\n');
        for (TlcOutput.Message m : r.trace()) {
            b.append("@!@!@STARTMSG ").append(m.code()).append(':').append(m.severity()).append(" @!@!@\n")
                    .append(m.body()).append('\n')
                    .append("@!@!@ENDMSG ").append(m.code()).append(" @!@!@\n");
        }
        b.append(END).append(r.trace().size()).append('\n');
        AtomicFile.write(file(d), b.toString());
    }

    /** The stored result, if it is still the result of the current spec and cfg. */
    public Optional<ModelCheck.Result> fresh(Manifest.Design d) {
        Path file = file(d);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            if (!newerThanModel(file, d)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(file);
            if (lines.isEmpty() || !lines.get(0).equals(header(d))) {
                return Optional.empty();  // another model, other TLC options, or an older format: run TLC again
            }
            return Optional.of(read(file, d, lines));
        } catch (IOException e) {
            throw new ToolError(file + ": cannot read (" + AtomicFile.why(e) + ")");
        }
    }

    /** {@code file} exists and is newer than every module in the spec directory and than the design's cfg. */
    boolean newerThanModel(Path file, Manifest.Design d) throws IOException {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        FileTime stored = Files.getLastModifiedTime(file);
        List<Path> inputs = new ArrayList<>();
        try (Stream<Path> modules = Files.list(specDir)) {
            modules.filter(p -> p.toString().endsWith(".tla")).forEach(inputs::add);
        }
        inputs.add(d.cfgFile(specDir));
        for (Path input : inputs) {
            if (Files.getLastModifiedTime(input).compareTo(stored) >= 0) {
                return false;
            }
        }
        return true;
    }

    private static ModelCheck.Result read(Path file, Manifest.Design d, List<String> lines) {
        String damaged = ": damaged result (%s); remove it and the next run saves it again";
        Matcher m = SUMMARY.matcher(lines.size() > 1 ? lines.get(1) : "");
        if (!m.matches() || !m.group(1).equals(d.name())) {
            throw new ToolError(file + ":2" + damaged.formatted("not the summary line of " + d.name()));
        }
        String last = lines.get(lines.size() - 1);
        TlcOutput out = new TlcOutput(item -> { });
        lines.subList(2, lines.size() - 1).forEach(out::accept);
        if (!out.complete() || !last.startsWith(END)) {
            throw new ToolError(file + ":" + lines.size() + damaged.formatted("cut short: no end line"));
        }
        if (!out.plainLines().isEmpty() || !last.equals(END + out.messages().size())) {
            throw new ToolError(file + ":" + lines.size() + damaged.formatted("its end line does not count its "
                    + out.messages().size() + " trace messages, or text is outside them"));
        }
        return new ModelCheck.Result(m.group(1), m.group(2), Long.parseLong(m.group(3)), Long.parseLong(m.group(4)),
                Double.parseDouble(m.group(5)), out.messages().stream().filter(TlcOutput.Message::isTraceState).toList());
    }

    private static String header(Manifest.Design d) {
        return "# pcilc result 2 of module=" + d.module() + " cfg=" + d.cfg() + " tlc=" + String.join(" ", ModelCheck.FLAGS);
    }
}
