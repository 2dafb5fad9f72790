package pcilc.ref;

/**
 * The PCI core (drivers/pci/remove.c, iov.c, pci-sysfs.c, and a hotplug driver's removal handler).
 * The code differs between designs where the design's {@link PciCoreFeatures} are asked. Each {@code k.step(...)}
 * is a step point carrying the name of the spec action that starts there.
 */
public final class PciCore {
    private final Kernel k;

    PciCore(Kernel k) {
        this.k = k;
    }

    private static Task cur() {
        return Task.current();
    }

    private static final Lockable[] NONE = {};

    private Lockable[] rescanIf(boolean takes) {
        return takes ? new Lockable[] {k.rescanLock} : NONE;
    }

    // --- drivers/pci/remove.c -----------------------------------------------------------------------

    public void pciStopAndRemoveBusDeviceLocked(PciDev dev) {
        cur().enter("pci_stop_and_remove_bus_device_locked", dev);
        if (features().lockedRemovalReleasesFirst()) {
            // Proposal: v11's kill-and-release here, before the rescan lock (a PF driver's .remove takes it
            // in sriov_del_vfs()): device_lock; kill_device; device_unlock; device_release_driver().
            k.step("PciStopAndRemoveBusDeviceLocked", dev.deviceLock);
            dev.deviceLock.lock();
            cur().pc("kill_device");
            k.step("PciStopAndRemoveBusDeviceLockedKillDevice");
            k.driverCore.killDevice(dev);
            dev.deviceLock.unlock();
            cur().pc("lock_rescan");
            k.driverCore.deviceReleaseDriver(dev);
            k.step("PciStopAndRemoveBusDeviceLockedLockRescan", k.rescanLock);
        } else {
            k.step("PciStopAndRemoveBusDeviceLocked", k.rescanLock);
        }
        k.rescanLock.lock();
        cur().pc("unlock");
        pciStopAndRemoveBusDevice(dev);
        k.step("PciStopAndRemoveBusDeviceLockedUnlock");
        k.rescanLock.unlock();
        cur().leave("pci_stop_and_remove_bus_device_locked");
    }

    /**
     * pci_stop_and_remove_bus_device() on a device without a subordinate bus: pci_stop_dev(), then
     * pci_destroy_dev(). Before v6.13 pci_stop_dev() tests PCI_DEV_ADDED and clears it after the release, and
     * pci_destroy_dev() tests kobj.parent, which device_del() clears at its end; from v6.13
     * (6d6d962a8dc2 and its companion) both are atomic test-and-clear / test-and-set.
     */
    public void pciStopAndRemoveBusDevice(PciDev dev) {
        boolean atomic = k.pciStopDevAtomic;
        cur().enter("pci_stop_and_remove_bus_device", dev);
        k.step("PciStopDev");
        if (dev.pciDevIsAdded()) {
            if (atomic) {
                // pci_dev_test_and_clear_added()
                dev.cleared++;
                dev.releasing++;
                cur().pc("destroy");
            } else {
                cur().pc("assign_added");
            }
            k.driverCore.deviceReleaseDriver(dev);
            if (atomic) {
                k.step("PciDestroyDev");
                dev.releasing--;
                if (dev.pciDevRemoved()) {  // pci_dev_test_and_set_removed(): another remover has it
                    dev.cleared--;
                    cur().leave("pci_stop_and_remove_bus_device");
                    return;
                }
                dev.deleting++;
            } else {
                k.step("PciStopDevAssignAdded");
                // pci_dev_assign_added(dev, false); pci_destroy_dev(): if (!dev->dev.kobj.parent) return;
                if (dev.removeCount > 0) {
                    cur().leave("pci_stop_and_remove_bus_device");
                    return;
                }
                dev.cleared++;
                dev.deleting++;
            }
        } else if (atomic ? dev.pciDevRemoved() : dev.removeCount > 0) {
            // not added: straight to pci_destroy_dev(), whose guard says it is done
            cur().leave("pci_stop_and_remove_bus_device");
            return;
        } else {
            dev.cleared++;
            dev.deleting++;
        }
        cur().pc("device_del");
        deviceDel(dev);
        k.step("PciDestroyDevPut");
        // kobject_del() at device_del()'s end; list_del(&dev->bus_list); put_device(): the bus's reference
        dev.isAdded = false;
        dev.removeCount++;
        dev.deleting--;
        dev.cleared--;
        cur().leave("pci_stop_and_remove_bus_device");
        pciDevPut(dev);  // a tail call in the spec
    }

    /**
     * device_del(): device_lock; kill_device; device_unlock, then bus_remove_device() →
     * device_release_driver(), which releases whatever driver is bound by now.
     */
    private void deviceDel(PciDev dev) {
        k.step("DeviceDel", dev.deviceLock);
        dev.deviceLock.lock();
        k.driverCore.killDevice(dev);
        dev.deviceLock.unlock();
        cur().pc("del_done");
        k.driverCore.deviceReleaseDriver(dev);
    }

