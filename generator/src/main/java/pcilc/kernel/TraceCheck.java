package pcilc.kernel;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import pcilc.model.StateGraph;
import pcilc.model.TlcText;
import pcilc.model.ToolError;

/**
 * Trace validation (Cirstea, Kuppe, Merz et al., 2024) on TLC's state graph of a design: is there a behaviour
 * of the design whose observed steps are the trace's events, in the trace's order?
 * <p>
 * An event is a function entry by a thread's task; the map says which steps of that thread it announces. The
 * entry is logged before the step (a lock is taken after the function is entered), so an event is consumed
 * first and its step taken later, before the thread's next event: each thread has at most one announced step
 * pending, and the steps of different threads may happen in either order after their entries. Steps of
 * actions the map does not name are not observed and may happen anywhere; a step of a mapped action needs
 * its event. Only the scenario's threads move. The trace is a behaviour when every event is consumed, no step
 * is pending, and then (still by unobserved steps) every thread can return; a run the lab found hung need
 * only be a prefix of a behaviour (its last events may announce steps still waiting), and the search says
 * whether the design can be stuck right there, as the kernel was.
 */
public final class TraceCheck {
    /** One observed event: its thread and the steps it announces. */
    public record Observed(KernelTrace.Event event, String thread, Set<String> actions) {
    }

    /** A row of the matched behaviour: an event, or a step of the design. */
    public record Row(Observed event, StateGraph.Edge step) {
    }

    /**
     * The outcome: validated, or the rows matched before the first event (or end) that no behaviour matches.
     * For a hung run, {@code stuck} names the guest's threads when the design can deadlock right there (none
     * of them can take a step; {@code prefix} then ends in that state), else it is empty.
     */
    public record Verdict(boolean validated, List<Observed> events, int matched, List<Row> prefix, String why,
                          List<String> stuck) {
    }

    private final String design;
    private final StateGraph graph;
    private final TraceMap map;
    private final Map<Integer, List<Object>> stacks = new HashMap<>();

    public TraceCheck(String design, StateGraph graph, TraceMap map) {
        this.design = design;
        this.graph = graph;
        this.map = map;
    }

    /** The trace's events of the scenario's threads, mapped; a function the map does not know is an error. */
    public List<Observed> observed(KernelTrace trace) {
        Map<Integer, String> threadOf = new HashMap<>(trace.tasks());
        List<Observed> out = new ArrayList<>();
        for (KernelTrace.Event e : trace.events()) {
            String key = map.keyOf(e.function(), e.parent());
            if (key == null) {
                throw new ToolError(trace.file() + ":" + e.line() + ": function " + e.function()
                        + (hasCallerLines(e.function())
                            ? " called from " + e.parent() : "")
                        + " is not in " + map.file() + " (map it to the actions it announces, or ignore it)");
            }
            String thread = threadOf.get(e.pid());
            if (thread == null && map.taskOf().containsKey(e.function())) {
                thread = map.taskOf().get(e.function());
                threadOf.put(e.pid(), thread);
            }
            Set<String> actions = map.mapped().get(key);
            if (thread != null && actions != null) {
                out.add(new Observed(e, thread, actions));
            }
        }
        return out;
    }

    private boolean hasCallerLines(String function) {
        return map.mapped().keySet().stream().anyMatch(k -> k.startsWith(function + "<-"))
                || map.ignored().keySet().stream().anyMatch(k -> k.startsWith(function + "<-"));
    }

    /** The threads that may move: the scenario's tasks, the platform's, and kernel tasks the map names. */
    static List<String> threads(KernelTrace trace, List<Observed> events) {
        Set<String> s = new LinkedHashSet<>(trace.tasks().values());
        s.addAll(trace.platformThreads());
        events.forEach(o -> s.add(o.thread()));
        return List.copyOf(s);
    }

