package pcilc.conform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.ObjIntConsumer;
import org.assertj.core.api.SoftAssertions;
import pcilc.model.SpecValue;
import pcilc.model.StateGraph.Edge;
import pcilc.model.StateGraph;
import pcilc.ref.SpecSystem;
import pcilc.ref.StepScheduler;
import pcilc.ref.systems.Systems;

/**
 * The runtime of the generated conformance suites: replays a path of TLC's state graph on the reference
 * implementation through the step scheduler and, after every step, asserts (a) the snapshot equals TLC's
 * state variable by variable, (b) the invariants of the design's cfg hold (the data's invariant records; an
 * invariant the cfg leaves out is not checked), (c) the threads that can make progress are exactly those
 * with an enabled action in the spec. The implementation runs the code the cfg's feature constants select
 * on the cfg's model (the data's constant records); the system property {@value #IMPLEMENTATION} runs
 * another design's features on the same model (the suite's power is shown against a buggy one).
 */
public final class Replay {
    public static final String IMPLEMENTATION = "pcilc.implementation";

    private final StateGraph graph;
    private final List<String> threads;
    /** The cfg's constants, parsed once: every test of the suite runs on this model. */
    private final Map<String, Object> constants;

    private Replay(StateGraph graph) {
        this.graph = graph;
        this.threads = graph.threads();
        this.constants = graph.constantValues();
    }

