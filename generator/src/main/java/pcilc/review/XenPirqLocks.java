package pcilc.review;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import pcilc.model.Counterexample.State;
import pcilc.model.TlaValue;

/**
 * spec/XenPirq.tla: one probe thread per NVMe device ({@code pc[d]}); no locks (the race is on the pirq
 * numbers in the MSI messages and the hypervisor's table, which the changed-variables column shows).
 */
final class XenPirqLocks implements ThreadLocks {
    public List<String> threads(State s) {
        return ThreadLocks.keysInOrder(s, "pc", List.of());
    }

    public Set<String> positionVariables() {
        return Set.of("pc");
    }

    public String position(State s, String thread) {
        String pc = s.get("pc") instanceof TlaValue.Rec r ? ThreadLocks.str(r.get(thread)) : "";
        return switch (pc) {
            case "done" -> "";
            case "failed" -> "probe failed";
            default -> pc;
        };
    }

    public boolean hasWork(State s, String thread) {
        return !position(s, thread).isEmpty() && !position(s, thread).equals("probe failed");
    }

    public List<String> holds(State s, String thread) {
        return List.of();
    }

    public Optional<Wait> needs(State s, String thread) {
        return Optional.empty();
    }

    public String stepAction() {
        return "DeviceStep(t)";
    }

    public String threadSet() {
        return "Devices";
    }
}
