package pcilc.model;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The state graph TLC explored for one design, with every transition's action and parameters as TLC's
 * {@code Action} context bound them. File format (UTF-8 text, one record per line, fields separated by tabs):
 * <pre>
 * # pcilc state graph 1                 first line
 * vars  &lt;name&gt;...                      the spec's variables, in TLC's order
 * value &lt;var&gt; &lt;k&gt; &lt;text&gt;             value number k of variable number var, canonical text (pcilc.model.TlaValue)
 * state &lt;id&gt; &lt;k1&gt; &lt;k2&gt;...             a state: the value number of each variable (ids 0, 1, ... in order)
 * init  &lt;id&gt;                           an initial state
 * edge  &lt;from&gt; &lt;to&gt; &lt;Action&gt; &lt;p&gt;=&lt;v&gt;...  a transition; parameters outermost first (the first is the thread)
 * design &lt;name&gt;                        (added by the generator) the design
 * constant &lt;name&gt; &lt;text&gt;             (generator) a CONSTANT of the design's cfg, its value as canonical text
 * invariant &lt;name&gt;                    (generator) an INVARIANT of the design's cfg, in the cfg's order
 * complete &lt;TRUE|FALSE&gt;                (generator) TLC explored the whole state space (it stops at a safety violation)
 * path  &lt;n&gt; &lt;edge&gt;...                  (generator) test n: edge ids, starting at an initial state
 * trace &lt;result&gt; &lt;init&gt; &lt;edge&gt;... [loop &lt;k&gt;]  (generator) TLC's counterexample from state init; a lasso
 *                                      returns to the state after step k (0: the first state)
 * end   &lt;states&gt; &lt;edges&gt;                last line: the counts (a file without it is truncated)
 * </pre>
 * A value or state line precedes its first use. Steps that no thread takes (Terminated) are not stored.
 */
public final class StateGraph {
    public static final String MAGIC = "# pcilc state graph 1";

    /** A transition: the action and its parameters (name to canonical value, the thread first). */
    public record Edge(int id, int from, int to, String action, Map<String, String> params) {
        /** The thread that takes the step: Next quantifies it outermost. */
        public String thread() {
            return unquote(params.values().iterator().next());
        }

        /** The other parameters: the choices made inside the step. */
        public Map<String, String> choices() {
            Map<String, String> c = new LinkedHashMap<>(params);
            c.remove(params.keySet().iterator().next());
            return c;
        }

        /** {@code Action(p1, p2)}, the parameter values as the spec prints them. */
        public String label() {
            return action + "(" + String.join(", ", params.values().stream().map(StateGraph::unquote).toList()) + ")";
        }
    }

    /** TLC's counterexample: {@code result} as the manifest spells it; loop is -1 unless a lasso. */
    public record Trace(String result, int init, List<Edge> steps, int loop) {
    }

    private final String source;
    private String design = "";
    private final Map<String, String> constants = new LinkedHashMap<>();
    private final List<String> invariants = new ArrayList<>();
    private boolean complete;
    private final List<List<Edge>> paths = new ArrayList<>();
    private Trace trace;
    private final List<String> vars;
    private final List<List<String>> values;
    private final List<int[]> states;
    private final List<Integer> inits;
    private final List<Edge> edges;
    private final List<List<Edge>> out;

    private StateGraph(String source, List<String> vars, List<List<String>> values, List<int[]> states,
            List<Integer> inits, List<Edge> edges) {
        this.source = source;
        this.vars = List.copyOf(vars);
        this.values = values;
        this.states = states;
        this.inits = List.copyOf(inits);
        this.edges = List.copyOf(edges);
        this.out = new ArrayList<>();
        for (int i = 0; i < states.size(); i++) {
            out.add(new ArrayList<>());
        }
        for (Edge e : edges) {
            out.get(e.from()).add(e);
        }
    }

    public String source() {
        return source;
    }

    public String design() {
        return design;
    }

    /** The cfg's constants (name → canonical text), in the cfg's order. */
    public Map<String, String> constants() {
        return Collections.unmodifiableMap(constants);
    }

    /** The same, as Java values ({@link TlcText}): the model the implementation runs on. */
    public Map<String, Object> constantValues() {
        Map<String, Object> out = new LinkedHashMap<>();
        constants.forEach((k, v) -> out.put(k, TlcText.parseValue(v)));
        return out;
    }

