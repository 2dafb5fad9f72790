package pcilc.ref;

/**
 * drivers/pci/hotplug/s390_pci_hpc.c: the hotplug slot's sysfs "power" attribute (enable_slot for 1,
 * disable_slot for 0), and a holder of a pci_dev reference (a driver, vfio, the network stack) that lets
 * go. Each {@code k.step(...)} is a step point of spec/ZpciLifecycle.tla.
 */
public final class S390PciHpc {
    public static final int ENODEV = 19;
    public static final int EIO = 5;
    public static final int EBUSY = 16;

    private final ZpciKernel k;
    private final ZpciModel.Features d;
    private final Zpci zpci;

    S390PciHpc(ZpciKernel k) {
        this.k = k;
        this.d = k.model.features();
        this.zpci = k.zpci;
    }

    private static Task cur() {
        return Task.current();
    }

    private static Frame.Z withPdev(Frame.Z z, int pdev) {
        return new Frame.Z(z.zdev(), z.ref(), pdev, z.pec(), z.fh());
    }

    /**
     * The write to .../slots/&lt;fid&gt;/power: the store handler of the registered slot runs with an active
     * reference on the file; no slot registered: no file, nothing happens.
     */
    private ZpciDev powerEntry(String fid, String unlockedPc) {
        ZpciDev zdev = zpci.slotZdev(fid);
        if (zdev != null) {
            zdev.hotplugSlot.power.getActive(cur());
            cur().pc(k.model.features().stateLock() ? "lock" : unlockedPc);
            cur().z(z -> new Frame.Z(zdev.inst, z.ref(), z.pdev(), z.pec(), z.fh()));
        }
        return zdev;
    }

    private void powerExit(ZpciDev zdev, String proc) {
        zdev.hotplugSlot.power.putActive(cur());
        cur().leave(proc);
    }

    /** echo 0 > power: disable_slot(). */
    public int disableSlot(String fid) {
        cur().enter("disable_slot", fid, Frame.Z.NONE);
        k.step("DisableSlot");
        ZpciDev zdev = powerEntry(fid, "check");
        if (zdev == null) {
            cur().leave("disable_slot");
            return -ENODEV;
        }
        if (!k.model.features().stateLock()) {
            return disableSlotUnlocked(zdev, fid);
        }
        k.step("DisableSlotLock", zdev.stateLock);
        zdev.stateLock.lock();
        cur().pc("check");
        k.step("DisableSlotCheck");
        int rc;
        PciDev pdev = null;
        boolean unlocked = false;
        if (zdev.state != ZpciState.CONFIGURED) {
            rc = -EIO;
            cur().pc("unlock");
        } else {
            pdev = zpci.pciGetSlot(fid);
            if (pdev != null) {
                cur().z(z -> withPdev(z, 1));
            }
            cur().pc("busy");
            k.step("DisableSlotBusy");
            cur().pc("out");
            if (pdev != null && pdev.isPhysfn() && pdev.numVfs > 0) {
                rc = -EBUSY;
                if (d.dupPut()) {
                    // before 05a2538f2b48: pci_dev_put() here, and again at "out"
                    cur().z(z -> withPdev(z, 2));
                    k.pci.pciDevPut(pdev);
                }
            } else {
                rc = zpci.zpciDeconfigureDevice(zdev);
            }
            // out:
            k.step("DisableSlotOut");
            if (d.putBeforeUnlock()) {
                // 47c397844869: the put while state_lock keeps the zdev from being reserved
                cur().pc("unlock");
                if (pdev != null) {
                    cur().z(z -> withPdev(z, 0));
                    k.pci.pciDevPut(pdev);
                }
            } else {
                zdev.stateLock.unlock();
                unlocked = true;
                cur().pc("put");
            }
        }
        if (!unlocked) {
            k.step("DisableSlotUnlock");
            zdev.stateLock.unlock();
            if (d.putBeforeUnlock()) {
                powerExit(zdev, "disable_slot");
                return rc;
            }
            cur().pc("put");
        }
        // before 47c397844869: pci_dev_put() after mutex_unlock(state_lock)
        k.step("DisableSlotPut");
        if (pdev != null) {
            cur().pc("return");
            cur().z(z -> withPdev(z, 0));
            k.pci.pciDevPut(pdev);
            k.step("DisableSlotReturn");
        }
        powerExit(zdev, "disable_slot");
        return rc;
    }

