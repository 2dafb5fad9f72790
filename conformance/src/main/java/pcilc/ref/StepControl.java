package pcilc.ref;

/**
 * What a task does at a step point. Outside tests there is none (the step point only records where
 * the task is); the {@link StepScheduler} installs one that parks the task until it is granted a step.
 */
public interface StepControl {
    /** The task reached a step point: park until granted the step (the action is {@link Task#nextAction()}). */
    void atStepPoint(Task task);

    /** The task could not take {@code lock} in the middle of a step: park until granted, then retry. */
    void blockedMidStep(Task task, Lockable lock);

    /** The value the scheduler chose for the spec action's parameter {@code param} in this step, or null. */
    String choice(Task task, String param);
}
