package pcilc.ref;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TLC counterexample as printed by {@code bin/pcilc review} (kept under src/test/resources/traces):
 * the states with their variables as plain Java values (as {@link Snapshot} makes them), the action that
 * led to each, the thread that took it (the one whose stack changed), and the error TLC reported.
 */
record TlcTrace(String design, String error, List<Step> steps) {

    /**
     * State i of the trace, reached by {@code action} of {@code thread} (null for the initial state), with
     * the action's parameters other than the thread ({@code choices}: name → value as TLC prints it),
     * recovered from the states (TLC's trace does not print them).
     */
    record Step(String action, String thread, Map<String, Object> state, Map<String, String> choices) {
    }

    private static final Pattern STATE = Pattern.compile("^State \\d+: <(\\S+)");
    private static final Pattern VAR = Pattern.compile("^/\\\\ (\\w+) = (.*)$");

    static TlcTrace load(String design) {
        String text;
        try (InputStream in = TlcTrace.class.getResourceAsStream("/traces/" + design + ".trace")) {
            text = new String(Objects.requireNonNull(in, design).readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        String error = null;
        List<String> actions = new ArrayList<>();
        List<Map<String, Object>> states = new ArrayList<>();
        for (String line : text.split("\n")) {
            Matcher s = STATE.matcher(line);
            Matcher v = VAR.matcher(line);
            if (line.startsWith("\\*")) {
                error = line.contains("Deadlock") ? "deadlock"
                        : line.contains("Temporal") ? "property"
                        : "invariant:" + line.replaceAll(".*Invariant (\\w+) is violated.*", "$1");
            } else if (s.find()) {
                actions.add(s.group(1).equals("Initial") ? null : s.group(1));
                states.add(new TreeMap<>());
            } else if (v.matches()) {
                states.get(states.size() - 1).put(v.group(1), new Parser(v.group(2)).parseAll());
            }
        }
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < states.size(); i++) {
            String action = actions.get(i);
            if (i > 0 && action.equals("FirmwareEvent")) {
                steps.add(new Step(action, "firmware", states.get(i), firmwareChoices(states.get(i))));
            } else {
                steps.add(new Step(action, i == 0 ? null : movedThread(states.get(i - 1), states.get(i)),
                        states.get(i), Map.of()));
            }
        }
        return new TlcTrace(design, error, steps);
    }

    /**
     * FirmwareEvent(t, f, pec, s) leaves every stack as it is; its parameters are the event it appended to
     * the queue and the platform state of f it set.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, String> firmwareChoices(Map<String, Object> after) {
        List<Object> queue = (List<Object>) after.get("queue");
        List<Object> ev = (List<Object>) queue.get(queue.size() - 1);
        String f = (String) ev.get(0);
        String s = (String) ((Map<String, Object>) after.get("pstate")).get(f);
        return Map.of("f", "\"" + f + "\"", "pec", "\"" + ev.get(1) + "\"", "s", "\"" + s + "\"");
    }

    @SuppressWarnings("unchecked")
    private static String movedThread(Map<String, Object> before, Map<String, Object> after) {
        Map<String, Object> s0 = (Map<String, Object>) before.get("stack");
        Map<String, Object> s1 = (Map<String, Object>) after.get("stack");
        List<String> moved = s0.keySet().stream().filter(t -> !s0.get(t).equals(s1.get(t))).toList();
        if (moved.size() != 1) {
            throw new IllegalStateException("not one thread moved: " + moved);
        }
        return moved.get(0);
    }

    @SuppressWarnings("unchecked")
    List<String> threads() {
        return List.copyOf(((Map<String, Object>) steps.get(0).state().get("stack")).keySet());
    }

    /** TLC's value syntax: records/functions [k |-> v], sequences <<...>>, sets {...}, strings, naturals, booleans. */
    static final class Parser {
        private final String s;
        private int i;

        Parser(String s) {
            this.s = s;
        }

        Object parseAll() {
            Object v = value();
            ws();
            if (i != s.length()) {
                throw error("trailing text");
            }
            return v;
        }

        private Object value() {
            ws();
            if (s.startsWith("<<", i)) {
                i += 2;
                List<Object> seq = new ArrayList<>();
                ws();
                while (!s.startsWith(">>", i)) {
                    seq.add(value());
                    ws();
                    if (s.charAt(i) == ',') {
                        i++;
                    }
                    ws();
                }
                i += 2;
                return seq;
            }
            char c = s.charAt(i);
            if (c == '{') {
                i++;
                java.util.Set<Object> set = new java.util.LinkedHashSet<>();
                ws();
                while (s.charAt(i) != '}') {
                    set.add(value());
                    ws();
                    if (s.charAt(i) == ',') {
                        i++;
                    }
                    ws();
                }
                i++;
                return set;
            }
            if (c == '[') {
                i++;
                Map<String, Object> rec = new TreeMap<>();
                while (true) {
                    ws();
                    String key = word();
                    ws();
                    expect("|->");
                    rec.put(key, value());
                    ws();
                    if (s.charAt(i) == ',') {
                        i++;
                    } else {
                        expect("]");
                        return rec;
                    }
                }
            }
            if (c == '"') {
                int end = s.indexOf('"', i + 1);
                String str = s.substring(i + 1, end);
                i = end + 1;
                return str;
            }
            if (c == '-') {
                i++;
                return -(Long) value();
            }
            String w = word();
            if (w.equals("TRUE") || w.equals("FALSE")) {
                return Boolean.valueOf(w.equals("TRUE"));
            }
            if (w.matches("\\d+")) {
                return Long.valueOf(w);
            }
            throw error("unexpected " + w);
        }

        private String word() {
            int start = i;
            while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
                i++;
            }
            if (start == i) {
                throw error("expected a name");
            }
            return s.substring(start, i);
        }

        private void expect(String t) {
            if (!s.startsWith(t, i)) {
                throw error("expected " + t);
            }
            i += t.length();
        }

        private void ws() {
            while (i < s.length() && s.charAt(i) == ' ') {
                i++;
            }
        }

        private IllegalArgumentException error(String what) {
            return new IllegalArgumentException(what + " at " + i + " in " + s);
        }
    }
}
