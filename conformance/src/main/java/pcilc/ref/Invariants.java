package pcilc.ref;

import java.util.ArrayList;
import java.util.List;

/** The spec's invariants, on the Java objects; exact at step points (see {@link Snapshot}). */
public final class Invariants {
    /** Every invariant of spec/PciCore.tla (TypeOK holds by construction: see {@link SpecSystem#invariants}). */
    public static final List<String> NAMES = List.of("TypeOK", "RescanLockWellFormedInv", "NoForeignRescanUnlockInv",
            "NoDoubleRemoveInv", "NoUseAfterRemoveInv", "NoBindAfterRemovalStartInv");

    private Invariants() {
    }

    /** The names of the invariants that do not hold now, in the spec's order. */
    public static List<String> violated(Kernel k) {
        List<String> out = new ArrayList<>();
        if (!rescanLockWellFormed(k)) {
            out.add("RescanLockWellFormedInv");
        }
        if (k.rescanLock.warned()) {
            out.add("NoForeignRescanUnlockInv");
        }
        if (!noDoubleRemove(k)) {
            out.add("NoDoubleRemoveInv");
        }
        if (!noUseAfterRemove(k)) {
            out.add("NoUseAfterRemoveInv");
        }
        if (!noBindAfterRemovalStart(k)) {
            out.add("NoBindAfterRemovalStartInv");
        }
        return out;
    }

    /** device_del() runs at most once per device. */
    static boolean noDoubleRemove(Kernel k) {
        for (PciDev d : k.deviceArray) {
            if (d.removeCount > 1) {
                return false;
            }
        }
        return true;
    }

    /** A removed device has no driver. */
    static boolean noUseAfterRemove(Kernel k) {
        for (PciDev d : k.deviceArray) {
            if (d.removeCount > 0 && d.driver != null) {
                return false;
            }
        }
        return true;
    }

    /** Free exactly when depth is 0; a plain mutex never nests. */
    static boolean rescanLockWellFormed(Kernel k) {
        RescanRemoveLock l = k.rescanLock;
        Object[] od = l.ownerAndDepth();
        int depth = (Integer) od[1];
        return (od[0] == null) == (depth == 0) && (l.reentrant() || depth <= 1);
    }

    /**
     * Once a removal path has released the driver of d (remove_store between its unbind and the locked
     * removal; the proposal's pci_stop_and_remove_bus_device_locked between its unbind and taking the rescan
     * lock; pci_stop_and_remove_bus_device from the end of pci_stop_dev()'s release to the end of
     * pci_destroy_dev()), no driver is bound to d.
     */
    static boolean noBindAfterRemovalStart(Kernel k) {
        for (Task t : k.taskList()) {
            List<Frame> st = t.published();
            if (st.isEmpty()) {
                continue;
            }
            Frame top = st.get(st.size() - 1);
            boolean released = top.proc().equals("remove_store") && top.pc().equals("stop_and_remove")
                    || top.proc().equals("pci_stop_and_remove_bus_device_locked") && top.pc().equals("lock_rescan")
                    || top.proc().equals("pci_stop_and_remove_bus_device") && removalPastRelease(k, top);
            if (released && k.device(top.dev()).driver != null) {
                return false;
            }
        }
        return true;
    }

    /**
     * The spec's pci_stop_and_remove_bus_device labels in RemovalReleasedDriver: "assign_added", "destroy",
     * "del_done", and "device_del" unless (from v6.13) the remover that cleared ADDED is still releasing.
     */
    private static boolean removalPastRelease(Kernel k, Frame top) {
        switch (top.pc()) {
            case "assign_added", "destroy", "del_done":
                return true;
            case "device_del":
                return k.device(top.dev()).releasing == 0;
            default:
                return false;
        }
    }
}
