package pcilc.tlc;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import pcilc.model.SpecValue;
import tla2sany.semantic.SymbolNode;
import tlc2.tool.Action;
import tlc2.tool.TLCState;
import tlc2.util.BitVector;
import tlc2.util.Context;
import tlc2.util.IStateWriter;
import tlc2.value.IValue;

/**
 * TLC's state writer: TLC calls it for every initial state and every transition it computes, with the
 * {@link Action} whose context holds the parameter bindings. Writes the graph in {@link StateGraph}'s format
 * as TLC goes, values in SpecValue's canonical text (one worker: TLC's order, the same for the same spec). States are numbered in the order TLC
 * first reports them; transitions without a thread (Next's Terminated) are left out. A thread's step that
 * changes nothing (a failed retry) is a self-loop edge.
 */
final class GraphWriter implements IStateWriter {
    private final BufferedWriter out;
    private final Map<Long, Integer> ids = new HashMap<>();
    private final List<Map<String, Integer>> valueIds = new ArrayList<>();
    private String[] varNames;
    private int edges;
    /** Told of every state as it is numbered (the swimlane view). */
    private final java.util.function.ObjIntConsumer<TLCState> numbered;
    /** The last transition written, or the last initial state if none: what TLC was expanding when it stopped. */
    private TLCState lastFrom;
    private TLCState lastTo;

    GraphWriter(BufferedWriter out) {
        this(out, (s, id) -> { });
    }

    GraphWriter(BufferedWriter out, java.util.function.ObjIntConsumer<TLCState> numbered) {
        this.out = out;
        this.numbered = numbered;
    }

    private int id(TLCState s) {
        Integer known = ids.get(s.fingerPrint());
        if (known != null) {
            return known;
        }
        int id = ids.size();
        ids.put(s.fingerPrint(), id);
        if (varNames == null) {
            header(s);
        }
        StringBuilder line = new StringBuilder("state\t").append(id);
        for (int v = 0; v < varNames.length; v++) {
            String text = SpecValue.format(TlcValues.of(s.lookup(varNames[v])));
            Integer vid = valueIds.get(v).get(text);
            if (vid == null) {
                vid = valueIds.get(v).size();
                valueIds.get(v).put(text, vid);
                write("value\t" + v + "\t" + vid + "\t" + text);
            }
            line.append('\t').append(vid);
        }
        write(line.toString());
        numbered.accept(s, id);
        return id;
    }

    private void header(TLCState s) {
        varNames = new String[s.getVars().length];
        for (int v = 0; v < varNames.length; v++) {
            varNames[v] = s.getVars()[v].getName().toString();
            valueIds.add(new LinkedHashMap<>());
        }
        write("vars\t" + String.join("\t", varNames));
    }

    @Override
    public void writeState(TLCState initial) {
        write("init\t" + id(initial));
        if (edges == 0) {
            lastTo = initial;
        }
    }

    @Override
    public void writeState(TLCState from, TLCState to, boolean isNew, Action action) {
        Map<String, String> params = bindings(action.con);
        if (params.isEmpty()) {
            return;  // no thread takes this step (Terminated): stuttering, nothing the code does
        }
        int f = id(from);
        int t = id(to);
        StringBuilder line = new StringBuilder("edge\t").append(f).append('\t').append(t).append('\t')
                .append(action.getName());
        params.forEach((name, value) -> line.append('\t').append(name).append('=').append(value));
        write(line.toString());
        edges++;
        lastFrom = from;
        lastTo = to;
    }

    /** The bound identifiers of the action's context, outermost first, each once (Next's \E and the operator's parameter share a name). */
    static Map<String, String> bindings(Context con) {
        Deque<String[]> chain = new ArrayDeque<>();
        try {
            Field name = Context.class.getDeclaredField("name");
            Field value = Context.class.getDeclaredField("value");
            Field next = Context.class.getDeclaredField("next");
            name.setAccessible(true);
            value.setAccessible(true);
            next.setAccessible(true);
            for (Context c = con; c != null; c = (Context) next.get(c)) {
                SymbolNode n = (SymbolNode) name.get(c);
                Object v = value.get(c);
                if (n != null && v instanceof IValue iv) {
                    chain.push(new String[] {n.getName().toString(), SpecValue.format(TlcValues.of(iv))});
                }
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("this TLC's Context has no name/value/next fields", e);
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String[] b : chain) {
            out.putIfAbsent(b[0], b[1]);
        }
        return out;
    }

    /**
     * The states TLC may not have expanded fully when it stopped at a safety violation: the violating state (the
     * last one written) and the state whose expansion found it (with one worker, TLC stops right after writing
     * that transition), by id.
     */
    Map<Integer, TLCState> unfinished() {
        Map<Integer, TLCState> m = new LinkedHashMap<>();
        for (TLCState s : new TLCState[] {lastFrom, lastTo}) {
            if (s != null) {
                m.put(ids.get(s.fingerPrint()), s);
            }
        }
        return m;
    }

    int states() {
        return ids.size();
    }

    int edges() {
        return edges;
    }

    private void write(String line) {
        try {
            out.write(line);
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // --- the rest of IStateWriter: the other callbacks carry no action, so they are not ours -----------

    @Override
    public void writeState(TLCState from, TLCState to, boolean isNew) {
        throw new IllegalStateException("TLC reported a transition without its action");
    }

    @Override
    public void writeState(TLCState from, TLCState to, boolean isNew, Visualization v) {
        if (v != Visualization.STUTTERING) {
            throw new IllegalStateException("TLC reported a transition without its action");
        }
    }

    @Override
    public void writeState(TLCState from, TLCState to, BitVector b, int i, int j, boolean isNew) {
        throw new IllegalStateException("TLC reported a liveness transition to the state writer");
    }

    @Override
    public void writeState(TLCState from, TLCState to, BitVector b, int i, int j, boolean isNew, Visualization v) {
        throw new IllegalStateException("TLC reported a liveness transition to the state writer");
    }

    @Override
    public void close() {
    }

    @Override
    public String getDumpFileName() {
        return "";
    }

    @Override
    public boolean isNoop() {
        return false;
    }

    @Override
    public boolean isDot() {
        return false;
    }

    @Override
    public void snapshot() {
    }
}
