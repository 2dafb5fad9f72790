package pcilc.ref;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Semaphore;

/**
 * The deterministic scheduler for tests: runs the spec's threads as real threads (named after them) that
 * take real locks, and lets exactly one of them run from one step point to the next when asked. Between
 * calls every started thread is parked: at a step point (announcing its next action), or finished. A
 * thread at a step point whose guard lock it cannot take is blocked: the spec's action is not enabled.
 * No timing: handshakes are semaphores. {@link #close()} aborts the threads that have not finished.
 */
public final class StepScheduler implements AutoCloseable {

    /** Where a thread is between two steps. */
    public enum Kind { PARKED, BLOCKED, FINISHED, FAILED }

    /**
     * A thread's state: PARKED at a step point with {@code action} next; BLOCKED at the step point of
     * {@code action} on {@code lock}, held by {@code holder}; FINISHED; FAILED with {@code failure}.
     */
    public record State(Kind kind, String action, String lock, String holder, Throwable failure) {
        @Override
        public String toString() {
            return switch (kind) {
                case PARKED -> "parked before " + action;
                case BLOCKED -> "blocked before " + action + " on " + lock + " held by " + holder;
                case FINISHED -> "finished";
                case FAILED -> "failed: " + failure;
            };
        }
    }

    private final class Controlled implements StepControl {
        final Task task;
        final Thread thread;
        final Semaphore grant = new Semaphore(0);
        final Semaphore reported = new Semaphore(0);
        volatile boolean aborted;
        volatile boolean done;
        volatile Throwable failure;
        volatile Lockable blockedMidStep;
        volatile Map<String, String> choices = Map.of();

        Controlled(Task task) {
            this.task = task;
            this.thread = new Thread(() -> {
                try {
                    system.runThread(task.name());
                } catch (TaskAborted a) {
                    // unwound by close()
                } catch (Throwable e) {
                    failure = e;
                } finally {
                    done = true;
                    reported.release();
                }
            }, task.name());
            this.thread.setDaemon(true);
        }

        @Override
        public void atStepPoint(Task t) {
            park();
        }

        @Override
        public void blockedMidStep(Task t, Lockable lock) {
            blockedMidStep = lock;
            park();
            blockedMidStep = null;
        }

        @Override
        public String choice(Task t, String param) {
            return choices.get(param);
        }

        private void park() {
            reported.release();
            grant.acquireUninterruptibly();
            if (aborted) {
                throw new TaskAborted(task.name());
            }
        }

        /** Lets the thread run to its next stopping point and waits until it is there. */
        void runOneStep() {
            grant.release();
            reported.acquireUninterruptibly();
        }
    }

    private final SpecSystem system;
    private final Map<String, Controlled> threads = new TreeMap<>();
    private final List<String> trace = new ArrayList<>();

    public StepScheduler(SpecSystem system) {
        this.system = system;
    }

    public SpecSystem system() {
        return system;
    }

    /** Starts the spec thread {@code name} (its operation is {@link Operations}); it parks at its first step point. */
    public void start(String name) {
        if (threads.containsKey(name)) {
            throw new IllegalStateException("thread " + name + " already started");
        }
        Task task = system.task(name);
        Controlled c = new Controlled(task);
        task.control(c);
        threads.put(name, c);
        c.thread.start();
        c.reported.acquireUninterruptibly();
    }

    public void startAll(Iterable<String> names) {
        names.forEach(this::start);
    }

    public State state(String name) {
        Controlled c = get(name);
        if (c.failure != null) {
            return new State(Kind.FAILED, null, null, null, c.failure);
        }
        if (c.done) {
            return new State(Kind.FINISHED, null, null, null, null);
        }
        String action = c.task.nextAction();
        if (c.blockedMidStep != null) {
            return blocked(action, c.blockedMidStep);
        }
        for (Lockable l : c.task.guards()) {
            if (!l.couldLock(c.task)) {
                return blocked(action, l);
            }
        }
        return new State(Kind.PARKED, action, null, null, null);
    }

    private static State blocked(String action, Lockable l) {
        Task holder = l.owner();
        return new State(Kind.BLOCKED, action, l.name(), holder == null ? "nobody" : holder.name(), null);
    }

    /** The thread can make progress: its next action is enabled. */
    public boolean canProgress(String name) {
        Controlled c = get(name);
        return state(name).kind() == Kind.PARKED
                || c.blockedMidStep != null && c.blockedMidStep.couldLock(c.task);
    }

    /** The threads that can make progress, sorted. */
    public List<String> progressing() {
        return threads.keySet().stream().filter(this::canProgress).toList();
    }

    public boolean allFinished() {
        return threads.values().stream().allMatch(c -> c.done && c.failure == null);
    }

    /**
     * No thread can make progress while some have not finished and the system has not terminated
     * ({@link SpecSystem#terminated()}): the spec's deadlock.
     */
    public boolean hung() {
        return !allFinished() && progressing().isEmpty() && !system.terminated();
    }

    /**
     * Runs thread {@code name} through exactly one step, to its next step point or its end, and returns
     * the spec action it executed. Refused when the action is not enabled.
     */
    public String step(String name) {
        return step(name, Map.of());
    }

    /**
     * The same, with the values of the action's other parameters ({@code choices}: parameter name → value
     * as the spec prints it), which the code reads through {@link Task#choose}.
     */
    public String step(String name, Map<String, String> choices) {
        if (!canProgress(name)) {
            throw new IllegalStateException("thread " + name + " cannot make progress: " + state(name));
        }
        Controlled c = get(name);
        String action = c.task.nextAction();
        c.choices = Map.copyOf(choices);
        c.runOneStep();
        c.choices = Map.of();
        trace.add(name + ":" + action);
        if (c.failure != null) {
            throw new IllegalStateException("thread " + name + " failed in step " + action, c.failure);
        }
        if (c.blockedMidStep != null) {
            throw new IllegalStateException("step " + action + " of " + name + " blocked on "
                    + c.blockedMidStep.name() + " after its step point: the step is not atomic in the code");
        }
        return action;
    }

    /** The steps run so far, as thread:action. */
    public List<String> trace() {
        return List.copyOf(trace);
    }

    public Map<String, State> states() {
        Map<String, State> m = new TreeMap<>();
        threads.keySet().forEach(n -> m.put(n, state(n)));
        return m;
    }

    private Controlled get(String name) {
        Controlled c = threads.get(name);
        if (c == null) {
            throw new IllegalArgumentException("thread " + name + " not started");
        }
        return c;
    }

    /** Aborts every thread that has not finished and waits for all threads to end. */
    @Override
    public void close() {
        for (Controlled c : threads.values()) {
            if (!c.done) {
                c.aborted = true;
                c.grant.release();
            }
        }
        boolean interrupted = false;
        for (Controlled c : threads.values()) {
            while (c.thread.isAlive()) {
                try {
                    c.thread.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
