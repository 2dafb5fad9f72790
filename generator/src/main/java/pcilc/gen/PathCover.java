package pcilc.gen;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jgrapht.Graph;
import org.jgrapht.alg.flow.mincost.CapacityScalingMinimumCostFlow;
import org.jgrapht.alg.flow.mincost.MinimumCostFlowProblem;
import org.jgrapht.alg.interfaces.MinimumCostFlowAlgorithm;
import org.jgrapht.graph.DirectedPseudograph;
import pcilc.model.StateGraph.Edge;
import pcilc.model.StateGraph;

/**
 * Tests that cover every edge of a state graph, each a path from an initial state, with the fewest replay
 * steps the graph allows. Covering all edges with paths from the initial states is a minimum-cost
 * circulation: a source feeds the initial states, every state drains to a sink that returns to the source,
 * every edge of the graph carries at least one unit at cost one per unit. The optimum is the lower bound;
 * an Euler circuit of the optimal flow, cut at the sink, gives paths whose steps are exactly that bound.
 */
public final class PathCover {

    /** The tests, their total steps (= the optimum), and what a DFS edge cover (Mocket's) needs. */
    public record Result(List<List<Edge>> paths, long steps, long lowerBound, int dfsPaths, long dfsSteps) {
    }

    private PathCover() {
    }

    /** Arcs of the flow network: a graph edge, or an arc to or from the extra nodes. */
    private record Arc(int id, Edge edge) {
    }

    public static Result of(StateGraph g) {
        int n = g.stateCount();
        int source = n;
        int sink = n + 1;
        Graph<Integer, Arc> net = new DirectedPseudograph<>(null, null, false);
        for (int v = 0; v < n + 2; v++) {
            net.addVertex(v);
        }
        int ids = 0;
        List<Edge> loops = new ArrayList<>();
        for (Edge e : g.edges()) {
            if (e.from() == e.to()) {
                loops.add(e);  // the flow algorithm takes no self-loops; spliced in below
            } else {
                net.addEdge(e.from(), e.to(), new Arc(ids++, e));
            }
        }
        for (int init : g.inits()) {
            net.addEdge(source, init, new Arc(ids++, null));
        }
        for (int v = 0; v < n; v++) {
            net.addEdge(v, sink, new Arc(ids++, null));
        }
        Arc back = new Arc(ids, null);
        net.addEdge(sink, source, back);

        // A step costs more than all tests together could: fewest steps first, then fewest tests.
        double stepCost = g.edges().size() + 1.0;
        int infinite = g.edges().size() + 1;
        MinimumCostFlowProblem<Integer, Arc> problem = new MinimumCostFlowProblem.MinimumCostFlowProblemImpl<>(net,
                v -> 0, a -> infinite, a -> a.edge() != null ? 1 : 0,
                a -> a.edge() != null ? stepCost : a == back ? 1.0 : 0.0);
        MinimumCostFlowAlgorithm.MinimumCostFlow<Arc> flow = new CapacityScalingMinimumCostFlow<Integer, Arc>()
                .getMinimumCostFlow(problem);

        List<List<Edge>> paths = eulerPaths(net, flow.getFlowMap(), source, sink, back);
        spliceLoops(paths, loops);
        long steps = paths.stream().mapToLong(List::size).sum();
        long lowerBound = loops.size();  // each self-loop costs its own step and reaches nothing new
        for (Map.Entry<Arc, Double> f : flow.getFlowMap().entrySet()) {
            if (f.getKey().edge() != null) {
                lowerBound += Math.round(f.getValue());
            }
        }
        long[] dfs = dfsCover(g);
        return new Result(paths, steps, lowerBound, (int) dfs[0], dfs[1]);
    }

    /** Each self-loop goes into the first path that passes its state (a path of its own if none does). */
    private static void spliceLoops(List<List<Edge>> paths, List<Edge> loops) {
        for (Edge loop : loops) {
            boolean placed = false;
            for (List<Edge> p : paths) {
                for (int i = 0; i <= p.size() && !placed; i++) {
                    int state = i == 0 ? p.get(0).from() : p.get(i - 1).to();
                    if (state == loop.from()) {
                        p.add(i, loop);
                        placed = true;
                    }
                }
                if (placed) {
                    break;
                }
            }
            if (!placed) {
                paths.add(new ArrayList<>(List.of(loop)));
            }
        }
    }

