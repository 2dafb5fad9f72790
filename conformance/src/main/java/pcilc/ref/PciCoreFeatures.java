package pcilc.ref;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The feature constants of spec/PciCore.tla, as a design's cfg sets them: each names the commit or proposal
 * whose code it switches on, and the kernel code asks it exactly where that code differs. {@code vfs} is the
 * model's VF count (VFs).
 */
public record PciCoreFeatures(int vfs, boolean pciStopDevAtomic, boolean rescanLockReentrant,
        boolean sriovDelVfsLocks, boolean removeStoreReleasesFirst, boolean removeStoreKillsFirst,
        boolean lockedRemovalReleasesFirst) {
    static final String VFS = "VFs";
    /**
     * 6d6d962a8dc2 (v6.13) and its companion: pci_stop_dev() test-and-clears PCI_DEV_ADDED and
     * pci_destroy_dev() test-and-sets PCI_DEV_REMOVED.
     */
    public static final String PCI_STOP_DEV_ATOMIC = "PciStopDevAtomic_6d6d962a8dc2";
    /**
     * Nechita patch 1: pci_lock_rescan_remove() is reentrant (v7 to v13: mutex_get_owner() == current and one
     * global count; v14: an owner variable and a depth; the same on every modelled path).
     */
    static final String RESCAN_LOCK_REENTRANT = "RescanLockReentrant_NechitaPatch1";
    /** 05703271c3cd (and Nechita patch 1): sriov_del_vfs() takes the rescan lock itself. */
    static final String SRIOV_DEL_VFS_LOCKS = "SriovDelVfsLocks_05703271c3cd";
    /** Nechita v10 patch 2: device_release_driver() before the locked removal. */
    static final String REMOVE_STORE_RELEASES_FIRST = "RemoveStoreReleasesFirst_NechitaV10";
    /** Nechita v11 patch 2: kill_device() before the release, so nothing can bind. */
    static final String REMOVE_STORE_KILLS_FIRST = "RemoveStoreKillsFirst_NechitaV11";
    /**
     * The proposal for v11's known limitation: pci_stop_and_remove_bus_device_locked() itself does v11's
     * device_lock; kill_device; device_unlock; device_release_driver() before it takes the rescan lock, and
     * remove_store() calls it plainly again.
     */
    static final String LOCKED_REMOVAL_RELEASES_FIRST = "LockedRemovalReleasesFirst_ProposalUnbindHotplug";

    /** The code's features (a design's code runs on another design's model with these replaced). */
    public static final Set<String> CODE = Set.of(PCI_STOP_DEV_ATOMIC, RESCAN_LOCK_REENTRANT, SRIOV_DEL_VFS_LOCKS,
            REMOVE_STORE_RELEASES_FIRST, REMOVE_STORE_KILLS_FIRST, LOCKED_REMOVAL_RELEASES_FIRST);
    /** Every constant of the module: the features, the VF count and the threads. */
    public static final Set<String> CONSTANTS = union(CODE, Set.of(VFS, "Threads"));

    /** The features a design's cfg sets. */
    public static PciCoreFeatures of(Map<String, Object> c) {
        int vfs = Constants.number(c, VFS);
        if (vfs < 1 || vfs > 2) {
            throw new IllegalArgumentException("VFs = " + vfs + ": the model has one or two VFs");
        }
        return new PciCoreFeatures(vfs, Constants.bool(c, PCI_STOP_DEV_ATOMIC), Constants.bool(c, RESCAN_LOCK_REENTRANT),
                Constants.bool(c, SRIOV_DEL_VFS_LOCKS), Constants.bool(c, REMOVE_STORE_RELEASES_FIRST),
                Constants.bool(c, REMOVE_STORE_KILLS_FIRST), Constants.bool(c, LOCKED_REMOVAL_RELEASES_FIRST));
    }

    /** a5338e365c45 takes the rescan lock in sriov_numvfs_store(); 05703271c3cd moves it into sriov_del_vfs(). */
    public boolean numvfsStoreLocks() {
        return !sriovDelVfsLocks;
    }

    /** The VFs' names, in the order sriov_del_vfs() removes them (the spec's VfSeq). */
    public List<String> vfNames() {
        return List.of("VF", "VF2").subList(0, vfs);
    }

    public static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> out = new java.util.HashSet<>(a);
        out.addAll(b);
        return Set.copyOf(out);
    }
}
