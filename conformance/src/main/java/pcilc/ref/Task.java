package pcilc.ref;

import java.util.ArrayList;
import java.util.List;

/**
 * A kernel task ({@code current}): a thread name of the spec and the task's shadow call stack of
 * {@link Frame}s, which the kernel-code methods push ({@link #enter}) and pop ({@link #leave}) and whose
 * label they set ({@link #pc}). The stack is the spec's {@code stack[t]}: it is only ever read at step
 * points, where the task's {@link #published() published} copy is exact.
 */
public final class Task {
    private static final ThreadLocal<Task> CURRENT = new ThreadLocal<>();

    private final String name;
    private final List<Frame> frames = new ArrayList<>();
    private volatile List<Frame> published = List.of();
    private volatile String nextAction;
    private volatile List<Lockable> guards = List.of();
    private volatile boolean finished;
    private volatile StepControl control;

    // Free-running atomic steps (SpecSystemBase): the task's own wake-up, so that a step that enables it wakes it
    // alone. The fields below are only accessed inside a step: under Lincheck none of them is a switch point.
    private final Object stepSignal = new Object();
    /** At a step point whose guards cannot be taken: asleep until a step frees them and clears this. */
    boolean sleepingForGuards;
    /** Runs only up to its first step point ({@link #publishFirstStepPoint}). */
    private boolean toFirstStepPoint;
    /** Inside a step ({@link StepAtomicity}). */
    boolean inStep;
    /** How its steps are made atomic (set inside its first step). */
    StepAtomicity atomicity;

    public Task(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** The task running on this thread. */
    public static Task current() {
        Task t = CURRENT.get();
        if (t == null) {
            throw new IllegalStateException("no kernel task on thread " + Thread.currentThread().getName());
        }
        return t;
    }

    /** Runs {@code op} as this task on the calling thread; the task is finished when it returns. */
    public void run(Runnable op) {
        CURRENT.set(this);
        try {
            op.run();
        } catch (RuntimeException | Error e) {
            if (!LincheckSections.aborted(e)) {  // an aborted thread runs no more code
                CURRENT.remove();
            }
            throw e;
        }
        finished = true;
        frames.clear();
        published = List.of();
        CURRENT.remove();
    }

    /**
     * Free-running: publishes where this task will be at its first step point (its stack, action and
     * guards) before its thread runs, as the spec's initial state has every thread there. It runs
     * {@code op} on the calling thread up to that point and drops the run; the code before a first step
     * point only pushes frames (the caller checks that the kernel's state did not change).
     */
    void publishFirstStepPoint(Runnable op) {
        CURRENT.set(this);
        toFirstStepPoint = true;
        try {
            op.run();
        } catch (AtFirstStepPoint e) {
            // published, nextAction and guards are the first step point's
        } finally {
            toFirstStepPoint = false;
            frames.clear();
            CURRENT.remove();
        }
    }

    /** Ends a {@link #publishFirstStepPoint} run. */
    private static final class AtFirstStepPoint extends RuntimeException {
        AtFirstStepPoint() {
            super(null, null, false, false);
        }
    }

    void control(StepControl control) {
        this.control = control;
    }

    // --- the shadow call stack -------------------------------------------------------------------

    /** A kernel function starts: its frame at label "entry" (the spec's Call/TailCall target). */
    public void enter(String proc, PciDev dev) {
        frames.add(new Frame(proc, "entry", dev.name()));
    }

    /** A kernel function of the s390 zPCI code starts: a zPCI frame (with {@link Frame.Z} fields) at "entry". */
    public void enter(String proc, String dev, Frame.Z z) {
        frames.add(new Frame(proc, "entry", dev, z));
    }

    /** The running function continues at {@code label} (the spec's Goto, or the return label of a Call). */
    public void pc(String label) {
        Frame top = frames.get(frames.size() - 1);
        frames.set(frames.size() - 1, top.withPc(label));
    }

    /** The running zPCI function's frame fields change (the instance it works on, the references it owns). */
    public void z(java.util.function.UnaryOperator<Frame.Z> change) {
        Frame top = frames.get(frames.size() - 1);
        frames.set(frames.size() - 1, top.withZ(change.apply(top.z())));
    }

    /** The running function's frame fields (null for a PCI-core frame). */
    public Frame.Z z() {
        return frames.get(frames.size() - 1).z();
    }

    /** The running function {@code proc} returns. */
    public void leave(String proc) {
        Frame top = frames.remove(frames.size() - 1);
        if (!top.proc().equals(proc)) {
            throw new IllegalStateException("shadow stack: leaving " + proc + " but the top frame is " + top);
        }
    }

    // --- step points --------------------------------------------------------------------------------

    /**
     * A step point: the next atomic step of the spec ({@code action}) starts here. {@code guards} are the
     * locks the step takes before it changes anything (the action's enabling condition).
     */
    public void step(String action, Lockable... guards) {
        this.nextAction = action;
        this.guards = List.of(guards);
        this.published = List.copyOf(frames);
        if (toFirstStepPoint) {
            throw new AtFirstStepPoint();
        }
        StepControl c = control;
        if (c != null) {
            c.atStepPoint(this);
        }
    }

    /** Called by a lock that this task cannot take now. */
    void blockedMidStep(Lockable lock) {
        StepControl c = control;
        if (c != null) {
            c.blockedMidStep(this, lock);
        }
    }

    /**
     * A nondeterministic choice of the running step (a parameter of the spec action other than the thread,
     * such as the event the firmware raises): the value the scheduler chose, as the spec prints it with
     * string quotes removed, or {@code free} when no scheduler chooses (free-running code).
     */
    public String choose(String param, String free) {
        StepControl c = control;
        String v = c == null ? null : c.choice(this, param);
        if (v == null) {
            return free;
        }
        return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
    }

    /**
     * Free-running, inside a step: sleeps outside it until a step clears {@link #sleepingForGuards}
     * ({@link #stepSignal}), then enters a step again. The flag is read inside a step, under the monitor, so
     * a wake-up between leaving and waiting is not lost. Under Lincheck the switch points are the monitor's
     * entry and the wait alone.
     */
    void sleepForGuards(StepAtomicity a) {
        sleepingForGuards = true;
        a.leave(this);
        synchronized (stepSignal) {
            while (asleep(a)) {
                try {
                    stepSignal.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
        a.enter(this);
    }

    private boolean asleep(StepAtomicity a) {
        a.enter(this);
        boolean asleep = sleepingForGuards;
        a.leave(this);
        return asleep;
    }

    /** Free-running: wakes this task, whose {@link #sleepingForGuards} a step has cleared. */
    void stepSignal() {
        synchronized (stepSignal) {
            stepSignal.notify();
        }
    }

    boolean controlled() {
        return control != null;
    }

    /** The spec action this task executes next, as announced by its last step point. */
    public String nextAction() {
        return finished ? null : nextAction;
    }

    public List<Lockable> guards() {
        return guards;
    }

    public boolean finished() {
        return finished;
    }

    /** The shadow stack as of the task's last step point (empty once finished), top frame last. */
    public List<Frame> published() {
        return published;
    }

    @Override
    public String toString() {
        return name;
    }
}
