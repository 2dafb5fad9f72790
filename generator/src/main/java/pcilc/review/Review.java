package pcilc.review;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import pcilc.model.AtomicFile;
import pcilc.model.Counterexample;
import pcilc.model.CounterexamplePath;
import pcilc.model.Manifest;
import pcilc.model.StateGraph;
import pcilc.model.ToolError;
import pcilc.tlc.ModelCheck;

/**
 * A violation made readable: the swimlane table (Markdown) and the sequence diagram (SVG) of a design's
 * counterexample, under {@code <out>/review/<design>/}, from one TLC run's files: its result, the state
 * graph (each step's thread, which threads can step) and the swimlane view next to it (what the spec says
 * each thread holds, needs and where it is; where the violated definition is).
 */
public final class Review {
    public static final String MARKDOWN = "swimlane.md";
    public static final String SVG = "swimlane.svg";

    /** The two files written, and the violated definition as the console shows it. */
    public record Files(Path markdown, Path svg, String definitions) {
    }

    private Review() {
    }

    /**
     * The swimlane of a violating result, from the run's state graph and the view TLC wrote with it
     * ({@code pcilc.tlc.GraphMain.viewFile(graph)}).
     */
    static Swimlane swimlane(Path specDir, Manifest.Design design, ModelCheck.Result result, Path graph, Path view) {
        Counterexample cx = Counterexample.of(result.trace());
        View v = View.read(view);
        if (v.error != null) {
            throw new ToolError(specDir.resolve(v.error[0]) + ":" + v.error[1] + ": " + v.error[2]);
        }
        List<Definitions.Definition> definitions = Definitions.of(result.result(), v, specDir);
        Swimlane.Lanes lanes = v.threads.isEmpty() ? wholeSpec(design.module())
                : lanes(v, StateGraph.read(graph), design, result);
        return Swimlane.build(design.name(), result.result(), design.description(), cx, lanes, definitions);
    }

    /** Writes swimlane.md and swimlane.svg for a violating result (each whole or not at all). */
    public static Files write(Path specDir, Manifest.Design design, ModelCheck.Result result, Path graph, Path view,
                              Path out) {
        Swimlane s = swimlane(specDir, design, result, graph, view);
        Path dir = dir(out, design);
        AtomicFile.write(dir.resolve(SVG), SequenceDiagram.render(s));
        AtomicFile.write(dir.resolve(MARKDOWN), SwimlaneMarkdown.render(s, model(design), SVG));
        return new Files(dir.resolve(MARKDOWN), dir.resolve(SVG), console(s));
    }

    /** The violated definition (for a deadlock: what deadlock means here) as the console prints it. */
    static String console(Swimlane s) {
        StringBuilder b = new StringBuilder();
        if (s.result.equals("deadlock") && !s.definitions.isEmpty()) {
            b.append(Definitions.deadlockMeaning(s.definitions).replace("`", "")).append('\n');
        }
        for (Definitions.Definition d : s.definitions) {
            b.append(s.result.equals("deadlock") ? "" : "violated: ").append(d.where()).append('\n');
            d.text().lines().forEach(l -> b.append("    ").append(l).append('\n'));
        }
        return b.toString();
    }

    /** The trace on the graph: each step's thread from its edge, each state's threads from the view. */
    private static Swimlane.Lanes lanes(View v, StateGraph g, Manifest.Design design, ModelCheck.Result result) {
        StateGraph.Trace path = CounterexamplePath.of(design.name(), result.result(), result.trace(), g);
        List<Integer> states = new ArrayList<>();
        states.add(path.init());
        path.steps().forEach(e -> states.add(e.to()));
        Comparator<String> columns = Comparator.comparingInt(
                (String t) -> v.threads.contains(t) ? v.threads.indexOf(t) : v.threads.size())
                .thenComparing(Comparator.naturalOrder());
        return new Swimlane.Lanes() {
            public List<String> threads() {
                return v.threads;
            }

            public Set<String> positionVariables() {
                return v.positions;
            }

            public Swimlane.Lane lane(int i, String t) {
                int state = states.get(i);
                View.Thread x = v.at(state, t);
                Set<String> steps = v.steps(state);
                boolean canStep = steps != null ? steps.contains(t)
                        : g.out(state).stream().anyMatch(e -> e.thread().equals(t));
                Swimlane.Wait needs = x.needs().isEmpty() ? null
                        : new Swimlane.Wait(x.needs(), x.holders().stream().sorted(columns).toList());
                return new Swimlane.Lane(x.position(), x.busy(), x.holds(), needs, canStep);
            }

            public String thread(int k) {
                return path.steps().get(k).thread();
            }
        };
    }

    /** A spec without threads (the tests' tiny specs): one column, the module, that takes every step. */
    private static Swimlane.Lanes wholeSpec(String module) {
        return new Swimlane.Lanes() {
            public List<String> threads() {
                return List.of(module);
            }

            public Set<String> positionVariables() {
                return Set.of();
            }

            public Swimlane.Lane lane(int i, String t) {
                return new Swimlane.Lane("", false, List.of(), null, true);
            }

            public String thread(int k) {
                return module;
            }
        };
    }

    static Path dir(Path out, Manifest.Design design) {
        return out.resolve("review").resolve(design.name());
    }

    /** The model as the page names it: paths relative to the repository. */
    static String model(Manifest.Design design) {
        return "`spec/" + design.module() + ".tla` with `spec/" + design.cfg() + "`";
    }
}
