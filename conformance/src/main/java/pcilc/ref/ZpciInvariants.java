package pcilc.ref;

import java.util.ArrayList;
import java.util.List;

/**
 * The invariants the zPCI designs' cfgs check (spec/ZpciLifecycle.tla, and PciCore's that they include),
 * on the Java objects; exact at step points.
 */
public final class ZpciInvariants {
    /** Every invariant (ZTypeOK holds by construction: see {@link SpecSystem#invariants}). */
    public static final List<String> NAMES = List.of("ZTypeOK", "RescanLockWellFormedInv", "NoForeignRescanUnlockInv",
            "NoDoubleRemoveInv", "KrefEqualsHoldersInv", "PdevRefEqualsHoldersInv", "NoUseAfterFreeInv",
            "OneInstancePerFidInv", "SlotDeregisteredOnceInv", "NoSelfDeleteInv", "ReleaseOnlyReservedInv",
            "ZdevPutUnderRescanLockInv", "NoErrPtrUseInv");

    private ZpciInvariants() {
    }

    /**
     * The names of the invariants that do not hold now, in the spec's order. Loops over arrays and the
     * tasks' published stacks only (no streams, iterators or copies): under Lincheck this runs at every step.
     */
    public static List<String> violated(ZpciKernel k) {
        List<String> out = new ArrayList<>();
        ZpciDev[] inst = k.memory();
        Task[] tasks = k.taskList();
        if (!Invariants.rescanLockWellFormed(k)) {
            out.add("RescanLockWellFormedInv");
        }
        if (k.rescanLock.warned()) {
            out.add("NoForeignRescanUnlockInv");
        }
        if (!Invariants.noDoubleRemove(k)) {
            out.add("NoDoubleRemoveInv");
        }
        if (!krefEqualsHolders(k, inst, tasks)) {
            out.add("KrefEqualsHoldersInv");
        }
        if (!pdevRefEqualsHolders(k, tasks)) {
            out.add("PdevRefEqualsHoldersInv");
        }
        if (!noUseAfterFree(k, inst, tasks)) {
            out.add("NoUseAfterFreeInv");
        }
        if (!oneInstancePerFid(k, inst)) {
            out.add("OneInstancePerFidInv");
        }
        for (ZpciDev z : inst) {
            if (z != null && z.hotplugSlot.deregistrations > 1) {
                out.add("SlotDeregisteredOnceInv");
                break;
            }
        }
        if (k.warnedSelfDelete) {
            out.add("NoSelfDeleteInv");
        }
        if (k.warnedReleaseNotReserved) {
            out.add("ReleaseOnlyReservedInv");
        }
        if (k.warnedLockdep) {
            out.add("ZdevPutUnderRescanLockInv");
        }
        if (k.warnedErrPtr) {
            out.add("NoErrPtrUseInv");
        }
        return out;
    }

    /**
     * A live zdev's kref is its holders: the platform (not RESERVED), every pci_dev that references it, and
     * every reference a task took (get_zdev_by_fid) or is dropping.
     */
    static boolean krefEqualsHolders(ZpciKernel k, ZpciDev[] inst, Task[] tasks) {
        for (ZpciDev z : inst) {
            if (z == null || !z.initialized || z.freed) {
                continue;
            }
            int kref = z.kref.read();
            if (kref <= 0) {
                continue;  // released, not live
            }
            int holders = z.state != ZpciState.RESERVED ? 1 : 0;
            for (PciDev d : k.deviceArray) {
                if (d.sysdata == z) {
                    holders++;
                }
            }
            for (Task t : tasks) {
                List<Frame> st = t.published();
                for (int i = 0, n = st.size(); i < n; i++) {
                    Frame.Z fz = st.get(i).z();
                    if (fz != null && fz.ref() && fz.zdev() == z.inst) {
                        holders++;
                    }
                }
            }
            if (kref != holders) {
                return false;
            }
        }
        return true;
    }

    /** A function's pci_dev count is its holders: the bus while added, every pci_get_slot/holder reference. */
    static boolean pdevRefEqualsHolders(ZpciKernel k, Task[] tasks) {
        for (int f = 0; f < k.fidArray.length; f++) {
            String fid = k.fidArray[f];
            PciDev d = k.fidDevices[f];
            int holders = d.isAdded ? 1 : 0;
            for (Task t : tasks) {
                List<Frame> st = t.published();
                for (int i = 0, n = st.size(); i < n; i++) {
                    Frame fr = st.get(i);
                    if (fr.z() != null && fr.z().pdev() == 1 && fr.dev().equals(fid)) {
                        holders++;
                    }
                }
            }
            if (d.ref.read() != holders) {
                return false;
            }
        }
        return true;
    }

    /** No code runs on a freed zdev, and no pci_dev points to one. */
    static boolean noUseAfterFree(ZpciKernel k, ZpciDev[] inst, Task[] tasks) {
        for (Task t : tasks) {
            List<Frame> st = t.published();
            for (int i = 0, n = st.size(); i < n; i++) {
                Frame.Z fz = st.get(i).z();
                if (fz != null && fz.zdev() != 0 && inst[fz.zdev() - 1].freed) {
                    return false;
                }
            }
        }
        for (PciDev d : k.deviceArray) {
            if (d.sysdata instanceof ZpciDev z && z.freed) {
                return false;
            }
        }
        return true;
    }

    /** At most one IOMMU sysfs directory and one hotplug slot per FID. */
    static boolean oneInstancePerFid(ZpciKernel k, ZpciDev[] inst) {
        for (String fid : k.fidArray) {
            int iommus = 0;
            int slots = 0;
            for (ZpciDev z : inst) {
                if (z != null && z.fid.equals(fid)) {
                    if (z.iommuSysfs) {
                        iommus++;
                    }
                    if (z.hotplugSlot.registered) {
                        slots++;
                    }
                }
            }
            if (iommus > 1 || slots > 1) {
                return false;
            }
        }
        return true;
    }
}
