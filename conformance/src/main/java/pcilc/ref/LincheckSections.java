package pcilc.ref;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Lincheck's ignored sections ({@code sun.nio.ch.lincheck.Injections}, which its Java agent puts on the boot
 * class path): code run inside one has no switch points, so a step run inside one is atomic, and Lincheck
 * spends none of its invocations on switches inside a step. The handles are final fields and the task's flag
 * is only accessed inside the section: Lincheck tracks neither access.
 */
final class LincheckSections implements StepAtomicity {
    private final MethodHandle enter;
    private final MethodHandle leave;
    private final MethodHandle inAnalyzedCode;

    private LincheckSections(MethodHandle enter, MethodHandle leave, MethodHandle inAnalyzedCode) {
        this.enter = enter;
        this.leave = leave;
        this.inAnalyzedCode = inAnalyzedCode;
    }

    /**
     * The sections, or null if Lincheck's agent is not attached. Resolved per kernel, into a final field: a
     * static cache would be a shared read (a switch point) before the first step, and Lincheck restores
     * static fields after every invocation anyway.
     */
    static LincheckSections resolve() {
        try {
            Class<?> injections = Class.forName("sun.nio.ch.lincheck.Injections", false, null);
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            MethodType none = MethodType.methodType(void.class);
            return new LincheckSections(lookup.findStatic(injections, "enterIgnoredSection", none),
                    lookup.findStatic(injections, "leaveIgnoredSection", none),
                    lookup.findStatic(injections, "inAnalyzedCode", MethodType.methodType(boolean.class)));
        } catch (ClassNotFoundException e) {
            return null;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Lincheck's Injections changed: " + e, e);
        }
    }

    /**
     * Enters a section if Lincheck analyses the calling thread and returns true; else false (the agent stays
     * attached after a Lincheck test, and a plain thread's sections would be no-ops). The caller then owes
     * {@link #entered} for the task it runs.
     */
    boolean enterIfAnalyzed() {
        if (!(boolean) call(inAnalyzedCode)) {
            return false;
        }
        call(enter);
        return true;
    }

    /**
     * Lincheck aborts the threads (after a deadlock, say) by throwing this error at each one's next switch
     * point, and unparks them all at once. An aborted thread must run no more code: what they run then runs
     * in parallel, still tracked, and their static reads update Lincheck's snapshot tracker together (seen as
     * a NullPointerException in Lincheck 3.7's SnapshotTracker.restoreValues).
     */
    static boolean aborted(Throwable e) {
        return e.getClass().getName().equals("org.jetbrains.lincheck.util.LincheckAnalysisAbortedError");
    }

    /**
     * Returns {@code r}'s value, computed unseen by Lincheck: inside an ignored section if Lincheck analyses the
     * calling thread (no switch point, no tracked access or allocation, the exploration unchanged), else plainly.
     */
    static <T> T unseen(java.util.function.Supplier<T> r) {
        LincheckSections s = resolve();
        if (s == null || !s.enterIfAnalyzed()) {
            return r.get();
        }
        try {
            return r.get();
        } finally {
            call(s.leave);
        }
    }

    /** {@code t} runs inside the section {@link #enterIfAnalyzed} entered. */
    void entered(Task t) {
        t.inStep = true;
    }

    @Override
    public void enter(Task t) {
        call(enter);
        t.inStep = true;
    }

    @Override
    public void leave(Task t) {
        if (t.inStep) {
            t.inStep = false;
            call(leave);
        }
    }

    private static Object call(MethodHandle h) {
        try {
            return h.invoke();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