    /**
     * The conformance data the generator wrote for {@code design} (a test resource); missing, one line naming
     * the file and the command that writes it.
     */
    public static Replay load(String design) {
        String resource = "/pcilc/generated/" + design + ".conformance";
        String file = "build/generated/conformance/resources" + resource;  // on the test classpath (conformance/pom.xml)
        try (InputStream in = Replay.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(file + ": no such file; make generate DESIGN=" + design + " writes it");
            }
            return new Replay(StateGraph.read(file,
                    new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The harness on data read elsewhere (a test's edited copy). */
    static Replay of(StateGraph graph) {
        return new Replay(graph);
    }

    /**
     * The model the implementation runs: the cfg's constants, or with the system property {@value #IMPLEMENTATION}
     * (a design name) that design's feature constants instead of the cfg's (its code on this model).
     */
    private Map<String, Object> model() {
        String other = System.getProperty(IMPLEMENTATION);
        return other == null ? constants
                : Systems.withCodeOf(constants, OTHER_CODE.computeIfAbsent(other, d -> SpecCfg.of(d).constants()));
    }

    /** The cfg constants of the designs whose code runs on other designs' models, read once. */
    private static final Map<String, Map<String, Object>> OTHER_CODE = new java.util.concurrent.ConcurrentHashMap<>();

    /** The data: TLC's graph, the cfg's model and invariants, the tests and TLC's counterexample. */
    public StateGraph graph() {
        return graph;
    }

    /** A fresh system (no task started): the implementation on the data's model. */
    public SpecSystem newSystem() {
        return Systems.create(graph.design(), model());
    }

    /** Test n of the path cover. */
    public void path(int n) {
        List<Edge> path = graph.paths().get(n - 1);
        replay(path.get(0).from(), path, false);
    }

    /** TLC's counterexample: the same steps, then the same failure. */
    public void counterexample() {
        counterexample((s, step) -> { });
    }

    /**
     * The same; {@code atState} also looks at every state of the trace once Replay has checked it (step 0:
     * the initial state; the scheduler still running).
     */
    public void counterexample(ObjIntConsumer<StepScheduler> atState) {
        StateGraph.Trace trace = graph.trace();
        replay(trace.init(), trace.steps(), true, atState);
    }

    private void replay(int init, List<Edge> steps, boolean isTrace) {
        replay(init, steps, isTrace, (s, step) -> { });
    }

    private void replay(int init, List<Edge> steps, boolean isTrace, ObjIntConsumer<StepScheduler> atState) {
        SpecSystem system = newSystem();
        List<String> unknown = graph.invariants().stream().filter(i -> !system.invariants().contains(i)).toList();
        if (!unknown.isEmpty()) {
            throw new AssertionError(graph.source() + ": the cfg's invariant" + (unknown.size() > 1 ? "s " : " ")
                    + String.join(", ", unknown) + (unknown.size() > 1 ? " are not ones" : " is not one")
                    + " the implementation of " + graph.design() + " checks (invariants() and "
                    + "violatedInvariants() of conformance/src/main/java/"
                    + system.getClass().getName().replace('.', '/') + ".java)");
        }
        try (StepScheduler s = new StepScheduler(system)) {
            replay(s, init, steps, isTrace, atState);
        } catch (AssertionError e) {
            // the data the failing step came from: stale if the spec changed since make generate
            throw new AssertionError(graph.source() + ": " + e.getMessage(), e);
        }
    }

    /** The steps from state {@code init}, each followed by the checks and {@code atState}. */
    private void replay(StepScheduler s, int init, List<Edge> steps, boolean isTrace,
            ObjIntConsumer<StepScheduler> atState) {
        s.startAll(threads);
        check(s, 0, "the initial state", init, isTrace && steps.isEmpty(), expanded(isTrace, 0, steps.size()));
        atState.accept(s, 0);
        for (int i = 0; i < steps.size(); i++) {
            Edge e = steps.get(i);
            int step = i + 1;
            assertThat(s.canProgress(e.thread())).as("step %d %s: %s cannot make progress (%s)", step,
                    e.label(), e.thread(), s.state(e.thread())).isTrue();
            String ran = s.step(e.thread(), e.choices());
            assertThat(ran).as("step %d %s: the action the code ran", step, e.label()).isEqualTo(e.action());
            check(s, step, e.label(), e.to(), isTrace && step == steps.size(), expanded(isTrace, step, steps.size()));
            atState.accept(s, step);
        }
        if (isTrace) {
            checkTraceEnd(s, graph.trace(), steps.size());
        }
    }

    /** The cfg's invariants that do not hold now, in the cfg's order (TLC reports the first). */
    private List<String> violatedInvariants(SpecSystem system) {
        List<String> violated = system.violatedInvariants();
        return graph.invariants().stream().filter(violated::contains).toList();
    }

    /**
     * The failure at the end of TLC's trace: a hang; or, for a property whose lasso ends in stuttering
     * (loop back to the last state), the system at rest with the property false there. A lasso that loops
     * back further has already been checked state by state: its last state is the loop's state.
     */
    private static void checkTraceEnd(StepScheduler s, StateGraph.Trace trace, int steps) {
        if (trace.result().equals("deadlock")) {
            assertThat(s.hung()).as("after TLC's trace: deadlock (%s)", s.states()).isTrue();
        } else if (trace.result().startsWith("property:") && trace.loop() == steps) {
            assertThat(s.progressing()).as("after TLC's trace: it stutters, nothing can move").isEmpty();
            assertThat(s.hung()).as("after TLC's trace: at rest, not hung (%s)", s.states()).isFalse();
            assertThat(s.system().violatedAtTermination()).as("after TLC's trace: the properties false at rest")
                    .contains(trace.result().substring("property:".length()));
        }
    }

    /**
     * TLC computed all successors of the state after {@code step}: always in a complete graph; on a
     * counterexample TLC stopped exploring, so not at the violating state, nor at its predecessor when
     * TLC stopped in the middle of its successors (an invariant).
     */
    private boolean expanded(boolean isTrace, int step, int steps) {
        if (graph.complete() || !isTrace) {
            return true;
        }
        return step < steps - (graph.trace().result().startsWith("invariant:") ? 1 : 0);
    }

    /**
     * The three checks at one state; at the violating state of an invariant's counterexample the first of
     * the cfg's invariants that fails is TLC's.
     */
    private void check(StepScheduler s, int step, String label, int state, boolean lastOfTrace, boolean expanded) {
        SpecSystem system = s.system();
        Map<String, Object> snapshot = system.snapshot();
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(new TreeSet<>(snapshot.keySet())).as("step %d %s: the variables", step, label)
                .isEqualTo(new TreeSet<>(graph.vars()));
        for (int v = 0; v < graph.vars().size(); v++) {
            String var = graph.vars().get(v);
            if (snapshot.containsKey(var)) {
                soft.assertThat(SpecValue.format(snapshot.get(var))).as("step %d %s: %s", step, label, var)
                        .isEqualTo(graph.value(state, v));
            }
        }
        String result = lastOfTrace ? graph.trace().result() : "";
        if (result.startsWith("invariant:")) {
            soft.assertThat(violatedInvariants(system)).as("after TLC's trace: the cfg's invariants that fail")
                    .startsWith(result.substring("invariant:".length()));
        } else {
            soft.assertThat(violatedInvariants(system)).as("step %d %s: the cfg's invariants that fail", step, label)
                    .isEmpty();
        }
        if (expanded) {
            List<String> enabled = graph.out(state).stream().map(Edge::thread).distinct().sorted().toList();
            soft.assertThat(s.progressing()).as("step %d %s: threads that can make progress", step, label)
                    .isEqualTo(enabled);
        }
        soft.assertAll();
    }
}