    /** The invariants the cfg has TLC check, in the cfg's order (TLC reports the first one violated). */
    public List<String> invariants() {
        return Collections.unmodifiableList(invariants);
    }

    public boolean complete() {
        return complete;
    }

    /** The generated tests: each a path of edges from an initial state. */
    public List<List<Edge>> paths() {
        return Collections.unmodifiableList(paths);
    }

    /** TLC's counterexample, or null. */
    public Trace trace() {
        return trace;
    }

    public List<String> vars() {
        return vars;
    }

    public int stateCount() {
        return states.size();
    }

    public List<Integer> inits() {
        return inits;
    }

    public List<Edge> edges() {
        return edges;
    }

    public List<Edge> out(int state) {
        return Collections.unmodifiableList(out.get(state));
    }

    /** The canonical text of variable number {@code var} in state {@code state}. */
    public String value(int state, int var) {
        return values.get(var).get(states.get(state)[var]);
    }

    /** The state's variables by name, in the file's order. */
    public Map<String, String> state(int state) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int v = 0; v < vars.size(); v++) {
            m.put(vars.get(v), value(state, v));
        }
        return m;
    }

    /** The threads that take a step anywhere in the graph, sorted. */
    public List<String> threads() {
        return edges.stream().map(Edge::thread).distinct().sorted().toList();
    }

    static String unquote(String v) {
        return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
    }

    // --- reading --------------------------------------------------------------------------------------

    public static StateGraph read(Path file) {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(file.toString(), r);
        } catch (NoSuchFileException e) {
            throw new GraphError(file + ": no such file");
        } catch (IOException e) {
            throw new GraphError(file + ": " + e.getMessage());
        }
    }

    /**
     * Only the spec's variables (the vars record, which the writer puts after the first line): what a
     * check of the implementation's snapshot needs, without reading a graph of millions of lines.
     */
    public static List<String> vars(Path file) {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String first = r.readLine();
            need(MAGIC.equals(first), file + ":1: ", "not a state graph (first line is not \"" + MAGIC + "\")");
            String line = r.readLine();
            need(line != null && line.startsWith("vars\t"), file + ":2: ", "no vars record after the first line");
            String[] f = line.split("\t", -1);
            return List.of(f).subList(1, f.length);
        } catch (NoSuchFileException e) {
            throw new GraphError(file + ": no such file");
        } catch (IOException e) {
            throw new GraphError(file + ": " + e.getMessage());
        }
    }

    /** The graph read from {@code in}; errors name it {@code name}. */
    public static StateGraph read(String name, BufferedReader in) throws IOException {
        List<String> vars = null;
        List<List<String>> values = new ArrayList<>();
        List<int[]> states = new ArrayList<>();
        List<Integer> inits = new ArrayList<>();
        List<Edge> edges = new ArrayList<>();
        List<String[]> extra = new ArrayList<>();
        boolean ended = false;
        int n = 0;
        String line;
        while ((line = in.readLine()) != null) {
            n++;
            String at = name + ":" + n + ": ";
            if (n == 1) {
                if (!line.equals(MAGIC)) {
                    throw new GraphError(at + "not a state graph (first line is not \"" + MAGIC + "\")");
                }
                continue;
            }
            if (ended) {
                throw new GraphError(at + "text after the end line");
            }
            String[] f = line.split("\t", -1);
            switch (f[0]) {
                case "vars" -> {
                    vars = List.of(f).subList(1, f.length);
                    vars.forEach(v -> values.add(new ArrayList<>()));
                }
                case "value" -> {
                    need(vars != null, at, "value before vars");
                    need(f.length == 4, at, "value needs 3 fields");
                    int var = number(f[1], at);
                    need(var < vars.size(), at, "no variable number " + var);
                    need(number(f[2], at) == values.get(var).size(), at, "value numbers out of order");
                    values.get(var).add(f[3]);
                }
                case "state" -> {
                    need(vars != null && f.length == vars.size() + 2, at, "a state needs one value per variable");
                    need(number(f[1], at) == states.size(), at, "state ids out of order");
                    int[] s = new int[vars.size()];
                    for (int v = 0; v < s.length; v++) {
                        s[v] = number(f[v + 2], at);
                        need(s[v] < values.get(v).size(), at, "undefined value " + s[v] + " of " + vars.get(v));
                    }
                    states.add(s);
                }
                case "init" -> {
                    int s = number(f[1], at);
                    need(s < states.size(), at, "init names an undefined state " + s);
                    inits.add(s);
                }
                case "edge" -> {
                    need(f.length >= 5, at, "an edge needs from, to, action and the thread");
                    int from = number(f[1], at);
                    int to = number(f[2], at);
                    need(from < states.size() && to < states.size(), at, "edge between undefined states");
                    Map<String, String> params = new LinkedHashMap<>();
                    for (int i = 4; i < f.length; i++) {
                        int eq = f[i].indexOf('=');
                        need(eq > 0, at, "parameter without '=': " + f[i]);
                        params.put(f[i].substring(0, eq), f[i].substring(eq + 1));
                    }
                    edges.add(new Edge(edges.size(), from, to, f[3], params));
                }
                case "end" -> {
                    need(f.length == 3, at, "end needs the state and edge counts");
                    need(number(f[1], at) == states.size() && number(f[2], at) == edges.size(), at,
                            "the end line counts " + f[1] + " states and " + f[2] + " edges, the file has "
                                    + states.size() + " and " + edges.size());
                    ended = true;
                }
                case "design", "constant", "invariant", "complete", "path", "trace" -> {
                    need(f.length >= 2, at, f[0] + " needs a value");
                    String[] withLine = java.util.Arrays.copyOf(f, f.length + 1);
                    withLine[f.length] = at;
                    extra.add(withLine);
                }
                default -> throw new GraphError(at + "unknown record \"" + f[0] + "\"");
            }
        }
        if (!ended) {
            throw new GraphError(name + ": truncated (no end line after line " + n + ")");
        }
        if (inits.isEmpty()) {
            throw new GraphError(name + ": no initial state");
        }
        StateGraph g = new StateGraph(name, vars, values, states, inits, edges);
        for (String[] f : extra) {
            String at = f[f.length - 1];
            String[] r = java.util.Arrays.copyOf(f, f.length - 1);
            switch (r[0]) {
                case "design" -> g.design = r[1];
                case "constant" -> {
                    need(r.length == 3, at, "constant needs a name and a value");
                    try {
                        TlcText.parseValue(r[2]);
                    } catch (RuntimeException e) {
                        throw new GraphError(at + "constant " + r[1] + ": " + e.getMessage());
                    }
                    need(g.constants.put(r[1], r[2]) == null, at, "constant " + r[1] + " given twice");
                }
                case "invariant" -> {
                    need(r.length == 2, at, "invariant needs a name");
                    need(!g.invariants.contains(r[1]), at, "invariant " + r[1] + " given twice");
                    g.invariants.add(r[1]);
                }
                case "complete" -> g.complete = Boolean.parseBoolean(r[1].toLowerCase(java.util.Locale.ROOT));
                case "path" -> {
                    need(number(r[1], at) == g.paths.size() + 1, at, "path numbers out of order");
                    List<Edge> p = g.edgeList(r, 2, r.length, at);
                    need(!p.isEmpty() && inits.contains(p.get(0).from()), at, "a path starts at an initial state");
                    g.paths.add(p);
                }
                default -> {
                    need(r.length >= 3, at, "trace needs the result and the initial state");
                    int init = number(r[2], at);
                    need(inits.contains(init), at, "trace starts at a state that is not initial");
                    int end = r.length;
                    int loop = -1;
                    if (r.length >= 5 && r[r.length - 2].equals("loop")) {
                        loop = number(r[r.length - 1], at);
                        end -= 2;
                    }
                    g.trace = new Trace(r[1], init, g.edgeList(r, 3, end, at), loop);
                }
            }
        }
        return g;
    }

    /** Edge ids {@code f[from..to)} as a connected path. */
    private List<Edge> edgeList(String[] f, int from, int to, String at) {
        List<Edge> p = new ArrayList<>();
        for (int i = from; i < to; i++) {
            int id = number(f[i], at);
            need(id < edges.size(), at, "no edge " + id);
            Edge e = edges.get(id);
            need(p.isEmpty() || p.get(p.size() - 1).to() == e.from(), at, "edge " + id + " does not continue the path");
            p.add(e);
        }
        return p;
    }

    private static int number(String s, String at) {
        try {
            int v = Integer.parseInt(s);
            need(v >= 0, at, "negative number " + s);
            return v;
        } catch (NumberFormatException e) {
            throw new GraphError(at + "not a number: \"" + s + "\"");
        }
    }

    private static void need(boolean ok, String at, String problem) {
        if (!ok) {
            throw new GraphError(at + problem);
        }
    }
}
