package pcilc.ref;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What every {@link SpecSystem} has besides its kernel code: the tasks by name, step points that check the
 * invariants in free-running mode, and the first violation seen. A subclass says which operation a thread
 * runs ({@link #operation}) and may check the invariants under the locks that guard the state
 * ({@link #violatedAtStepPoint}).
 */
public abstract class SpecSystemBase implements SpecSystem {
    private final Map<String, Task> tasks = new TreeMap<>();
    private volatile Task[] taskArray = new Task[0];
    private volatile boolean checkAtStepPoints;
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

    @Override
    public void runThread(String name) {
        Runnable op = operation(name);
        task(name).run(() -> {
            op.run();
            afterStep(); // the state the thread leaves behind, checked on its task
        });
    }

    /**
     * A step point of the current task: the spec's action {@code action} starts here; {@code guards} are the
     * locks (or wait queues) whose availability is its enabling condition.
     */
    public void step(String action, Lockable... guards) {
        Task.current().step(action, guards);
        afterStep();
    }

    /** The invariants as checked at a step point of a free-running task (on that task's thread). */
    protected List<String> violatedAtStepPoint() {
        return violatedInvariants();
    }

    /** After a step of a free-running task: check the invariants and record the first violation. */
    protected void afterStep() {
        if (checkAtStepPoints) {
            List<String> broken = violatedAtStepPoint();
            if (!broken.isEmpty() && violations.isEmpty()) {
                violations.add(String.join(",", broken) + " at " + snapshot());
            }
        }
    }

    @Override
    public void checkInvariantsAtStepPoints(boolean on) {
        this.checkAtStepPoints = on;
    }

    @Override
    public List<String> violations() {
        synchronized (violations) {
            return List.copyOf(violations);
        }
    }
}
