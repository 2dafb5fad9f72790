package pcilc.ref;

import java.util.Arrays;

/**
 * The patch designs of the spec ({@code Designs} in spec/PciCore.tla), by the spec's names. The predicates
 * are the spec's operators under "Designs": the kernel code asks them exactly where the patches differ.
 */
public enum Design {
    SRIOV_UNLOCKED("sriov-unlocked"),
    SRIOV_MUTEX("sriov-mutex"),
    NECHITA_V9("nechita-v9"),
    NECHITA_V10("nechita-v10"),
    NECHITA_V11("nechita-v11"),
    NECHITA_V11_HOTPLUG("nechita-v11-hotplug"),
    PROPOSAL_UNBIND_HOTPLUG("proposal-unbind-hotplug");

    private final String specName;

    Design(String specName) {
        this.specName = specName;
    }

    /** The name used by the spec, the cfg files and the manifest. */
    public String specName() {
        return specName;
    }

    public static Design bySpecName(String name) {
        return Arrays.stream(values()).filter(d -> d.specName.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown design: " + name));
    }

    /**
     * Nechita patch 1: pci_lock_rescan_remove() is reentrant (v7 to v13: mutex_get_owner() == current and one
     * global count; v14: an owner variable and a depth; the same on every modelled path).
     */
    public boolean rescanLockReentrant() {
        return this != SRIOV_UNLOCKED && this != SRIOV_MUTEX;
    }

    /** sriov_del_vfs() takes the rescan lock itself (05703271c3cd, Nechita patch 1). */
    public boolean sriovDelVfsLocks() {
        return this != SRIOV_UNLOCKED;
    }

    /** a5338e365c45 takes the rescan lock in sriov_numvfs_store() instead. */
    public boolean numvfsStoreLocks() {
        return this == SRIOV_UNLOCKED;
    }

    /** Nechita v10 patch 2: device_release_driver() before the locked removal. */
    public boolean removeStoreReleasesFirst() {
        return this == NECHITA_V10 || this == NECHITA_V11 || this == NECHITA_V11_HOTPLUG;
    }

    /** Nechita v11 patch 2: kill_device() before the release, so nothing can bind. */
    public boolean removeStoreKillsFirst() {
        return this == NECHITA_V11 || this == NECHITA_V11_HOTPLUG;
    }

    /**
     * The proposal for v11's known limitation: pci_stop_and_remove_bus_device_locked() itself does v11's
     * device_lock; kill_device; device_unlock; device_release_driver() before it takes the rescan lock, and
     * remove_store() calls it plainly again.
     */
    public boolean lockedRemovalReleasesFirst() {
        return this == PROPOSAL_UNBIND_HOTPLUG;
    }

    /**
     * PciStopDevAtomic_6d6d962a8dc2 as the design's own cfg sets it: FALSE for a5338e365c45 as 6.1.192 and
     * 6.12.117 have it; TRUE for the mainline and linux-next trees of 05703271c3cd, Nechita's series and the
     * proposal (v6.13 and later).
     */
    public boolean pciStopDevAtomic() {
        return this != SRIOV_UNLOCKED;
    }

    @Override
    public String toString() {
        return specName;
    }
}
