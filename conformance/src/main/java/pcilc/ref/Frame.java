package pcilc.ref;

/** One frame of a task's shadow call stack: the kernel function, the label it is at, its device. */
public record Frame(String proc, String pc, String dev) {
}
