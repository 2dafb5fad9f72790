package pcilc.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashMap;
import pcilc.model.StateGraph.Edge;

/**
 * TLC's counterexample as a path of the state graph: each printed state is found in the graph by its
 * values, and each step is the graph's edge between consecutive states with the action TLC names, so the
 * step carries the parameters TLC bound (the printed trace has only the action's name): the thread that took
 * it, for the review, and the test's steps, for generation.
 */
public final class CounterexamplePath {
    private CounterexamplePath() {
    }

    public static StateGraph.Trace of(String design, String result, List<TlcOutput.Message> trace, StateGraph g) {
        Map<Map<String, String>, Integer> byValues = new HashMap<>();
        for (int s = 0; s < g.stateCount(); s++) {
            byValues.putIfAbsent(g.state(s), s);
        }
        Counterexample printed = Counterexample.of(trace);
        List<Integer> states = new ArrayList<>();
        List<String> actions = new ArrayList<>();
        for (Counterexample.State state : printed.states()) {
            actions.add(state.action());
            Map<String, String> values = new LinkedHashMap<>();
            for (String var : g.vars()) {
                TlaValue v = state.get(var);
                if (v == null) {
                    throw new ToolError(design + ": TLC's trace state " + (states.size() + 1) + " has no variable " + var);
                }
                values.put(var, v.canonical());
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
        // a lasso returns to state loopTo (from 1); a trace that stutters at its end loops on its last state
        int loop = printed.isLasso() ? printed.loopTo() - 1 : printed.stutters() ? states.size() - 1 : -1;
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
