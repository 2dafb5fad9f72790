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

    /** State i of the trace, reached by {@code action} of {@code thread} (null for the initial state). */
    record Step(String action, String thread, Map<String, Object> state) {
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
                        : "invariant:" + line.replaceAll(".*Invariant (\\w+) is violated.*", "$1");
            } else if (s.find()) {
                actions.add(s.group(1).equals("Initial") ? null : s.group(1));
                states.add(new TreeMap<>());
            } else if (v.matches()) {
                states.get(states.size() - 1).put(v.group(1), pcilc.graph.TlcText.parseValue(v.group(2)));
            }
        }
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < states.size(); i++) {
            steps.add(new Step(actions.get(i), i == 0 ? null : movedThread(states.get(i - 1), states.get(i)),
                    states.get(i)));
        }
        return new TlcTrace(design, error, steps);
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

}