    /**
     * pci_dev_put(): the last put frees the pci_dev: pci_release_dev() → pcibios_release_device(), the
     * architecture's hook. The PCI-core designs do not model pci_dev lifetime (nothing happens).
     */
    public void pciDevPut(PciDev dev) {
        if (k.modelsPdevLifetime() && dev.ref.put()) {
            k.pcibiosReleaseDevice(dev);
        }
    }

    // --- drivers/pci/iov.c ----------------------------------------------------------------------------

    /** pci_disable_sriov() → sriov_disable() → sriov_del_vfs(), if VFs are enabled. */
    public void pciDisableSriov(PciDev dev) {
        if (dev.numVfs > 0) {
            sriovDelVfs(dev);
        }
    }

    /** sriov_del_vfs(): remove every VF, under the rescan lock where the design takes it here. */
    public void sriovDelVfs(PciDev dev) {
        boolean locks = k.features.sriovDelVfsLocks();
        cur().enter("sriov_del_vfs", dev);
        k.step("SriovDelVfs", rescanIf(locks));
        if (locks) {
            k.rescanLock.lock();
        }
        int n = dev.numVfs;
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                k.step("SriovDelVfsNext");
            }
            // the label to continue at once this VF is removed: the next VF, or the unlock
            cur().pc(i == n - 1 ? "unlock" : "vf" + (i + 2));
            pciIovRemoveVirtfn(dev, i);
        }
        k.step("SriovDelVfsUnlock");
        dev.numVfs = 0;
        if (locks) {
            k.rescanLock.unlock();
        }
        cur().leave("sriov_del_vfs");
    }

    private void pciIovRemoveVirtfn(PciDev dev, int id) {
        pciStopAndRemoveBusDevice(dev.virtfns.get(id));
    }

    // --- drivers/pci/pci-sysfs.c, iov.c: sysfs files --------------------------------------------------

    /** echo 1 > remove. */
    public void removeStore(PciDev dev) {
        cur().enter("remove_store", dev);
        k.step("RemoveStore", features().removeStoreKillsFirst() ? new Lockable[] {dev.deviceLock} : NONE);
        if (features().removeStoreKillsFirst()) {
            // Nechita v11: device_lock; kill_device; device_unlock: nothing binds from now on.
            dev.deviceLock.lock();
            cur().pc("kill_device");
            k.step("RemoveStoreKillDevice");
            k.driverCore.killDevice(dev);
            dev.deviceLock.unlock();
        }
        if (features().removeStoreReleasesFirst()) {
            // Nechita v10: release the driver before the locked removal.
            cur().pc("stop_and_remove");
            k.driverCore.deviceReleaseDriver(dev);
            k.step("RemoveStoreStopAndRemove");
        }
        cur().leave("remove_store");  // tail call
        pciStopAndRemoveBusDeviceLocked(dev);
    }

    /** echo N > sriov_numvfs; only N = 0 (disable the VFs) is modelled. */
    public int sriovNumvfsStore(PciDev dev, int numVfs) {
        cur().enter("sriov_numvfs_store", dev);
        k.step("SriovNumvfsStore", dev.deviceLock);
        dev.deviceLock.lock();
        cur().pc("configure");
        k.step("SriovNumvfsStoreConfigure");
        PciDriver drv = dev.driver;
        if (drv == null || dev.numVfs == numVfs) {
            // no driver: -ENOENT; already the requested number: nothing to do
            int ret = drv == null ? -2 : 0;
            dev.deviceLock.unlock();
            cur().leave("sriov_numvfs_store");
            return ret;
        }
        boolean locks = features().numvfsStoreLocks();
        if (locks) {
            // a5338e365c45: pci_lock_rescan_remove() around sriov_configure()
            cur().pc("lock_rescan");
            k.step("SriovNumvfsStoreLockRescan", k.rescanLock);
            k.rescanLock.lock();
        }
        cur().pc("unlock");
        drv.sriovConfigure(dev, numVfs);
        k.step("SriovNumvfsStoreUnlock");
        if (locks) {
            k.rescanLock.unlock();
        }
        dev.deviceLock.unlock();
        cur().leave("sriov_numvfs_store");
        return 0;
    }

    // --- a hotplug driver ------------------------------------------------------------------------------

    /** The platform hot-unplug handler: pci_stop_and_remove_bus_device_locked() on the device. */
    public void hotplugRemove(PciDev dev) {
        pciStopAndRemoveBusDeviceLocked(dev);
    }

    private PciCoreFeatures features() {
        return k.features;
    }
}