    /**
     * disable_slot() before bcb5d6c76903 (6.1.y): no state_lock; -EIO unless CONFIGURED; pci_get_slot(); a PF
     * with VFs: pci_dev_put(), -EBUSY; otherwise pci_dev_put() and then return zpci_deconfigure_device().
     */
    private int disableSlotUnlocked(ZpciDev zdev, String fid) {
        k.step("DisableSlotCheck");
        if (zdev.state != ZpciState.CONFIGURED) {
            powerExit(zdev, "disable_slot");
            return -EIO;
        }
        PciDev pdev = zpci.pciGetSlot(fid);
        if (pdev != null) {
            cur().z(z -> withPdev(z, 1));
        }
        cur().pc("busy");
        k.step("DisableSlotPdevPut");
        boolean busy = pdev != null && pdev.isPhysfn() && pdev.numVfs > 0;
        cur().pc(busy ? "return" : "deconfigure");
        if (pdev != null) {
            cur().z(z -> withPdev(z, 0));
            k.pci.pciDevPut(pdev);
        }
        int rc = -EBUSY;
        if (!busy) {
            k.step("DisableSlotDeconfigure");
            cur().pc("return");
            rc = zpci.zpciDeconfigureDevice(zdev);
        }
        k.step("DisableSlotReturn");
        powerExit(zdev, "disable_slot");
        return rc;
    }

    /** enable_slot()'s body: require STANDBY, sclp_pci_configure(), CONFIGURED, the scan; 0 or -EIO. */
    private int configureAndScan(ZpciDev zdev, String fid) {
        k.step("EnableSlotConfigure");
        if (zdev.state != ZpciState.STANDBY || !k.platform.sclpConfigure(fid)) {
            return -EIO;
        }
        zdev.state = ZpciState.CONFIGURED;
        cur().pc("scan");
        k.step("EnableSlotScan");
        zpci.zpciScanConfiguredDevice(zdev, zdev.fh);
        return 0;
    }

    /** echo 1 > power: enable_slot(): require STANDBY; sclp_pci_configure(); CONFIGURED; scan. */
    public int enableSlot(String fid) {
        cur().enter("enable_slot", fid, Frame.Z.NONE);
        k.step("EnableSlot");
        ZpciDev zdev = powerEntry(fid, "configure");
        if (zdev == null) {
            cur().leave("enable_slot");
            return -ENODEV;
        }
        if (!k.model.features().stateLock()) {
            // before bcb5d6c76903 (6.1.y): no state_lock; the failures return at once, the scan is a tail call
            int rc = configureAndScan(zdev, fid);
            powerExit(zdev, "enable_slot");
            return rc;
        }
        k.step("EnableSlotLock", zdev.stateLock);
        zdev.stateLock.lock();
        cur().pc("configure");
        int rc = configureAndScan(zdev, fid);
        cur().pc("unlock");
        k.step("EnableSlotUnlock");
        zdev.stateLock.unlock();
        powerExit(zdev, "enable_slot");
        return rc;
    }

    /** Someone holding the function's pci_dev (a driver, vfio, the network stack) lets go: pci_dev_put(). */
    public void pdevHolder(String fid) {
        PciDev pdev = k.device(fid);
        cur().enter("pdev_holder", fid, new Frame.Z(0, false, 1, "none"));
        k.step("PciDevPut");
        cur().leave("pdev_holder");  // tail call
        k.pci.pciDevPut(pdev);
    }
}
