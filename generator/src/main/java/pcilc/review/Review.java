package pcilc.review;

import java.nio.file.Path;
import java.util.Map;
import pcilc.model.AtomicFile;
import pcilc.model.Counterexample;
import pcilc.model.Manifest;
import pcilc.tlc.ModelCheck;

/**
 * A violation made readable: the swimlane table (Markdown) and the sequence diagram (SVG) of a design's
 * counterexample, under {@code <out>/review/<design>/}.
 */
public final class Review {
    public static final String MARKDOWN = "swimlane.md";
    public static final String SVG = "swimlane.svg";

    /** The two files written. */
    public record Files(Path markdown, Path svg) {
    }

    private Review() {
    }

    /** The swimlane of a violating result; TLC answers ENABLED for its states in {@code <out>/review/<design>/enabled}. */
    static Swimlane swimlane(ModelCheck checker, Path specDir, Manifest.Design design, ModelCheck.Result result,
                                    Path out) {
        Counterexample cx = Counterexample.of(result.trace());
        ThreadLocks locks = ThreadLocks.forModule(design.module());
        Map<Integer, Map<String, Boolean>> enabled = Enabledness.probe(checker, specDir, design.module(),
                design.cfgFile(specDir), cx, locks, dir(out, design).resolve("enabled"));
        return Swimlane.build(design.name(), result.result(), design.description(), cx, locks, enabled);
    }

    /** Writes swimlane.md and swimlane.svg for a violating result (each whole or not at all). */
    public static Files write(ModelCheck checker, Path specDir, Manifest.Design design, ModelCheck.Result result,
                              Path out) {
        Swimlane s = swimlane(checker, specDir, design, result, out);
        Path dir = dir(out, design);
        Files files = new Files(dir.resolve(MARKDOWN), dir.resolve(SVG));
        AtomicFile.write(files.svg(), SequenceDiagram.render(s));
        AtomicFile.write(files.markdown(), SwimlaneMarkdown.render(s, model(design), SVG));
        return files;
    }

    static Path dir(Path out, Manifest.Design design) {
        return out.resolve("review").resolve(design.name());
    }

    /** The model as the page names it: paths relative to the repository. */
    static String model(Manifest.Design design) {
        return "`spec/" + design.module() + ".tla` with `spec/" + design.cfg() + "`";
    }
}
