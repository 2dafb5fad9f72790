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
 * locks it holds and, if its step is disabled, the lock it waits for and who holds it. The last column
 * has only the variables that changed. For a deadlock, the wait-for cycle of the last state.
 */
final class Swimlane {
    /** One thread in one row. {@code action} only for the thread that stepped; {@code waits} if it waits. */
    record Cell(String action, String position, boolean returned, List<String> holds, ThreadLocks.Wait waits) {
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

    private Swimlane(String design, String result, String description, List<String> threads, List<Row> rows,
                     Counterexample trace, List<WaitFor> cycle, List<WaitFor> otherWaits) {
        this.design = design;
        this.result = result;
        this.description = description;
        this.threads = threads;
        this.rows = rows;
        this.trace = trace;
        this.cycle = cycle;
        this.otherWaits = otherWaits;
    }

    /** {@code enabled}: state index -> thread -> its step is enabled (empty: not known, no waits shown). */
    static Swimlane build(String design, String result, String description, Counterexample cx, ThreadLocks locks,
                          Map<Integer, Map<String, Boolean>> enabled) {
        if (cx.states().isEmpty()) {
            throw new pcilc.model.ToolError(design + ": TLC printed no counterexample for " + result);
        }
        List<String> threads = locks.threads(cx.states().get(0));
        List<Row> rows = new ArrayList<>();
        State previous = null;
        for (State s : cx.states()) {
            String thread = previous == null ? null : locks.threadOf(previous, s);
            rows.add(row(s.index(), s.action(), thread, previous, s, threads, locks, enabled.get(s.index()), 0));
            previous = s;
        }
        if (cx.isLasso()) {
            State target = cx.states().get(cx.loopTo() - 1);
            String thread = locks.threadOf(previous, target);
            rows.add(row(previous.index() + 1, cx.loopAction(), thread, previous, target, threads, locks,
                    enabled.get(target.index()), cx.loopTo()));
        }
        List<WaitFor> cycle = List.of();
        List<WaitFor> others = List.of();
        if (result.equals("deadlock")) {
            List<WaitFor> edges = waitFor(rows.get(rows.size() - 1), threads);
            List<WaitFor> found = findCycle(edges, threads);
            cycle = found;
            others = edges.stream().filter(e -> found.stream().noneMatch(c -> c.from().equals(e.from()))).toList();
        }
        return new Swimlane(design, result, description, threads, rows, cx, cycle, others);
    }

    private static Row row(int index, String action, String thread, State before, State after, List<String> threads,
                           ThreadLocks locks, Map<String, Boolean> enabled, int backTo) {
        Map<String, Cell> cells = new LinkedHashMap<>();
        for (String t : threads) {
            boolean acted = t.equals(thread);
            String position = acted || before == null ? locks.position(after, t) : null;
            ThreadLocks.Wait waits = null;
            if (enabled != null && locks.hasWork(after, t) && !enabled.getOrDefault(t, true)) {
                waits = locks.needs(after, t).orElse(new ThreadLocks.Wait("(its next step is disabled)", List.of()));
            }
            // Returned: it was somewhere before the step and is nowhere after (the firmware never is anywhere).
            boolean returned = acted && position.isEmpty() && before != null && !locks.position(before, t).isEmpty();
            cells.put(t, new Cell(acted ? action : null, position, returned, locks.holds(after, t), waits));
        }
        List<String> changes = new ArrayList<>();
        if (before != null) {
            for (Map.Entry<String, TlaValue> e : after.vars().entrySet()) {
                if (!locks.positionVariables().contains(e.getKey())) {
                    diff(e.getKey(), before.get(e.getKey()), e.getValue(), changes);
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
            ThreadLocks.Wait w = row.cells().get(t).waits();
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
