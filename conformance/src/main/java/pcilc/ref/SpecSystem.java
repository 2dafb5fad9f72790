package pcilc.ref;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The Java code that one spec module models, set up for one design: its tasks (the spec's threads), the
 * abstraction function and the invariants. The {@link StepScheduler}, the conformance harness and Lincheck
 * drive every design through this interface.
 */
public interface SpecSystem {
    /** The design's spec name (spec/manifest.tsv). */
    String design();

    /** The task of the spec thread {@code name}, created on first use (before any task runs). */
    Task task(String name);

    /** Runs the spec thread {@code name}'s operation on the calling thread, as its task. */
    void runThread(String name);

    /** The tasks created so far, sorted by name (a fixed array: cheap for checks at step points). */
    Task[] taskList();

    /**
     * The abstraction function: the spec's VARIABLES by name, as values {@link SpecValue} prints the way the
     * conformance graph stores TLC's states. Exact when every task is at a step point or finished.
     */
    Map<String, Object> snapshot();

    /**
     * The spec's termination (ZTerminated in spec/ZpciLifecycle.tla): the tasks that have not finished only
     * wait for work that nothing will give them (every call stack empty, no event queued). Such a state is
     * not a deadlock.
     */
    default boolean terminated() {
        return false;
    }

    /**
     * The spec's liveness properties that a run violates if it ends now (it then stutters in this state for
     * ever), in the spec's order; asked once every task has finished.
     */
    default List<String> violatedAtTermination() {
        return List.of();
    }

    /**
     * The spec's invariants this implementation answers for, in the spec's order: those
     * {@link #violatedInvariants} checks on the Java objects, and the type invariant, which holds by
     * construction (every snapshot must equal a state of TLC's, where it holds). A cfg may check fewer.
     */
    List<String> invariants();

    /** The names of the spec's invariants that do not hold now, in the spec's order. */
    List<String> violatedInvariants();

    /**
     * Free-running mode (Lincheck): check {@code invariants} (of {@link #invariants}) at every step point and keep
     * the first violation; none: no check.
     */
    void checkInvariantsAtStepPoints(Collection<String> invariants);

    /** The violations seen in free-running mode. */
    List<String> violations();
}
