package pcilc.review;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import pcilc.model.Counterexample.State;
import pcilc.model.Counterexample;
import pcilc.model.TlaValue;

/**
 * A counterexample as swimlanes: one column per thread, one row per step. In each row the thread that
 * stepped shows the action (the kernel function's step) and where it is now; every thread shows the
 * locks it holds and, if it has work left but no step, the lock it waits for and who holds it. The last
 * column has only the variables that changed. For a deadlock, the wait-for cycle of the last state. What a
 * thread holds, needs and where it is, the spec says ({@link Lanes}); which thread took a step and which
 * threads can step, TLC's state graph.
 */
final class Swimlane {
    /** One thread in one row. {@code action} only for the thread that stepped; {@code waits} if it waits. */
    record Cell(String action, String position, boolean returned, List<String> holds, Wait waits) {
    }

    /** The lock a thread waits for, and the threads holding it (possibly the thread itself). */
    record Wait(String lock, List<String> holders) {
    }

    /**
     * One step: state {@code index}, reached by {@code action} of {@code thread} (null in the first row).
     * {@code backTo} > 0: the step that closes a lasso, back to that state.
     */
    record Row(int index, String action, String thread, Map<String, Cell> cells, List<String> changes, int backTo) {
    }

    /** {@code from} waits for {@code lock}, held by {@code to}. */
    record WaitFor(String from, String lock, String to) {
    }

    /** One thread in one state of the trace, as the spec names it, and whether it can take a step there. */
    record Lane(String position, boolean busy, List<String> holds, Wait needs, boolean canStep) {
    }

    /** What the spec and the graph say of the trace's threads. */
    interface Lanes {
        /** The columns, in the spec's order. */
        List<String> threads();

        /** The variables the positions show: the changed column leaves them out. */
        java.util.Set<String> positionVariables();

        /** Thread {@code t} in trace state {@code i} (0: the initial state). */
        Lane lane(int i, String t);

        /** The thread that took step {@code k} (into trace state k + 1; the last one of a lasso loops back). */
        String thread(int k);
    }

    final String design;
    final String result;
    final String description;
    final List<String> threads;
    final List<Row> rows;
    final Counterexample trace;
    /** Deadlock: the wait-for cycle in the last state, from the first thread (in column order) on it. */
    final List<WaitFor> cycle;
    /** Deadlock: the threads that wait but are not on the cycle (and threads that wait for nobody). */
    final List<WaitFor> otherWaits;
    /** The violated check in the spec's words (for a deadlock: the next-state relation), after the verdict. */
    final List<Definitions.Definition> definitions;

    private Swimlane(String design, String result, String description, List<String> threads, List<Row> rows,
                     Counterexample trace, List<WaitFor> cycle, List<WaitFor> otherWaits,
                     List<Definitions.Definition> definitions) {
        this.design = design;
        this.result = result;
        this.description = description;
        this.threads = threads;
        this.rows = rows;
        this.trace = trace;
        this.cycle = cycle;
        this.otherWaits = otherWaits;
        this.definitions = definitions;
    }

    static Swimlane build(String design, String result, String description, Counterexample cx, Lanes lanes,
                          List<Definitions.Definition> definitions) {
        if (cx.states().isEmpty()) {
            throw new pcilc.model.ToolError(design + ": TLC printed no counterexample for " + result);
        }
        List<String> threads = lanes.threads();
        List<Row> rows = new ArrayList<>();
        List<State> states = cx.states();
        for (int i = 0; i < states.size(); i++) {
            String thread = i == 0 ? null : lanes.thread(i - 1);
            rows.add(row(states.get(i).index(), states.get(i).action(), thread, i - 1, i, states, lanes, 0));
        }
        if (cx.isLasso()) {
            int last = states.size() - 1;
            rows.add(row(states.get(last).index() + 1, cx.loopAction(), lanes.thread(last), last, cx.loopTo() - 1,
                    states, lanes, cx.loopTo()));
        }
        List<WaitFor> cycle = List.of();
        List<WaitFor> others = List.of();
        if (result.equals("deadlock")) {
            List<WaitFor> edges = waitFor(rows.get(rows.size() - 1), threads);
            List<WaitFor> found = findCycle(edges, threads);
            cycle = found;
            others = edges.stream().filter(e -> found.stream().noneMatch(c -> c.from().equals(e.from()))).toList();
        }
        return new Swimlane(design, result, description, threads, rows, cx, cycle, others, definitions);
    }

    /** The row of the step from trace state {@code before} (-1: none) to {@code after}. */
    private static Row row(int index, String action, String thread, int before, int after, List<State> states,
                           Lanes lanes, int backTo) {
        Map<String, Cell> cells = new LinkedHashMap<>();
        for (String t : lanes.threads()) {
            boolean acted = t.equals(thread);
            Lane now = lanes.lane(after, t);
            String position = acted || before < 0 ? now.position() : null;
            Wait waits = null;
            if (now.busy() && !now.canStep()) {
                waits = now.needs() != null ? now.needs() : new Wait("(its next step is disabled)", List.of());
            }
            // Returned: it was somewhere before the step and is nowhere after (the firmware never is anywhere).
            boolean returned = acted && position.isEmpty() && before >= 0 && !lanes.lane(before, t).position().isEmpty();
            cells.put(t, new Cell(acted ? action : null, position, returned, now.holds(), waits));
        }
        List<String> changes = new ArrayList<>();
        if (before >= 0) {
            for (Map.Entry<String, TlaValue> e : states.get(after).vars().entrySet()) {
                if (!lanes.positionVariables().contains(e.getKey())) {
                    diff(e.getKey(), states.get(before).get(e.getKey()), e.getValue(), changes);
                }
            }
        }
        return new Row(index, action, thread, cells, changes, backTo);
    }

