package pcilc.review;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import pcilc.model.Counterexample.State;
import pcilc.model.TlaValue;

/**
 * The lock of spec/CfgAccess.tla: the device's user config-space block ({@code blocked}, held by the
 * threads in {@code blockers}: one, or several under cfgaccess-blockcount's count), which pci_dev_reset()
 * uses as a lock; a thread at {@code wait} sleeps on {@code pci_cfg_wait} until the last blocker unblocks.
 * A thread is its label {@code pc[t]}.
 */
final class CfgAccessLocks implements ThreadLocks {
    static final String BLOCK = "block_cfg_access";
    private static final List<String> ORDER = List.of("reset1", "reset2", "ipr_isr", "user_read");

    public List<String> threads(State s) {
        return ThreadLocks.keysInOrder(s, "pc", ORDER);
    }

    public Set<String> positionVariables() {
        return Set.of("pc");
    }

    public String position(State s, String thread) {
        String pc = label(s, thread);
        return switch (pc) {
            case "done" -> "";
            case "bug" -> "BUG() (oops: the thread is gone)";
            case "wait" -> "pci_wait_cfg (asleep on pci_cfg_wait)";
            default -> pc;
        };
    }

    public boolean hasWork(State s, String thread) {
        return !Set.of("done", "bug").contains(label(s, thread));
    }

    public List<String> holds(State s, String thread) {
        boolean blocked = s.get("blocked") instanceof TlaValue.Bool b && b.value();
        return blocked && blockers(s).contains(thread) ? List.of(BLOCK) : List.of();
    }

    /** Only pci_wait_cfg() can be disabled (the sleeper is on the wait queue until an unblock wakes it). */
    public Optional<Wait> needs(State s, String thread) {
        if (!label(s, thread).equals("wait")) {
            return Optional.empty();
        }
        boolean blocked = s.get("blocked") instanceof TlaValue.Bool b && b.value();
        return Optional.of(new Wait(BLOCK + " (wake-up on pci_cfg_wait)",
                blocked ? threads(s).stream().filter(blockers(s)::contains).toList() : List.of()));
    }

    public String stepAction() {
        return "ThreadStep(t)";
    }

    public String threadSet() {
        return "Threads";
    }

    private static Set<String> blockers(State s) {
        return s.get("blockers") instanceof TlaValue.SetV set
                ? set.items().stream().map(ThreadLocks::str).collect(java.util.stream.Collectors.toSet())
                : Set.of();
    }

    private static String label(State s, String thread) {
        return s.get("pc") instanceof TlaValue.Rec pc ? ThreadLocks.str(pc.get(thread)) : "";
    }
}
