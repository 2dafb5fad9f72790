package pcilc.model;

/** A state graph or conformance data file that cannot be used: the message names the file and line. */
public final class GraphError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public GraphError(String message) {
        super(message);
    }
}
