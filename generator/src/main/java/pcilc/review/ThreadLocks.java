package pcilc.review;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import pcilc.model.Counterexample.State;
import pcilc.model.TlaValue;

/**
 * What a swimlane needs to know of one spec module family: its threads, where each one is, the locks it
 * holds, and the lock its next step needs. Whether a thread actually waits is the spec's own enabling
 * condition, which TLC evaluates ({@link Enabledness}); this class only says for which lock.
 */
interface ThreadLocks {
    /** The lock a thread's next step needs, and the threads holding it (possibly the thread itself). */
    record Wait(String lock, List<String> holders) {
    }

    /** The family of a spec module (the manifest's module column). */
    static ThreadLocks forModule(String module) {
        return switch (module) {
            case "PciCore", "ZpciLifecycle" -> new PciCoreLocks(module);
            case "CfgAccess" -> new CfgAccessLocks();
            case "XenPirq" -> new XenPirqLocks();
            default -> new WholeSpec(module);
        };
    }

    /** The thread columns, in the order a kernel engineer reads them. */
    List<String> threads(State s);

    /** The variables that say where the threads are; the swimlane shows them as positions, not as changes. */
    Set<String> positionVariables();

    /** Where the thread is (its next step), or "" once it has returned. */
    String position(State s, String thread);

    /** The thread has something left to do (so if its step is disabled, it waits). */
    boolean hasWork(State s, String thread);

    /** The locks the thread holds, by their kernel names. */
    List<String> holds(State s, String thread);

    /** The lock the thread's next step needs: why it waits when that step is disabled. */
    Optional<Wait> needs(State s, String thread);

    /** One thread's step as a TLA+ action of thread {@code t} (for ENABLED), or null: no threads. */
    String stepAction();

    /** The set the threads range over, in the spec. */
    String threadSet();

    /** Actions of a thread that changes no position variable (FirmwareEvent: the firmware). */
    default Map<String, String> actionThreads() {
        return Map.of();
    }

    /**
     * Which thread took the step {@code before -> after}. Stop-gap until the trace carries TLC's action
     * parameters: the thread whose position variable entry changed ({@code stack[t]}, {@code pc[t]}); else
     * the one thread whose entry changed in any variable keyed by thread (XenPirq's {@code vec[d]} when a
     * device stays at its label); else the thread named for the action (the firmware); "?" if none tells.
     */
    default String threadOf(State before, State after) {
        List<String> threads = threads(after);
        List<String> moved = changedKeys(before, after, positionVariables(), threads);
        if (moved.size() != 1) {
            moved = changedKeys(before, after, after.vars().keySet(), threads);
        }
        if (moved.size() == 1) {
            return moved.get(0);
        }
        return actionThreads().getOrDefault(after.action(), "?");
    }

    /** The threads whose entry changed in one of {@code variables} (functions keyed by thread). */
    private static List<String> changedKeys(State before, State after, java.util.Collection<String> variables,
                                            List<String> threads) {
        java.util.Set<String> moved = new java.util.LinkedHashSet<>();
        for (String variable : variables) {
            if (before.get(variable) instanceof TlaValue.Rec b && after.get(variable) instanceof TlaValue.Rec a) {
                for (String t : a.fields().keySet()) {
                    if (threads.contains(t) && !a.get(t).equals(b.get(t))) {
                        moved.add(t);
                    }
                }
            }
        }
        return new ArrayList<>(moved);
    }

    /** The keys of function-valued {@code variable}, those in {@code order} first, in that order. */
    static List<String> keysInOrder(State s, String variable, List<String> order) {
        if (!(s.get(variable) instanceof TlaValue.Rec r)) {
            return List.of();
        }
        return r.fields().keySet().stream()
                .sorted(Comparator.comparingInt((String t) -> order.contains(t) ? order.indexOf(t) : order.size())
                        .thenComparing(Comparator.naturalOrder()))
                .toList();
    }

    static String str(TlaValue v) {
        if (v instanceof TlaValue.Str s) {
            return s.value();
        }
        return v == null ? "" : v.canonical();
    }
}
