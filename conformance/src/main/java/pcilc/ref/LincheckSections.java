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
    /** Resolved once the agent is attached. */
    private static volatile LincheckSections found;

    private final MethodHandle enter;
    private final MethodHandle leave;
    private final MethodHandle inAnalyzedCode;

    private LincheckSections(MethodHandle enter, MethodHandle leave, MethodHandle inAnalyzedCode) {
        this.enter = enter;
        this.leave = leave;
        this.inAnalyzedCode = inAnalyzedCode;
    }

    /**
     * The sections if Lincheck analyses the calling thread, else null: no agent, or a thread it does not track
     * (the agent stays attached after a Lincheck test, and a plain thread's sections would be no-ops).
     */
    static LincheckSections forCurrentThread() {
        LincheckSections s = found;
        if (s == null) {
            s = resolve();
            if (s == null) {
                return null;
            }
            found = s;
        }
        return (boolean) call(s.inAnalyzedCode) ? s : null;
    }

    private static LincheckSections resolve() {
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
