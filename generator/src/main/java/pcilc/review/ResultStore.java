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
import pcilc.tlc.Manifest;
import pcilc.tlc.ModelCheck;
import pcilc.tlc.TlcOutput;
import pcilc.tlc.ToolError;

/**
 * TLC's result per design, kept under {@code <out>/results/<design>.tlc} so that {@code make report}
 * need not run TLC again: a header naming the model, the summary line, then the counterexample's messages
 * in TLC's own {@code -tool} framing (read back with {@link TlcOutput}). A result is reused while it is
 * newer than every module in the spec directory and the design's cfg, and names the manifest's model and
 * the TLC options it was found with ({@link ModelCheck#FLAGS}).
 */
public final class ResultStore {
    private static final Pattern SUMMARY = Pattern.compile(
            "design=(\\S+) result=(\\S+) distinct=(\\d+) depth=(\\d+) seconds=(\\d+(?:\\.\\d+)?)");

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
        AtomicFile.write(file(d), b.toString());
    }

    /** The stored result, if it is still the result of the current spec and cfg. */
    public Optional<ModelCheck.Result> fresh(Manifest.Design d) {
        Path file = file(d);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            FileTime stored = Files.getLastModifiedTime(file);
            List<Path> inputs = new ArrayList<>();
            try (Stream<Path> modules = Files.list(specDir)) {
                modules.filter(p -> p.toString().endsWith(".tla")).forEach(inputs::add);
            }
            inputs.add(d.cfgFile(specDir));
            for (Path input : inputs) {
                if (Files.getLastModifiedTime(input).compareTo(stored) >= 0) {
                    return Optional.empty();
                }
            }
            List<String> lines = Files.readAllLines(file);
            if (lines.size() < 2 || !lines.get(0).equals(header(d))) {
                return Optional.empty();
            }
            return Optional.of(read(file, lines));
        } catch (IOException e) {
            throw new ToolError(file + ": cannot read (" + e.getMessage() + ")");
        }
    }

    private static ModelCheck.Result read(Path file, List<String> lines) {
        Matcher m = SUMMARY.matcher(lines.get(1));
        if (!m.matches()) {
            throw new ToolError(file + ":2: not a summary line (design=... result=... distinct=... depth=... seconds=...)");
        }
        TlcOutput out = new TlcOutput(item -> { });
        lines.subList(2, lines.size()).forEach(out::accept);
        return new ModelCheck.Result(m.group(1), m.group(2), Long.parseLong(m.group(3)), Long.parseLong(m.group(4)),
                Double.parseDouble(m.group(5)), out.messages().stream().filter(TlcOutput.Message::isTraceState).toList());
    }

    private static String header(Manifest.Design d) {
        return "# pcilc result of module=" + d.module() + " cfg=" + d.cfg() + " tlc=" + String.join(" ", ModelCheck.FLAGS);
    }
}
