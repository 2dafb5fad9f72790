package pcilc.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import pcilc.model.TlaValue;
import pcilc.model.TlaValueParser;

/**
 * A counterexample as TLC printed it: the states in order, each with the action that led to it and its
 * variables (in TLC's order, as values and as TLC's text); for a temporal property, where the behaviour
 * loops back to ({@code loopTo}, 0 if it does not) or that it stutters at the end.
 */
public record Counterexample(List<State> states, int loopTo, String loopAction, boolean stutters) {
    public static final String INITIAL = "Initial predicate";
    private static final Pattern HEADER = Pattern.compile("(\\d+): <(\\w+)(?: line \\d+.*)?>");
    private static final Pattern BACK = Pattern.compile("(\\d+): Back to state(?:: <(\\w+)(?: line \\d+.*)?>)?.*");

    /** State {@code index} (from 1), reached by {@code action} (INITIAL for the first). */
    public record State(int index, String action, Map<String, TlaValue> vars, Map<String, String> text) {
        public State {
            vars = Collections.unmodifiableMap(new LinkedHashMap<>(vars));
            text = Collections.unmodifiableMap(new LinkedHashMap<>(text));
        }

        public TlaValue get(String variable) {
            return vars.get(variable);
        }
    }

    public Counterexample {
        states = List.copyOf(states);
    }

    public boolean isLasso() {
        return loopTo > 0;
    }

    /** Reads the trace messages (codes 2217, 2218, 2122) of a TLC run; an empty list gives no states. */
    public static Counterexample of(List<TlcOutput.Message> trace) {
        List<State> states = new ArrayList<>();
        int loopTo = 0;
        String loopAction = null;
        boolean stutters = false;
        for (TlcOutput.Message m : trace) {
            String[] lines = m.body().split("\n");
            String header = lines[0].strip();
            switch (m.code()) {
                case TlcOutput.STUTTER_PRINT -> stutters = true;
                case TlcOutput.BACK_TO_STATE -> {
                    Matcher b = BACK.matcher(header);
                    if (!b.matches()) {
                        throw new ToolError("TLC trace: cannot read the loop back '" + header + "'");
                    }
                    loopTo = Integer.parseInt(b.group(1));
                    loopAction = b.group(2);
                }
                case TlcOutput.STATE_PRINT -> states.add(state(header, lines));
                default -> throw new ToolError("TLC trace: message " + m.code() + " is not a trace state");
            }
        }
        return new Counterexample(states, loopTo, loopAction, stutters);
    }

    private static State state(String header, String[] lines) {
        int index;
        String action;
        if (header.endsWith(": <" + INITIAL + ">")) {
            index = Integer.parseInt(header.substring(0, header.indexOf(':')));
            action = INITIAL;
        } else {
            Matcher h = HEADER.matcher(header);
            if (!h.matches()) {
                throw new ToolError("TLC trace: cannot read the state header '" + header + "'");
            }
            index = Integer.parseInt(h.group(1));
            action = h.group(2);
        }
        Map<String, String> text = TlcText.variables(String.join("\n", lines));
        Map<String, TlaValue> vars = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : text.entrySet()) {
            try {
                vars.put(e.getKey(), TlaValueParser.parse(e.getValue()));
            } catch (IllegalArgumentException err) {
                throw new ToolError("TLC trace state " + index + ", variable " + e.getKey() + ": " + err.getMessage());
            }
        }
        return new State(index, action, vars, text);
    }
}
