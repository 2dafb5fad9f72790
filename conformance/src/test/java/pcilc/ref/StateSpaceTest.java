package pcilc.ref;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import pcilc.ref.systems.Systems;

/**
 * Breadth-first search over the implementation's states through the step scheduler (each state reached by
 * replaying its schedule on a fresh system), with the snapshot as the state: the same graph as TLC's when
 * the code is the spec's model. For the passing designs the number of distinct states and the depth equal
 * TLC's (spec/manifest.tsv); for the others the search finds the failure TLC reports, and stops there as
 * TLC does. A step is a thread and the values of its action's other parameters (the firmware's event).
 */
class StateSpaceTest {

    record Result(int distinct, int depth, Set<String> failures) {
    }

    /** One step of a schedule: the thread and its action's other parameters. */
    record Move(String thread, Map<String, String> choices) {
    }

    /**
     * Designs whose whole state space (each state replayed from the start on fresh threads) takes minutes, left
     * to {@code -Dpcilc.bigStateSpace=true}: zpci-mainline (40,681 states) and proposal-unbind-hotplug-vf
     * (22,920 states, 170 s in CI). Their generated suites cover every edge of TLC's graph and check, in every
     * state, the snapshot and the threads that can make progress: a graph the code's search would find.
     * zpci-mainline's failure is a liveness property the search does not check either.
     */
    static final Set<String> BIG = Set.of("zpci-mainline", "proposal-unbind-hotplug-vf");

    /** A state reached: the schedule that reaches it and the moves the code offers there. */
    private record Reached(List<Move> path, List<Move> moves) {
    }

    /** The search; it stops once it has found failure {@code stopAt} (if not null). */
    static Result explore(String design, List<String> threads, String stopAt) {
        Map<Map<String, Object>, List<Move>> seen = new HashMap<>();
        Deque<Reached> queue = new ArrayDeque<>();
        Set<String> failures = new TreeSet<>();
        int depth = 0;
        List<Move> root = List.of();
        List<List<Move>> rootMoves = new ArrayList<>();
        seen.put(replay(design, threads, root, rootMoves, failures), root);
        queue.add(new Reached(root, rootMoves.get(0)));
        while (!queue.isEmpty() && (stopAt == null || !failures.contains(stopAt))) {
            Reached r = queue.poll();
            depth = Math.max(depth, r.path().size() + 1);
            for (Move m : r.moves()) {
                List<Move> next = new ArrayList<>(r.path());
                next.add(m);
                // one replay gives the state and, if it is new, the moves from it
                List<List<Move>> moves = new ArrayList<>();
                Map<String, Object> state = replay(design, threads, next, moves, failures);
                if (seen.putIfAbsent(state, next) == null) {
                    queue.add(new Reached(next, moves.get(0)));
                }
            }
        }
        return new Result(seen.size(), depth, failures);
    }

    private static Map<String, Object> replay(String design, List<String> threads, List<Move> path,
            List<List<Move>> moves, Set<String> failures) {
        SpecSystem k = SpecDesign.system(design);
        try (StepScheduler s = new StepScheduler(k)) {
            s.startAll(threads);
            for (Move m : path) {
                s.step(m.thread(), m.choices());
            }
            if (s.hung()) {
                failures.add("deadlock");
            }
            k.violatedInvariants().forEach(inv -> failures.add("invariant:" + inv));
            if (moves != null) {
                List<Move> out = new ArrayList<>();
                for (String t : s.progressing()) {
                    if (t.equals("firmware") && k instanceof ZpciKernel z) {
                        z.firmwareChoices().forEach(c -> out.add(new Move(t, c)));
                    } else if (k instanceof ZpciKernel z && z.disableChoices(z.tasks().get(t)) != null) {
                        z.disableChoices(z.tasks().get(t)).forEach(c -> out.add(new Move(t, c)));
                    } else if (k instanceof ZpciKernel z && z.createChoices(z.tasks().get(t)) != null) {
                        z.createChoices(z.tasks().get(t)).forEach(c -> out.add(new Move(t, c)));
                    } else {
                        out.add(new Move(t, Map.of()));
                    }
                }
                moves.add(out);
            }
            return k.snapshot();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pcilc.ref.SpecDesign#implemented")
    void sameVerdictAsTlc(String name) {
        SpecDesign d = SpecDesign.of(name);
        boolean big = BIG.contains(name);
        if (big && !Boolean.getBoolean("pcilc.bigStateSpace")) {
            return;
        }
        long t0 = System.nanoTime();
        boolean fails = !d.expected().equals("pass") && !d.expected().startsWith("property:");
        Result r = explore(d.design(), d.threads(), fails ? d.expected() : null);
        System.out.printf("statespace design=%s distinct=%d depth=%d failures=%s seconds=%.1f%n", name,
                r.distinct(), r.depth(), r.failures(), (System.nanoTime() - t0) / 1e9);
        if (d.expected().equals("pass")) {
            assertThat(r.failures()).isEmpty();
            assertThat(r.distinct()).as("distinct states (TLC: %s)", d.distinct()).isEqualTo(d.distinct());
            assertThat(r.depth()).as("depth (TLC: %s)", d.depth()).isEqualTo(d.depth());
        } else if (d.expected().startsWith("property:")) {
            // A property failure is not a safety failure: TLC explored the whole state space first, with no
            // invariant broken and no deadlock. (The manifest's depth for it is the counterexample's length,
            // since TLC prints no search depth then; its last progress line says 57, as this search finds.)
            assertThat(r.failures()).isEmpty();
            assertThat(r.distinct()).as("distinct states (TLC: %s)", d.distinct()).isEqualTo(d.distinct());
        } else {
            assertThat(r.failures()).contains(d.expected());
        }
    }
}