    /** The changed entries of a variable, down to the changed fields of records and entries of functions. */
    static void diff(String path, TlaValue before, TlaValue after, List<String> out) {
        if (Objects.equals(before, after)) {
            return;
        }
        if (before instanceof TlaValue.Rec b && after instanceof TlaValue.Rec a
                && b.fields().keySet().equals(a.fields().keySet()) && !a.fields().isEmpty()) {
            // A function (values of one kind: deviceLock[PF]) or a record (rescanLock.owner).
            boolean function = functionLike(b.fields().values()) && functionLike(a.fields().values());
            for (String k : a.fields().keySet()) {
                diff(function ? path + "[" + k + "]" : path + "." + k, b.get(k), a.get(k), out);
            }
            return;
        }
        if (before instanceof TlaValue.Seq b && after instanceof TlaValue.Seq a && b.items().size() == a.items().size()
                && functionLike(b.items()) && functionLike(a.items())) {
            for (int i = 0; i < a.items().size(); i++) {
                diff(path + "[" + (i + 1) + "]", b.items().get(i), a.items().get(i), out);
            }
            return;
        }
        out.add(path + ": " + (before == null ? "(none)" : before.canonical()) + " → " + after.canonical());
    }

    private static boolean functionLike(java.util.Collection<TlaValue> values) {
        Set<Class<?>> kinds = new java.util.HashSet<>();
        values.forEach(v -> kinds.add(v.getClass()));
        return kinds.size() == 1;
    }

    /** The wait-for edges of a row: each waiting thread to each holder of the lock it waits for. */
    static List<WaitFor> waitFor(Row row, List<String> threads) {
        List<WaitFor> edges = new ArrayList<>();
        for (String t : threads) {
            Wait w = row.cells().get(t).waits();
            if (w == null) {
                continue;
            }
            if (w.holders().isEmpty()) {
                edges.add(new WaitFor(t, w.lock(), null));
            }
            for (String h : w.holders()) {
                edges.add(new WaitFor(t, w.lock(), h));
            }
        }
        return edges;
    }

    /** A cycle of the wait-for graph, starting at the first thread (in column order) on one; empty if none. */
    static List<WaitFor> findCycle(List<WaitFor> edges, List<String> threads) {
        for (String start : threads) {
            List<WaitFor> path = new ArrayList<>();
            List<WaitFor> found = walk(start, start, edges, path, new java.util.HashSet<>());
            if (found != null) {
                return found;
            }
        }
        return List.of();
    }

    private static List<WaitFor> walk(String start, String at, List<WaitFor> edges, List<WaitFor> path,
                                      Set<String> seen) {
        for (WaitFor e : edges) {
            if (!e.from().equals(at) || e.to() == null) {
                continue;
            }
            path.add(e);
            if (e.to().equals(start)) {
                return List.copyOf(path);
            }
            if (seen.add(e.to())) {
                List<WaitFor> found = walk(start, e.to(), edges, path, seen);
                if (found != null) {
                    return found;
                }
            }
            path.remove(path.size() - 1);
        }
        return null;
    }

    /**
     * The cycle in words: {@code `remove_store` holds pci_rescan_remove_lock, waits device_lock(PF) held by
     * `unbind_store`, which waits pci_rescan_remove_lock held by `remove_store`.}
     */
    String cycleText() {
        if (cycle.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder("`" + cycle.get(0).from() + "` holds "
                + cycle.get(cycle.size() - 1).lock() + ", waits ");
        for (int i = 0; i < cycle.size(); i++) {
            WaitFor e = cycle.get(i);
            if (i > 0) {
                b.append(", which waits ");
            }
            b.append(e.lock()).append(" held by `").append(e.to()).append('`');
            if (cycle.size() == 1) {
                b.append(" itself (the lock is not reentrant)");
            }
        }
        return b.append('.').toString();
    }

    /** One sentence per waiting thread off the cycle. */
    List<String> otherWaitTexts() {
        List<String> texts = new ArrayList<>();
        for (WaitFor e : otherWaits) {
            texts.add("`" + e.from() + "` waits " + e.lock() + (e.to() == null ? ", which nobody holds (no one will wake it)"
                    : " held by `" + e.to() + "`") + ".");
        }
        return texts;
    }

    /** What TLC found, in a sentence about the last rows. */
    String verdict() {
        Row last = rows.get(rows.size() - 1);
        if (result.equals("deadlock")) {
            return "**Deadlock** in state " + last.index() + ": no thread can take a step.";
        }
        if (result.startsWith("invariant:")) {
            return "**Invariant `" + result.substring(10) + "` is violated** in state " + last.index() + ".";
        }
        if (result.startsWith("property:")) {
            String p = "**Property `" + result.substring(9) + "` is violated** by this behaviour: ";
            if (trace.isLasso()) {
                return p + "after state " + (last.index() - 1) + " it goes back to state " + last.backTo()
                        + ", and states " + last.backTo() + " to " + (last.index() - 1) + " repeat forever.";
            }
            return p + "from state " + last.index() + " on nothing changes any more (it stutters forever).";
        }
        return "TLC reports " + result + ".";
    }
}
