package pcilc.ref;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Breadth-first search over the implementation's states through the step scheduler (each state reached by
 * replaying its schedule on a fresh kernel), with the snapshot as the state: the same graph as TLC's when
 * the code is the spec's model. For the passing design the number of distinct states equals TLC's
 * (spec/manifest.tsv); for the others the search finds the failure TLC reports.
 */
class StateSpaceTest {

    record Result(int distinct, int depth, Set<String> failures) {
    }

    static Result explore(String design, List<String> threads) {
        Map<Map<String, Object>, List<String>> seen = new HashMap<>();
        Deque<List<String>> queue = new ArrayDeque<>();
        Set<String> failures = new TreeSet<>();
        int depth = 0;
        List<String> root = List.of();
        seen.put(replay(design, threads, root, null, failures), root);
        queue.add(root);
        while (!queue.isEmpty()) {
            List<String> path = queue.poll();
            depth = Math.max(depth, path.size() + 1);
            for (String t : progressingAfter(design, threads, path)) {
                List<String> next = new ArrayList<>(path);
                next.add(t);
                Map<String, Object> state = replay(design, threads, next, null, failures);
                if (seen.putIfAbsent(state, next) == null) {
                    queue.add(next);
                }
            }
        }
        return new Result(seen.size(), depth, failures);
    }

    private static List<String> progressingAfter(String design, List<String> threads, List<String> path) {
        List<List<String>> out = new ArrayList<>();
        replay(design, threads, path, out, new TreeSet<>());
        return out.get(0);
    }

    private static Map<String, Object> replay(String design, List<String> threads, List<String> path,
            List<List<String>> progressing, Set<String> failures) {
        SpecSystem k = Systems.create(design);
        try (StepScheduler s = new StepScheduler(k)) {
            s.startAll(threads);
            for (String t : path) {
                s.step(t);
            }
            if (s.hung()) {
                failures.add("deadlock");
            }
            k.violatedInvariants().forEach(inv -> failures.add("invariant:" + inv));
            if (progressing != null) {
                progressing.add(s.progressing());
            }
            return k.snapshot();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pcilc.ref.SpecDesign#implemented")
    void sameVerdictAsTlc(String name) {
        SpecDesign d = SpecDesign.of(name);
        Result r = explore(d.design(), d.threads());
        if (d.expected().equals("pass")) {
            assertThat(r.failures()).isEmpty();
            assertThat(r.distinct()).as("distinct states (TLC: %s)", d.distinct()).isEqualTo(d.distinct());
            assertThat(r.depth()).as("depth (TLC: %s)", d.depth()).isEqualTo(d.depth());
        } else {
            assertThat(r.failures()).contains(d.expected());
        }
    }
}