    /** Hierholzer's circuit over the flow (each arc as often as its flow) from the source, cut at each return. */
    private static List<List<Edge>> eulerPaths(Graph<Integer, Arc> net, Map<Arc, Double> flowMap, int source,
            int sink, Arc back) {
        Map<Integer, Deque<Arc>> remaining = new HashMap<>();
        // Arcs in a fixed order (the graph's edge order), so the same graph gives the same paths.
        List<Arc> arcs = new ArrayList<>(net.edgeSet());
        arcs.sort((a, b) -> Integer.compare(a.id(), b.id()));
        for (Arc a : arcs) {
            long times = Math.round(flowMap.getOrDefault(a, 0.0));
            for (long i = 0; i < times; i++) {
                remaining.computeIfAbsent(net.getEdgeSource(a), k -> new ArrayDeque<>()).addLast(a);
            }
        }
        Deque<Integer> vertexStack = new ArrayDeque<>();
        Deque<Arc> arcStack = new ArrayDeque<>();
        List<Arc> circuit = new ArrayList<>();
        vertexStack.push(source);
        while (!vertexStack.isEmpty()) {
            int v = vertexStack.peek();
            Deque<Arc> out = remaining.get(v);
            if (out != null && !out.isEmpty()) {
                Arc a = out.pollFirst();
                vertexStack.push(net.getEdgeTarget(a));
                arcStack.push(a);
            } else {
                vertexStack.pop();
                if (!arcStack.isEmpty()) {
                    circuit.add(arcStack.pop());
                }
            }
        }
        java.util.Collections.reverse(circuit);
        for (Deque<Arc> left : remaining.values()) {
            if (!left.isEmpty()) {
                throw new IllegalStateException("the optimal flow is not connected to the initial states");
            }
        }
        List<List<Edge>> paths = new ArrayList<>();
        List<Edge> current = new ArrayList<>();
        for (Arc a : circuit) {
            if (a.edge() != null) {
                current.add(a.edge());
            } else if (a == back) {
                if (!current.isEmpty()) {
                    paths.add(current);
                }
                current = new ArrayList<>();
            }
        }
        if (!current.isEmpty()) {
            paths.add(current);
        }
        return paths;
    }

    /**
     * Mocket's DFS edge cover: depth-first from each initial state, every edge taken once; a test ends where
     * the search backs up (a state already visited, or one without successors) and replays the search path.
     * Returns {tests, steps}.
     */
    static long[] dfsCover(StateGraph g) {
        BitSet visitedState = new BitSet();
        BitSet visitedEdge = new BitSet();
        long tests = 0;
        long steps = 0;
        for (int init : g.inits()) {
            if (visitedState.get(init)) {
                continue;
            }
            visitedState.set(init);
            Deque<int[]> stack = new ArrayDeque<>();  // {state, next out-edge index}
            stack.push(new int[] {init, 0});
            boolean extended = false;
            while (!stack.isEmpty()) {
                int[] top = stack.peek();
                List<Edge> out = g.out(top[0]);
                if (top[1] < out.size()) {
                    Edge e = out.get(top[1]++);
                    if (visitedEdge.get(e.id())) {
                        continue;
                    }
                    visitedEdge.set(e.id());
                    if (visitedState.get(e.to())) {
                        tests++;
                        steps += stack.size();  // the search path plus this edge
                        extended = false;
                    } else {
                        visitedState.set(e.to());
                        stack.push(new int[] {e.to(), 0});
                        extended = true;
                    }
                } else {
                    if (out.isEmpty() && extended) {
                        tests++;
                        steps += stack.size() - 1;
                    }
                    extended = false;
                    stack.pop();
                }
            }
        }
        return new long[] {tests, steps};
    }
}
