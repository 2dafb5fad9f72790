package pcilc.ref;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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

    static TlcTrace load(String design) {
        String text;
        try (InputStream in = TlcTrace.class.getResourceAsStream("/traces/" + design + ".trace")) {
            text = new String(Objects.requireNonNull(in, design).readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        String error = null;
        List<String> actions = new ArrayList<>();
        List<StringBuilder> blocks = new ArrayList<>();
        for (String line : text.split("\n")) {
            Matcher s = STATE.matcher(line);
            if (line.startsWith("\\*")) {
                error = line.contains("Deadlock") ? "deadlock"
                        : line.contains("Temporal") ? "property"
                        : "invariant:" + line.replaceAll(".*Invariant (\\w+) is violated.*", "$1");
            } else if (s.find()) {
                actions.add(s.group(1).equals("Initial") ? null : s.group(1));
                blocks.add(new StringBuilder());
            } else if (!blocks.isEmpty()) {
                blocks.get(blocks.size() - 1).append(line).append('\n');
            }
        }
        // each state as the conformance data's reader reads one (a value TLC wrapped goes on over lines)
        List<Map<String, Object>> states = blocks.stream()
                .map(b -> pcilc.model.TlcText.parseState(b.toString())).toList();
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < states.size(); i++) {
            String action = actions.get(i);
            if (i > 0 && action.equals("FirmwareEvent")) {
                steps.add(new Step(action, "firmware", states.get(i), firmwareChoices(states.get(i))));
            } else if (i > 0 && action.equals("ZpciDisableDevice")) {
                String t = movedThread(states.get(i - 1), states.get(i));
                steps.add(new Step(action, t, states.get(i), disableChoice(states.get(i - 1), states.get(i), t)));
            } else if (i > 0 && action.equals("ClpAdd")) {
                String t = movedThread(states.get(i - 1), states.get(i));
                steps.add(new Step(action, t, states.get(i), createChoice(states.get(i - 1), states.get(i), t)));
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

    /**
     * ZpciDisableDevice(t, a): the firmware's answer a, from what the step did: on to the SCLP deconfigure
     * ("success" changed zdev->fh, "none" did not), or returned ("already" refreshed zdev->fh, "fail" did not).
     */
    @SuppressWarnings("unchecked")
    private static Map<String, String> disableChoice(Map<String, Object> before, Map<String, Object> after, String t) {
        List<Object> stack = (List<Object>) ((Map<String, Object>) after.get("stack")).get(t);
        Map<String, Object> top = (Map<String, Object>) stack.get(stack.size() - 1);
        boolean goesOn = top.get("proc").equals("zpci_deconfigure_device");
        boolean fhChanged = !before.get("zfh").equals(after.get("zfh"));
        String a = goesOn ? (fhChanged ? "success" : "none") : (fhChanged ? "already" : "fail");
        return Map.of("a", "\"" + a + "\"");
    }

    /**
     * ClpAdd(t, a): zpci_create_device()'s answer a: "ok" if the step allocated an instance (phase changed) or
     * did not create (the entry is RESERVED or its FID has a listed zdev); else "fail".
     */
    @SuppressWarnings("unchecked")
    private static Map<String, String> createChoice(Map<String, Object> before, Map<String, Object> after, String t) {
        List<Object> stack = (List<Object>) ((Map<String, Object>) before.get("stack")).get(t);
        String f = (String) ((Map<String, Object>) stack.get(stack.size() - 1)).get("dev");
        boolean allocated = !before.get("phase").equals(after.get("phase"));
        boolean reserved = "Reserved".equals(((Map<String, Object>) before.get("pstate")).get(f));
        List<Object> zfid = (List<Object>) before.get("zfid");
        List<Object> listed = (List<Object>) before.get("listed");
        boolean onList = false;
        for (int i = 0; i < zfid.size(); i++) {
            onList |= f.equals(zfid.get(i)) && Boolean.TRUE.equals(listed.get(i));
        }
        String a = allocated || reserved || onList ? "ok" : "fail";
        return Map.of("a", "\"" + a + "\"");
    }

    /** The variable that says where each thread is: PciCore's call stacks, or the small modules' labels. */
    private static String threadVariable(Map<String, Object> state) {
        return state.containsKey("stack") ? "stack" : "pc";
    }

    /**
     * The thread that moved: the one whose entry changed in a variable indexed by thread (PciCore's stack; in
     * the small modules pc and, in XenPirq, the per-device variables, as a step may leave pc unchanged).
     */
    @SuppressWarnings("unchecked")
    private static String movedThread(Map<String, Object> before, Map<String, Object> after) {
        java.util.Set<String> threads = ((Map<String, Object>) before.get(threadVariable(before))).keySet();
        java.util.Set<String> moved = new java.util.TreeSet<>();
        List<String> vars = before.containsKey("stack") ? List.of("stack") : List.copyOf(before.keySet());
        for (String var : vars) {
            if (before.get(var) instanceof Map<?, ?> m0 && m0.keySet().equals(threads)) {
                Map<?, ?> m1 = (Map<?, ?>) after.get(var);
                m0.keySet().stream().filter(t -> !m0.get(t).equals(m1.get(t))).forEach(t -> moved.add((String) t));
            }
        }
        if (moved.size() != 1) {
            throw new IllegalStateException("not one thread moved: " + moved);
        }
        return moved.iterator().next();
    }

    @SuppressWarnings("unchecked")
    List<String> threads() {
        Map<String, Object> init = steps.get(0).state();
        return List.copyOf(((Map<String, Object>) init.get(threadVariable(init))).keySet());
    }

}
