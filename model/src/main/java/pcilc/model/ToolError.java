package pcilc.model;

/** A user-facing failure: its message is the one line the tool prints before exiting with status 1. */
public final class ToolError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ToolError(String message) {
        super(message);
    }
}
