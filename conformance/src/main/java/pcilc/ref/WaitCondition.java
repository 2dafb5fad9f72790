package pcilc.ref;

import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * What a step waits for that is not a lock: an event in the queue, a platform state the firmware can
 * change, a sysfs file's handlers to drain. As a guard of a step point ({@link Task#step}) it makes the
 * step enabled exactly when the condition holds, the way a lock guard does when the lock is free.
 */
public final class WaitCondition implements Lockable {
    private final String name;
    private final Predicate<Task> holds;

    public WaitCondition(String name, BooleanSupplier holds) {
        this(name, t -> holds.getAsBoolean());
    }

    /** A condition that depends on the task asking (such as "no other task is in the file"). */
    public WaitCondition(String name, Predicate<Task> holdsFor) {
        this.name = name;
        this.holds = holdsFor;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean couldLock(Task task) {
        return holds.test(task);
    }

    @Override
    public Task owner() {
        return null;
    }

    @Override
    public String toString() {
        return name;
    }
}
