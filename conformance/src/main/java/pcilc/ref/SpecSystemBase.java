package pcilc.ref;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What every {@link SpecSystem} has besides its kernel code: the tasks by name, the step points, atomic
 * steps when the tasks run free (on plain threads or under Lincheck), the invariants checked at step points,
 * and the first violation seen. A subclass says which operation a thread runs ({@link #operation}).
 */
public abstract class SpecSystemBase implements SpecSystem {
    private final Map<String, Task> tasks = new TreeMap<>();
    private volatile Task[] taskArray = new Task[0];
    /** The invariants checked at step points (empty: none). */
    private volatile Set<String> checkedAtStepPoints = Set.of();
    private final List<String> violations = Collections.synchronizedList(new ArrayList<>());

    /** The operation the spec thread {@code name} runs (on its task, on the calling thread). */
    protected abstract Runnable operation(String name);

    @Override
    public synchronized Task task(String name) {
        Task t = tasks.get(name);
        if (t == null) {
            t = new Task(name);
            tasks.put(name, t);
            taskArray = tasks.values().toArray(new Task[0]);
        }
        return t;
    }

    @Override
    public Task[] taskList() {
        return taskArray;
    }

    /** The tasks by name, sorted. */
    public synchronized Map<String, Task> tasks() {
        return Collections.unmodifiableMap(new TreeMap<>(tasks));
    }

    /**
     * A step point of the current task: the spec's action {@code action} starts here; {@code guards} are the
     * locks (or wait queues) whose availability is its enabling condition.
     */
    public void step(String action, Lockable... guards) {
        Task.current().step(action, guards);
        afterStep();
    }

    /**
     * Whether free-running steps are atomic ({@link #afterStep}); without, a task runs on from a step point
     * at once and every shared access is a switch point under Lincheck.
     */
    protected boolean atomicSteps() {
        return true;
    }

    /**
     * The invariants as checked at a step point. With atomic steps every other task is at a step point; a
     * system without may check them under the locks that guard the state.
     */
    protected List<String> violatedAtStepPoint() {
        return violatedInvariants();
    }

    /** Checks the invariants at a step point and records the first violation. */
    private void checkInvariants() {
        Set<String> checked = checkedAtStepPoints;
        if (!checked.isEmpty()) {
            List<String> broken = violatedAtStepPoint();
            if (!broken.isEmpty()) {
                broken = broken.stream().filter(checked::contains).toList();  // only where one is broken: a hot path
            }
            if (!broken.isEmpty() && violations.isEmpty()) {
                violations.add(String.join(",", broken) + " at " + snapshot());
            }
        }
    }

    // --- free-running: atomic steps ------------------------------------------------------------------------

    /**
     * Free-running (no step scheduler: Lincheck), a step is atomic, as in the spec: a task's code from one step
     * point to the next runs inside its {@link StepAtomicity} (under Lincheck an ignored section, where Lincheck
     * never switches threads; else this lock). At a step point the task checks the invariants (every other
     * task is at a step point or finished), wakes the sleeping tasks whose guards its step has freed, and
     * starts its next step if its guards can be taken, else it sleeps until a step frees them. So Lincheck
     * switches threads only at step points (another task goes first: an interleaving of the spec) and where
     * a task sleeps or ends; a hang (every task asleep) is the spec's deadlock, and Lincheck reports it.
     *
     * <p>Why the task that stepped goes on by default: Lincheck 3.7 adds switch points to its tree only up to
     * the next switch it is forced to make (a thread that blocks or ends) and counts that switch against its
     * bound, so every forced switch before a bug's step puts the bug one level deeper (docs/lincheck.md).
     */
    private final StepAtomicity.Lock stepLock = new StepAtomicity.Lock();
    /** Lincheck's ignored sections, if its agent is attached (final: reading it is no switch point). */
    private final LincheckSections sections = LincheckSections.resolve();
    /** Written at a step point where another task could go first: Lincheck's switch point there. */
    private volatile boolean stepPoint;
    /** Every task's first step point has been published (only accessed inside a step). */
    private boolean firstStepPointsPublished;

    /** After a step: the invariants, and free-running, the end of the step and the start of the next. */
    protected void afterStep() {
        Task me = Task.current();
        StepAtomicity a = me.atomicity;
        if (me.controlled() || a == null) {  // stepped by the scheduler, run by a unit test, or no atomic steps
            checkInvariants();
            return;
        }
        if (endStep(me, a)) {
            stepPoint = true;  // no wake-up was a switch point here
        }
        // The loop is inside the step: Lincheck does not see a loop's exit inside an ignored section, and
        // would take every step point for one more round of a spin loop (a forced switch every 10).
        a.enter(me);
        while (!guardsFree(me)) {
            me.sleepForGuards(a);
        }
    }

    /**
     * Before the first step: publishes every task's first step point ({@link Task#publishFirstStepPoint}),
     * so that the invariants see the spec's initial state whichever thread runs first, and no thread waits
     * for the others to arrive (a forced switch each).
     */
    private void publishFirstStepPoints() {
        Map<String, Object> before = stateOutsidePositions();
        for (Task u : taskList()) {
            u.publishFirstStepPoint(operation(u.name()));
        }
        Map<String, Object> after = stateOutsidePositions();
        if (!before.equals(after)) {
            throw new IllegalStateException("the code before a thread's first step point changed the state: "
                    + before + " -> " + after);
        }
        firstStepPointsPublished = true;
    }

    private Map<String, Object> stateOutsidePositions() {
        Map<String, Object> s = new TreeMap<>(snapshot());
        if (positionVariable() != null) {
            s.remove(positionVariable());
        }
        return s;
    }

    /**
     * The variable that says where each thread is, if the code before a first step point may change it (a
     * pushed frame); null if that code changes nothing.
     */
    protected String positionVariable() {
        return null;
    }

    /**
     * {@code me}'s step is over (called inside it): checks the invariants, leaves the step and wakes the
     * sleeping tasks whose guards it freed. Returns whether a switch point is still needed: another task
     * could run now, and no wake-up (a monitor, itself a switch point) happened.
     */
    private boolean endStep(Task me, StepAtomicity a) {
        checkInvariants();
        Task[] wake = enabledSleepers(me);
        boolean othersCanGo = othersCanGo(me);
        a.leave(me);
        signal(wake);
        return othersCanGo && wake.length == 0;
    }

    /** The sleeping tasks whose guards can now be taken, marked awake (inside the step). */
    private Task[] enabledSleepers(Task me) {
        List<Task> wake = new ArrayList<>();
        for (Task t : taskList()) {
            if (t != me && t.sleepingForGuards && guardsFree(t)) {
                t.sleepingForGuards = false;
                wake.add(t);
            }
        }
        return wake.toArray(new Task[0]);
    }

    /** Whether a task other than {@code me} can run now (else a switch point there is one Lincheck wastes). */
    private boolean othersCanGo(Task me) {
        for (Task t : taskList()) {
            if (t != me && !t.finished() && !t.sleepingForGuards) {
                return true;
            }
        }
        return false;
    }

    private static void signal(Task[] wake) {
        for (Task t : wake) {
            t.stepSignal();
        }
    }

    private static boolean guardsFree(Task t) {
        for (Lockable l : t.guards()) {
            if (!l.couldLock(t)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void runThread(String name) {
        if (!atomicSteps()) {
            Runnable op = operation(name);
            task(name).run(() -> {
                op.run();
                afterStep();  // the state the thread leaves behind, checked on its task
            });
            return;
        }
        // Under Lincheck the section comes first: no shared access (a switch point) before the first step point.
        boolean inSection = sections != null && sections.enterIfAnalyzed();
        Task t = task(name);
        if (t.controlled()) {
            if (inSection) {
                throw new IllegalStateException("task " + name + " is stepped by the scheduler: not under Lincheck");
            }
            t.run(operation(name));
            return;
        }
        StepAtomicity a;
        if (inSection) {
            sections.entered(t);
            a = sections;
        } else {
            a = stepLock;
            a.enter(t);  // the code up to the first step point
        }
        t.atomicity = a;
        if (!firstStepPointsPublished) {
            publishFirstStepPoints();
        }
        try {
            t.run(operation(name));
        } catch (RuntimeException | Error e) {
            if (!LincheckSections.aborted(e)) {
                endStep(t, a);
            }
            throw e;
        }
        endStep(t, a);  // the state the task leaves: it is still inside its last step (its end is a switch point)
    }

    @Override
    public void checkInvariantsAtStepPoints(Collection<String> invariants) {
        this.checkedAtStepPoints = Set.copyOf(invariants);
    }

    @Override
    public List<String> violations() {
        synchronized (violations) {
            return List.copyOf(violations);
        }
    }
}
