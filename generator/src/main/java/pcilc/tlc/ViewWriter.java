package pcilc.tlc;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import pcilc.model.SpecValue;
import tla2sany.semantic.ExprOrOpArgNode;
import tla2sany.semantic.ModuleNode;
import tla2sany.semantic.OpApplNode;
import tla2sany.semantic.OpDefNode;
import tla2sany.semantic.SemanticNode;
import tla2sany.st.Location;
import tlc2.TLCGlobals;
import tlc2.tool.Action;
import tlc2.tool.ITool;
import tlc2.tool.StateVec;
import tlc2.tool.TLCState;
import tlc2.util.Context;
import tlc2.value.IValue;
import tlc2.value.impl.Value;

/**
 * The swimlane view, as the spec defines it, of every state the graph writer numbers: in the same TLC run,
 * TLC evaluates the design module's swimlane operators ({@code SwimlaneThreads}, {@code SwimlanePositionVars},
 * {@code SwimlanePosition(t)}, {@code SwimlaneBusy(t)}, {@code SwimlaneHolds(t)}, {@code SwimlaneNeeds(t)}; a
 * module that extends another defines its own with a prefix, {@code ZSwimlaneHolds}) and this writes the
 * values next to the graph, so that the graph file stays as it was. Also where the definitions of the cfg's
 * invariants and properties and of the next-state relation are (the review prints them), and, for the states
 * TLC did not finish expanding when it stopped at a safety violation, which threads can take a step there.
 * The format is the review's (its View). A spec without {@code SwimlaneThreads} has no threads: only the
 * definitions are written. A swimlane operator that is missing or fails ends the view with an error record
 * naming it (the graph does not need the view).
 */
final class ViewWriter {
    static final String MAGIC = "# pcilc swimlane view 1";
    static final String[] ROLES = {"Position", "Busy", "Holds", "Needs"};

    private final BufferedWriter out;
    private ITool tool;
    private final List<IValue> threads = new ArrayList<>();
    /** The per-thread operators, in ROLES order. */
    private final List<OpDefNode> roles = new ArrayList<>();
    private final Map<String, Integer> valueIds = new HashMap<>();
    private String error;

    ViewWriter(BufferedWriter out) {
        this.out = out;
        write(MAGIC);
    }

    /** State {@code id}, new to the graph: one record per thread. */
    void state(int id, TLCState s) {
        if (error != null) {
            return;
        }
        try {
            if (tool == null) {
                header();
            }
            if (threads.isEmpty()) {
                return;
            }
            StringBuilder line = new StringBuilder("view\t").append(id);
            for (int t = 0; t < threads.size(); t++) {
                Map<String, Object> record = new TreeMap<>();
                for (int r = 0; r < ROLES.length; r++) {
                    record.put(ROLES[r].toLowerCase(java.util.Locale.ROOT), TlcValues.of(eval(roles.get(r), t, s)));
                }
                String text = SpecValue.format(record);
                Integer vid = valueIds.get(text);
                if (vid == null) {
                    vid = valueIds.size();
                    valueIds.put(text, vid);
                    write("value\t" + vid + "\t" + text);
                }
                line.append('\t').append(vid);
            }
            write(line.toString());
        } catch (SpecError e) {
            // the first one, for the review to report; the graph goes on without the view
            error = e.getMessage();
            write("error\t" + error);
        }
    }

    /** The threads that can take a step in state {@code id}, which TLC left (partly) unexpanded. */
    void steps(int id, TLCState s) {
        if (error != null || tool == null) {
            return;
        }
        Set<String> stepping = new LinkedHashSet<>();
        for (Action a : tool.getActions()) {
            Map<String, String> params = GraphWriter.bindings(a.con);
            if (params.isEmpty()) {
                continue;  // Terminated: no thread's step, as in the graph
            }
            String thread = unquote(params.values().iterator().next());
            if (stepping.contains(thread)) {
                continue;
            }
            StateVec next = tool.getNextStates(a, s);
            for (int i = 0; i < next.size(); i++) {
                TLCState n = next.elementAt(i);
                if (tool.isInModel(n) && tool.isInActions(s, n)) {
                    stepping.add(thread);
                    break;
                }
            }
        }
        StringBuilder line = new StringBuilder("steps\t").append(id);
        stepping.forEach(t -> line.append('\t').append(t));
        write(line.toString());
    }

    void end(int states) {
        write("end\t" + states);
    }

    // --- the spec's operators ------------------------------------------------------------------------

    private void header() {
        tool = TLCGlobals.mainChecker.tool;
        ModuleNode root = tool.getRootModule();
        definitions(root);
        OpDefNode threadsDef = role(root, "Threads");
        if (threadsDef == null) {
            write("threads");
            return;
        }
        IValue order = eval(threadsDef, Context.Empty, null);
        Value fcn = ((Value) order).toTuple();
        if (fcn == null) {
            throw new SpecError(threadsDef, "is not a sequence of threads");
        }
        StringBuilder line = new StringBuilder("threads");
        for (Value t : ((tlc2.value.impl.TupleValue) fcn).elems) {
            threads.add(t);
            String name = unquote(SpecValue.format(TlcValues.of(t)));
            line.append('\t').append(name);
        }
        write(line.toString());
        OpDefNode positions = require(root, threadsDef, "PositionVars", 0);
        StringBuilder vars = new StringBuilder("positions");
        Object names = TlcValues.of(eval(positions, Context.Empty, null));
        if (!(names instanceof Set<?> set)) {
            throw new SpecError(positions, "is not a set of variable names");
        }
        set.forEach(v -> vars.append('\t').append(v));
        write(vars.toString());
        for (String r : ROLES) {
            roles.add(require(root, threadsDef, r, 1));
        }
    }

