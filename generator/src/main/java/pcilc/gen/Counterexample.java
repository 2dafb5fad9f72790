package pcilc.gen;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import pcilc.graph.StateGraph;
import pcilc.graph.StateGraph.Edge;
import pcilc.graph.TlcText;
import pcilc.ref.SpecValue;
import pcilc.tlc.TlcOutput;
import pcilc.tlc.ToolError;

/**
 * TLC's counterexample as a path of the state graph: each printed state is found in the graph by its
 * values, and each step is the graph's edge between consecutive states with the action TLC names, so the
 * step carries the parameters TLC bound (the printed trace has only the action's name).
 */
final class Counterexample {
    private static final Pattern HEADER = Pattern.compile("^(\\d+): <(\\w+)");
    private static final Pattern BACK = Pattern.compile("^(\\d+): Back to state");

    private Counterexample() {
    }

    static StateGraph.Trace of(String design, String result, List<TlcOutput.Message> trace, StateGraph g) {
        Map<Map<String, String>, Integer> byValues = new HashMap<>();
        for (int s = 0; s < g.stateCount(); s++) {
            byValues.putIfAbsent(g.state(s), s);
        }
        List<Integer> states = new ArrayList<>();
        List<String> actions = new ArrayList<>();
        int loop = -1;
        for (TlcOutput.Message m : trace) {
            String body = m.body();
            Matcher back = BACK.matcher(body);
            if (m.code() == TlcOutput.BACK_TO_STATE && back.find()) {
                loop = Integer.parseInt(back.group(1)) - 1;
                continue;
            }
            if (m.code() == TlcOutput.STUTTER_PRINT) {
                loop = states.size() - 1;
                continue;
            }
            Matcher h = HEADER.matcher(body);
            actions.add(h.find() ? h.group(2) : "?");
            Map<String, String> values = new java.util.LinkedHashMap<>();
            Map<String, Object> parsed = TlcText.parseState(body);
            for (String var : g.vars()) {
                Object v = parsed.get(var);
                if (v == null) {
                    throw new ToolError(design + ": TLC's trace state " + (states.size() + 1) + " has no variable " + var);
                }
                values.put(var, SpecValue.format(v));
            }
            Integer id = byValues.get(values);
            if (id == null) {
                throw new ToolError(design + ": TLC's trace state " + (states.size() + 1) + " is not in the state graph");
            }
            states.add(id);
        }
        if (states.isEmpty()) {
            throw new ToolError(design + ": TLC reported " + result + " without a trace");
        }
        List<Edge> steps = new ArrayList<>();
        for (int i = 1; i < states.size(); i++) {
            steps.add(edge(design, g, states.get(i - 1), states.get(i), actions.get(i), i));
        }
        if (loop >= 0 && loop < states.size() - 1) {
            // the lasso closes: the last state steps back to state number loop
            steps.add(edge(design, g, states.get(states.size() - 1), states.get(loop), null, states.size()));
        }
        return new StateGraph.Trace(result, states.get(0), steps, loop);
    }

    private static Edge edge(String design, StateGraph g, int from, int to, String action, int step) {
        for (Edge e : g.out(from)) {
            if (e.to() == to && (action == null || e.action().equals(action))) {
                return e;
            }
        }
        throw new ToolError(design + ": step " + step + " of TLC's trace (" + action + ") is not an edge of the state graph");
    }
}