    public Verdict check(KernelTrace trace) {
        List<Observed> events = observed(trace);
        List<String> threads = threads(trace, events);
        Set<String> observedActions = map.observed();
        List<Set<String>> pendingSets = new ArrayList<>(new LinkedHashSet<>(map.mapped().values()));
        if (threads.size() > 6 || pendingSets.size() > 30 || events.size() >= (1 << 12) || graph.stateCount() >= (1 << 22)) {
            throw new ToolError(trace.file() + ": too big to validate (" + threads.size() + " threads, " + events.size()
                    + " events, " + graph.stateCount() + " states)");
        }
        for (String t : threads) {
            if (!graph.threads().contains(t) && !isThreadOfDesign(t)) {
                throw new ToolError(trace.file() + ": thread " + t + " is not a thread of design " + design);
            }
        }
        Map<Long, Long> parent = new HashMap<>();
        Map<Long, Row> via = new HashMap<>();
        ArrayDeque<Long> queue = new ArrayDeque<>();
        for (int init : graph.inits()) {
            long key = key(init, 0, 0L);
            if (parent.putIfAbsent(key, -1L) == null) {
                queue.add(key);
            }
        }
        long best = queue.isEmpty() ? -1 : queue.peek();
        long accepted = -1;
        long stuck = -1;
        Set<String> guest = new LinkedHashSet<>(trace.tasks().values());
        while (!queue.isEmpty()) {
            long node = queue.poll();
            int s = state(node);
            int k = consumed(node);
            long pend = pending(node);
            if (k > consumed(best)) {
                best = node;
            }
            // a hung run's last entries may announce steps that never came (the lock its task waits for)
            if (k == events.size() && (pend == 0 || trace.hung()) && done(s, threads, trace.hung())) {
                accepted = accepted < 0 ? node : accepted;
                // a hung run: look on for a state where the design is stuck as the kernel was
                if (!trace.hung() || stuck(s, guest)) {
                    stuck = trace.hung() ? node : -1;
                    break;
                }
            }
            if (k < events.size()) {
                Observed o = events.get(k);
                int ti = threads.indexOf(o.thread());
                if (slot(pend, ti) == 0) {
                    long next = key(s, k + 1, withSlot(pend, ti, pendingSets.indexOf(o.actions()) + 1));
                    if (parent.putIfAbsent(next, node) == null) {
                        via.put(next, new Row(o, null));
                        queue.add(next);
                    }
                }
            }
            for (StateGraph.Edge e : graph.out(s)) {
                int ti = threads.indexOf(e.thread());
                if (ti < 0) {
                    continue;
                }
                long p = pend;
                if (observedActions.contains(e.action())) {
                    int set = slot(pend, ti);
                    if (set == 0 || !pendingSets.get(set - 1).contains(e.action())) {
                        continue;
                    }
                    p = withSlot(pend, ti, 0);
                }
                long next = key(e.to(), k, p);
                if (parent.putIfAbsent(next, node) == null) {
                    via.put(next, new Row(null, e));
                    queue.add(next);
                }
            }
        }
        long end = stuck >= 0 ? stuck : accepted >= 0 ? accepted : best;
        List<Row> rows = new ArrayList<>();
        for (long n = end; n >= 0 && via.containsKey(n); n = parent.get(n)) {
            rows.add(via.get(n));
        }
        Collections.reverse(rows);
        if (accepted >= 0) {
            List<String> blocked = stuck >= 0 ? guest.stream().sorted().toList() : List.of();
            return new Verdict(true, events, events.size(), rows, "", blocked);
        }
        int k = consumed(best);
        String why;
        if (k < events.size()) {
            Observed o = events.get(k);
            why = "event " + (k + 1) + " of " + events.size() + " (" + trace.file().getFileName() + ":" + o.event().line()
                    + "): " + o.event().task() + " (" + o.thread() + ") enters " + o.event().function()
                    + ", announcing " + String.join(" or ", o.actions()) + ": no behaviour of " + design
                    + " that matches the events before it lets " + o.thread() + " take that step next";
        } else {
            why = "all " + events.size() + " events match, but then no behaviour lets every thread return, as the"
                    + " kernel's did";
        }
        return new Verdict(false, events, k, rows, why, List.of());
    }

    private boolean isThreadOfDesign(String t) {
        Object stack = TlcText.parseValue(graph.state(graph.inits().get(0)).get("stack"));
        return stack instanceof Map<?, ?> m && m.containsKey(t);
    }

