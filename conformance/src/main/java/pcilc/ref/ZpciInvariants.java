package pcilc.ref;

import java.util.ArrayList;
import java.util.List;

/**
 * The invariants the zPCI designs' cfgs check (spec/ZpciLifecycle.tla, and PciCore's that they include),
 * on the Java objects; exact at step points.
 */
public final class ZpciInvariants {
    public static final List<String> NAMES = List.of("RescanLockWellFormedInv", "NoForeignRescanUnlockInv",
            "NoDoubleRemoveInv", "KrefEqualsHoldersInv", "PdevRefEqualsHoldersInv", "NoUseAfterFreeInv",
            "OneInstancePerFidInv", "SlotDeregisteredOnceInv", "NoSelfDeleteInv", "ReleaseOnlyReservedInv",
            "ZdevPutUnderRescanLockInv");

    private ZpciInvariants() {
    }

    /** The names of the invariants that do not hold now, in the spec's order. */
    public static List<String> violated(ZpciKernel k) {
        List<String> out = new ArrayList<>();
        List<ZpciDev> inst = k.instances();
        List<Frame> frames = new ArrayList<>();
        for (Task t : k.taskList()) {
            frames.addAll(t.published());
        }
        if (!Invariants.rescanLockWellFormed(k)) {
            out.add("RescanLockWellFormedInv");
        }
        if (k.rescanLock.warned()) {
            out.add("NoForeignRescanUnlockInv");
        }
        if (!Invariants.noDoubleRemove(k)) {
            out.add("NoDoubleRemoveInv");
        }
        if (!krefEqualsHolders(k, inst, frames)) {
            out.add("KrefEqualsHoldersInv");
        }
        if (!pdevRefEqualsHolders(k, frames)) {
            out.add("PdevRefEqualsHoldersInv");
        }
        if (!noUseAfterFree(k, inst, frames)) {
            out.add("NoUseAfterFreeInv");
        }
        if (!oneInstancePerFid(k, inst)) {
            out.add("OneInstancePerFidInv");
        }
        if (inst.stream().anyMatch(z -> z != null && z.hotplugSlot.deregistrations > 1)) {
            out.add("SlotDeregisteredOnceInv");
        }
        List<String> warned = List.copyOf(k.warned());
        if (warned.contains("selfdelete")) {
            out.add("NoSelfDeleteInv");
        }
        if (warned.contains("release-not-reserved")) {
            out.add("ReleaseOnlyReservedInv");
        }
        if (warned.contains("lockdep")) {
            out.add("ZdevPutUnderRescanLockInv");
        }
        return out;
    }

    /**
     * A live zdev's kref is its holders: the platform (not RESERVED), every pci_dev that references it, and
     * every reference a task took (get_zdev_by_fid) or is dropping.
     */
    static boolean krefEqualsHolders(ZpciKernel k, List<ZpciDev> inst, List<Frame> frames) {
        for (ZpciDev z : inst) {
            if (z == null || !z.phase().equals("live")) {
                continue;
            }
            int holders = z.state != ZpciState.RESERVED ? 1 : 0;
            for (PciDev d : k.devices()) {
                if (d.sysdata == z) {
                    holders++;
                }
            }
            for (Frame f : frames) {
                if (f.z() != null && f.z().ref() && f.z().zdev() == z.inst) {
                    holders++;
                }
            }
            if (z.kref.read() != holders) {
                return false;
            }
        }
        return true;
    }

    /** A function's pci_dev count is its holders: the bus while added, every pci_get_slot/holder reference. */
    static boolean pdevRefEqualsHolders(ZpciKernel k, List<Frame> frames) {
        for (String fid : k.model.fids()) {
            PciDev d = k.device(fid);
            int holders = d.isAdded ? 1 : 0;
            for (Frame f : frames) {
                if (f.z() != null && f.z().pdev() == 1 && f.dev().equals(fid)) {
                    holders++;
                }
            }
            if (d.ref.read() != holders) {
                return false;
            }
        }
        return true;
    }

    /** No code runs on a freed zdev, and no pci_dev points to one. */
    static boolean noUseAfterFree(ZpciKernel k, List<ZpciDev> inst, List<Frame> frames) {
        for (Frame f : frames) {
            if (f.z() != null && f.z().zdev() != 0 && inst.get(f.z().zdev() - 1).freed) {
                return false;
            }
        }
        for (PciDev d : k.devices()) {
            if (d.sysdata instanceof ZpciDev z && z.freed) {
                return false;
            }
        }
        return true;
    }

    /** At most one IOMMU sysfs directory and one hotplug slot per FID. */
    static boolean oneInstancePerFid(ZpciKernel k, List<ZpciDev> inst) {
        for (String fid : k.model.fids()) {
            long iommus = inst.stream().filter(z -> z != null && z.fid.equals(fid) && z.iommuSysfs).count();
            long slots = inst.stream().filter(z -> z != null && z.fid.equals(fid) && z.hotplugSlot.registered).count();
            if (iommus > 1 || slots > 1) {
                return false;
            }
        }
        return true;
    }
}