    private OpDefNode require(ModuleNode root, OpDefNode threadsDef, String role, int arity) {
        OpDefNode d = role(root, role);
        if (d == null || d.getArity() != arity) {
            throw new SpecError(threadsDef, "the swimlane view also needs " + prefix(threadsDef) + "Swimlane" + role
                    + (arity == 1 ? "(t)" : "") + " in module " + module(threadsDef));
        }
        return d;
    }

    /**
     * The operator ending in {@code Swimlane<role>}: the root module's own, else the one of a module it extends
     * (PciCore's {@code SwimlaneHolds} for PciCore, ZpciLifecycle's {@code ZSwimlaneHolds} for ZpciLifecycle).
     */
    private static OpDefNode role(ModuleNode root, String role) {
        OpDefNode found = null;
        for (OpDefNode d : root.getOpDefs()) {
            String name = d.getName().toString();
            if (!name.endsWith("Swimlane" + role) || d.isLocal()) {
                continue;
            }
            if (d.getOriginallyDefinedInModuleNode() == root) {
                return d;
            }
            found = found == null ? d : found;
        }
        return found;
    }

    private static String prefix(OpDefNode threadsDef) {
        String name = threadsDef.getName().toString();
        return name.substring(0, name.length() - "SwimlaneThreads".length());
    }

    private IValue eval(OpDefNode def, int thread, TLCState s) {
        return eval(def, Context.Empty.cons(def.getParams()[0], threads.get(thread)), s);
    }

    private IValue eval(OpDefNode def, Context c, TLCState s) {
        try {
            return s == null ? tool.eval(def.getBody(), c, TLCState.Empty) : tool.eval(def.getBody(), c, s);
        } catch (RuntimeException e) {
            String arg = c == Context.Empty ? ""
                    : " for thread " + SpecValue.format(TlcValues.of((IValue) c.lookup(def.getParams()[0])));
            throw new SpecError(def, "cannot be evaluated" + arg + " (the swimlane view): "
                    + String.valueOf(e.getMessage()).strip().replaceAll("\\s+", " "));
        }
    }

    // --- where the checked definitions are -----------------------------------------------------------

    /**
     * {@code define <kind> <name> <module> <first line> <last line>}: the cfg's invariants and properties, the
     * next-state relation and the operators it is a disjunction of without parameters (Terminated: the
     * stuttering that is not a deadlock).
     */
    private void definitions(ModuleNode root) {
        Map<String, OpDefNode> byName = new LinkedHashMap<>();
        for (OpDefNode d : root.getOpDefs()) {
            byName.putIfAbsent(d.getName().toString(), d);
        }
        for (String inv : tool.getInvNames()) {
            define("invariant", byName.get(inv));
        }
        tlc2.util.Vect<?> properties = tool.getModelConfig().getProperties();
        for (int i = 0; i < properties.size(); i++) {
            define("property", byName.get(properties.elementAt(i).toString()));
        }
        Action next = tool.getNextStateSpec();
        if (next != null && next.pred instanceof OpApplNode appl && appl.getOperator() instanceof OpDefNode nextDef
                && appl.getArgs().length == 0) {
            define("next", nextDef);
            List<OpDefNode> parts = new ArrayList<>();
            disjuncts(nextDef.getBody(), parts);
            parts.forEach(d -> define("next-disjunct", d));
        }
    }

    private static void disjuncts(SemanticNode e, List<OpDefNode> out) {
        if (!(e instanceof OpApplNode appl)) {
            return;
        }
        String op = appl.getOperator().getName().toString();
        if (op.equals("\\lor") || op.equals("$DisjList")) {
            for (ExprOrOpArgNode arg : appl.getArgs()) {
                disjuncts(arg, out);
            }
        } else if (appl.getOperator() instanceof OpDefNode d && d.getArity() == 0 && d.getBody() != null
                && d.getOriginallyDefinedInModuleNode() != null) {
            out.add(d);
        }
    }

    private void define(String kind, OpDefNode d) {
        if (d == null) {
            return;
        }
        Location at = d.getLocation();
        write("define\t" + kind + "\t" + d.getName() + "\t" + at.source() + "\t" + at.beginLine() + "\t" + at.endLine());
    }

    /** A thread's name: its canonical text without the quotes of a string. */
    private static String unquote(String v) {
        return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
    }

    private static String module(OpDefNode d) {
        return d.getOriginallyDefinedInModuleNode().getName().toString();
    }

    private void write(String line) {
        try {
            out.write(line);
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A swimlane operator missing or failing: {@code <Module>.tla <line> <what>}, for the review to report. */
    static final class SpecError extends RuntimeException {
        SpecError(OpDefNode at, String problem) {
            super(module(at) + ".tla\t" + at.getLocation().beginLine() + "\t" + at.getName() + ": " + problem);
        }
    }
}
