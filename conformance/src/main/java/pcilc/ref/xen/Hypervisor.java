package pcilc.ref.xen;

import java.util.ArrayList;
import java.util.List;

/**
 * The Xen hypervisor's view of the guest's pirqs (xen/arch/x86/irq.c, physdev.c, common/event_channel.c):
 * for each pirq, the device whose MSI it is mapped for (or free), and the event channel bound to it. Every
 * operation is a hypercall, serialised by the domain's {@code event_lock} (a monitor: no step of the spec
 * waits for it, so it need not be a {@link pcilc.ref.Lockable}).
 */
public final class Hypervisor {
    public static final int NR_PIRQS = 4;
    public static final int ENOSPC = -28;

    /** d->event_lock. */
    private final Object eventLock = new Object();
    /** pirq → the device it is mapped for, null when free (index 0 unused). */
    private final String[] mappedFor = new String[NR_PIRQS + 1];
    /** pirq → the device whose irq bound an event channel to it, null when none. */
    private final String[] evtchnBoundBy = new String[NR_PIRQS + 1];

    /**
     * PHYSDEVOP_get_free_pirq (xen_allocate_pirq_msi), and QEMU's map of the pirq for the device once the
     * guest writes it into the MSI-X entry (one step in the spec): the highest free pirq, or -ENOSPC.
     */
    public int physdevGetFreePirq(String dev) {
        synchronized (eventLock) {
            for (int p = NR_PIRQS; p >= 1; p--) {
                if (mappedFor[p] == null) {
                    mappedFor[p] = dev;
                    return p;
                }
            }
            return ENOSPC;
        }
    }

    /**
     * PHYSDEVOP_map_pirq as QEMU issues it for an MSI-X entry whose message already names {@code pirq}:
     * succeeds if the pirq is free (or already the device's); if it is mapped for another device it fails
     * and QEMU only logs it.
     */
    public boolean physdevMapPirq(int pirq, String dev) {
        synchronized (eventLock) {
            if (mappedFor[pirq] == null) {
                mappedFor[pirq] = dev;
            }
            return dev.equals(mappedFor[pirq]);
        }
    }

    /** PHYSDEVOP_unmap_pirq of every pirq mapped for {@code dev} (QEMU, c976437c7dba): they are free again. */
    public void physdevUnmapPirqs(String dev) {
        synchronized (eventLock) {
            for (int p = 1; p <= NR_PIRQS; p++) {
                if (dev.equals(mappedFor[p])) {
                    mappedFor[p] = null;
                }
            }
        }
    }

    /** EVTCHNOP_bind_pirq: fails if the pirq is not mapped or already bound to an event channel. */
    public boolean evtchnopBindPirq(int pirq, String dev) {
        synchronized (eventLock) {
            if (mappedFor[pirq] == null || evtchnBoundBy[pirq] != null) {
                return false;
            }
            evtchnBoundBy[pirq] = dev;
            return true;
        }
    }

    /** EVTCHNOP_close of the event channel bound to {@code pirq}. */
    public void evtchnopClose(int pirq) {
        synchronized (eventLock) {
            evtchnBoundBy[pirq] = null;
        }
    }

    /** The spec's hvPirq: per pirq, the device or "free". */
    public List<Object> pirqTable() {
        return column(mappedFor, "free");
    }

    /** The spec's evtchn: per pirq, the device or "none". */
    public List<Object> evtchnTable() {
        return column(evtchnBoundBy, XenPirqSystem.NO_DEVICE);
    }

    /** The device an event channel on {@code pirq} was bound by, or null. */
    String evtchnBoundBy(int pirq) {
        synchronized (eventLock) {
            return evtchnBoundBy[pirq];
        }
    }

    private static List<Object> column(String[] a, String none) {
        List<Object> out = new ArrayList<>();
        for (int p = 1; p <= NR_PIRQS; p++) {
            out.add(a[p] == null ? none : a[p]);
        }
        return out;
    }
}