    /**
     * Completed: every thread has returned. Hung (the lab gave up waiting: a task still in the kernel, or the
     * platform's event never handled): the trace is a prefix of a behaviour, nothing more is asked of the end.
     */
    private boolean done(int s, List<String> threads, boolean hung) {
        if (hung) {
            return true;
        }
        List<Object> stack = stacks.computeIfAbsent(s, x -> {
            Object v = TlcText.parseValue(graph.state(x).get("stack"));
            List<Object> out = new ArrayList<>();
            for (String t : threads) {
                out.add(((Map<?, ?>) v).get(t));
            }
            return out;
        });
        return stack.stream().allMatch(v -> ((List<?>) v).isEmpty());
    }

    /** The guest's threads cannot move and one of them is still in the kernel: a deadlock of theirs. */
    private boolean stuck(int s, Set<String> guest) {
        Object v = TlcText.parseValue(graph.state(s).get("stack"));
        boolean inside = guest.stream().anyMatch(t -> !((List<?>) ((Map<?, ?>) v).get(t)).isEmpty());
        return inside && graph.out(s).stream().noneMatch(e -> guest.contains(e.thread()));
    }

    // A search node in one long: state (22 bits), events consumed (12), the pending set of each thread (5 x 6;
    // 31 is never a set, so no key is -1, the root's parent).
    private static long key(int state, int k, long pending) {
        return ((long) state << 42) | ((long) k << 30) | pending;
    }

    private static int state(long key) {
        return (int) (key >>> 42);
    }

    private static int consumed(long key) {
        return (int) ((key >>> 30) & ((1 << 12) - 1));
    }

    private static long pending(long key) {
        return key & ((1L << 30) - 1);
    }

    private static int slot(long pending, int thread) {
        return (int) ((pending >>> (5 * thread)) & 31);
    }

    private static long withSlot(long pending, int thread, int set) {
        return (pending & ~(31L << (5 * thread))) | ((long) set << (5 * thread));
    }

    /** The rows as a swimlane: one column per thread; events as "> function", steps by their action. */
    public static String swimlane(List<String> threads, List<Row> rows, Observed failing, int last) {
        int from = Math.max(0, rows.size() - last);
        List<String[]> table = new ArrayList<>();
        String[] head = new String[threads.size() + 1];
        head[0] = "#";
        for (int i = 0; i < threads.size(); i++) {
            head[i + 1] = threads.get(i);
        }
        table.add(head);
        for (int r = from; r < rows.size(); r++) {
            table.add(cells(threads, r + 1, rows.get(r), ""));
        }
        if (failing != null) {
            table.add(cells(threads, rows.size() + 1, new Row(failing, null), "  <-- no match"));
        }
        int[] width = new int[head.length];
        for (String[] row : table) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        StringBuilder b = new StringBuilder();
        if (from > 0) {
            b.append("  (").append(from).append(" earlier rows not shown)\n");
        }
        for (String[] row : table) {
            StringBuilder line = new StringBuilder("  ");
            for (int i = 0; i < row.length; i++) {
                line.append(String.format("%-" + width[i] + "s", row[i])).append(i + 1 < row.length ? " | " : "");
            }
            b.append(line.toString().stripTrailing()).append('\n');
        }
        return b.toString();
    }

    private static String[] cells(List<String> threads, int n, Row row, String note) {
        String[] c = new String[threads.size() + 1];
        java.util.Arrays.fill(c, "");
        c[0] = Integer.toString(n);
        String thread = row.event() != null ? row.event().thread() : row.step().thread();
        String text = row.event() != null ? "> " + row.event().event().function() + " (line " + row.event().event().line() + ")" + note
                : row.step().action();
        c[threads.indexOf(thread) + 1] = text;
        return c;
    }

    /** The interleaving a trace shows: its events as (thread, function), in order. */
    public static String interleaving(List<Observed> events) {
        StringBuilder b = new StringBuilder();
        for (Observed o : events) {
            b.append(o.thread()).append(':').append(o.event().function()).append(' ');
        }
        return b.toString();
    }
}
