package pcilc.ref;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The s390 zPCI function lifecycle in arch/s390/pci/pci.c and pci_bus.c: zpci_list, get_zdev_by_fid,
 * zpci_zdev_put and zpci_release_device, zpci_create_device/zpci_add_device, scanning and removing the
 * function's pci_dev, zpci_deconfigure_device, zpci_device_reserved, pcibios_release_device. The code
 * differs between designs where the model's {@link ZpciModel.Features} are asked. Each {@code k.step(...)} is a
 * step point carrying the name of the spec action (spec/ZpciLifecycle.tla) that starts there; the
 * {@code cur().enter/pc/z/leave} calls keep the task's shadow call stack.
 */
public final class Zpci {
    private final ZpciKernel k;
    private final ZpciModel.Features d;
    /** zpci_list, under the spinlock zpci_list_lock. */
    final List<ZpciDev> zpciList = new ArrayList<>();
    final ReentrantLock zpciListLock = new ReentrantLock();
    /** zpci_add_remove_lock (774a1fa880bc). */
    public final Mutex addRemoveLock = new Mutex("zpci_add_remove_lock");

    private static final Lockable[] NONE = {};

    Zpci(ZpciKernel k) {
        this.k = k;
        this.d = k.model.features();
    }

    private static Task cur() {
        return Task.current();
    }

    private Lockable[] rescanIf(boolean takes) {
        return takes ? new Lockable[] {k.rescanLock} : NONE;
    }

    private static Frame.Z on(ZpciDev zdev) {
        return new Frame.Z(zdev == null ? 0 : zdev.inst, false, 0, "none");
    }

    // --- zpci_list -------------------------------------------------------------------------------------

    /** get_zdev_by_fid(): the listed zdev of the FID with a reference taken, or null. */
    ZpciDev getZdevByFid(String fid) {
        zpciListLock.lock();
        try {
            for (ZpciDev zdev : zpciList) {
                if (zdev.fid.equals(fid)) {
                    zdev.kref.get();
                    return zdev;
                }
            }
            return null;
        } finally {
            zpciListLock.unlock();
        }
    }

    boolean listed(ZpciDev zdev) {
        zpciListLock.lock();
        try {
            return zpciList.contains(zdev);
        } finally {
            zpciListLock.unlock();
        }
    }

    private void listDel(ZpciDev zdev) {
        zpciList.remove(zdev);
    }

    /** list_del (or list_move_tail to a local list) under zpci_list_lock. */
    void listDelLocked(ZpciDev zdev) {
        zpciListLock.lock();
        listDel(zdev);
        zpciListLock.unlock();
    }

    /** A zdev of the FID is on zpci_list (get_zdev_by_fid() then zpci_zdev_put(), which is never the last). */
    boolean onList(String fid) {
        zpciListLock.lock();
        try {
            for (ZpciDev zdev : zpciList) {
                if (zdev.fid.equals(fid)) {
                    return true;
                }
            }
            return false;
        } finally {
            zpciListLock.unlock();
        }
    }

    // --- zpci_zdev_put, zpci_release_device -------------------------------------------------------------

    /**
     * zpci_zdev_put(): zpci_add_remove_lock (774a1fa880bc) around kref_put_lock(&zdev->kref,
     * zpci_release_device, &zpci_list_lock). Block v3: lockdep_assert_held(pci_rescan_remove_lock).
     */
    public void zpciZdevPut(ZpciDev zdev) {
        boolean locked = d.addRemoveLocked();
        cur().enter("zpci_zdev_put", zdev.fid, new Frame.Z(zdev.inst, true, 0, "none"));
        k.step("ZpciZdevPut", locked ? new Lockable[] {addRemoveLock} : NONE);
        if (d.blockFix() && k.rescanLock.owner() != cur()) {
            k.warn("lockdep");
        }
        if (locked) {
            addRemoveLock.lock();
        }
        cur().pc("put");
        k.step("ZpciZdevPutKref");
        if (zdev.kref.putLock(zpciListLock)) {
            // the reference this frame owned is gone; the release runs with zpci_list_lock held
            cur().pc("unlock");
            cur().z(z -> Frame.Z.NONE);
            zpciReleaseDevice(zdev);
            k.step("ZpciZdevPutUnlock");
        }
        if (locked) {
            addRemoveLock.unlock();
        }
        cur().leave("zpci_zdev_put");
    }

    /**
     * zpci_release_device(), the kref release, entered with zpci_list_lock held: list_del (4b1815a52d7e),
     * WARN_ON(state != RESERVED) (c4a585e952ca), zpci_exit_slot (6ee600bfbe0f), the bus resources under the
     * rescan lock (not in Block v3: the caller holds it), zpci_destroy_iommu, kfree_rcu.
     */
    private void zpciReleaseDevice(ZpciDev zdev) {
        ZpciModel.Features f = k.model.features();
        cur().enter("zpci_release_device", zdev.fid, on(zdev));
        SysfsAttr power = zdev.hotplugSlot.power;
        if (f.oldRelease()) {
            // 6.1.y: kref_put() without zpci_list_lock (the list lock taken by putLock protects nothing here)
            zpciListLock.unlock();
            zpciReleaseDeviceOld(zdev);
        } else {
            listDel(zdev);
            zpciListLock.unlock();
            if (zdev.state != ZpciState.RESERVED) {
                k.warn("release-not-reserved");
            }
        }
        if (f.exitSlotAtRelease()) {
            k.step("ZpciReleaseDevice", power.drained);
            zpciExitSlot(zdev);
        }
        cur().pc("cleanup");
        k.step("ZpciCleanupBusResources", rescanIf(!d.blockFix()));
        if (!d.blockFix()) {
            // zpci_cleanup_bus_resources(), zpci_bus_device_unregister() -> zpci_bus_release()
            k.rescanLock.lock();
            cur().pc("cleanup_unlock");
            k.step("ZpciCleanupBusResourcesUnlock");
            k.rescanLock.unlock();
        }
        cur().pc("iommu");
        k.step("ZpciDestroyIommu");
        zdev.iommuSysfs = false;  // zpci_destroy_iommu(): iommu_device_sysfs_remove()
        zdev.freed = true;        // kfree_rcu(zdev)
        cur().leave("zpci_release_device");
    }

    /**
     * The pre-series zpci_release_device() (before d76f96332967 and c4a585e952ca; 6.1.y): zpci_bus_remove_device();
     * if (zdev_enabled()) zpci_disable_device() (its result ignored); switch (state): CONFIGURED:
     * sclp_pci_deconfigure(); STANDBY (and CONFIGURED): zpci_exit_slot() (before 6ee600bfbe0f), list_del();
     * then (every state) the bus resources. Continues at "exit_slot" (6ee600bfbe0f) or "cleanup".
     */
    private void zpciReleaseDeviceOld(ZpciDev zdev) {
        ZpciModel.Features f = k.model.features();
        k.step("ZpciReleaseDeviceBusRemove");
        cur().pc("disable");
        zpciBusRemoveDevice(zdev);
        k.step("ZpciReleaseDeviceDisable");
        // if (zdev->dma_table) zpci_dma_exit_device(zdev): its result ignored; the table stays on -EIO
        if (dmaModelled() && !zdev.dmaTable.equals("none") && !dmaExitFails(zdev)) {
            zdev.dmaTable = "none";
        }
        String a = disableAnswer(zdev);
        switch (a) {
            case "success" -> zdev.fh = k.platform.clpDisabled(zdev.fid);
            case "already" -> zdev.fh = k.platform.currentFh(zdev.fid);  // clp_refresh_fh()
            default -> { }  // "none", "fail": the result is ignored
        }
        cur().pc("state");
        boolean configuredOrStandby = zdev.state == ZpciState.CONFIGURED || zdev.state == ZpciState.STANDBY;
        boolean exits = configuredOrStandby && !f.exitSlotAtRelease();
        SysfsAttr power = zdev.hotplugSlot.power;
        k.step("ZpciReleaseDeviceState", exits ? new Lockable[] {power.drained} : NONE);
        if (zdev.state == ZpciState.CONFIGURED) {
            k.platform.sclpDeconfigure(zdev.fid);  // rc ignored
        }
        if (exits) {
            zpciExitSlot(zdev);
        }
        if (configuredOrStandby) {
            listDelLocked(zdev);
        }
        cur().pc(f.exitSlotAtRelease() ? "exit_slot" : "cleanup");
    }

    /**
     * zpci_exit_slot() → pci_hp_deregister(): the slot's sysfs files go; removing "power" waits for the
     * handlers of other tasks running in it. A task running in it itself deletes the directory it runs in.
     */
    private void zpciExitSlot(ZpciDev zdev) {
        ZpciDev.HotplugSlot slot = zdev.hotplugSlot;
        slot.power.drain();
        if (slot.power.activeBy(cur())) {
            k.warn("selfdelete");
        }
        slot.registered = false;
        slot.deregistrations++;
    }

    /**
     * pcibios_release_device(): the pci_dev is freed (pci_release_dev) and drops its zdev reference.
     * Block v3 takes the rescan lock around the put.
     */
    void pcibiosReleaseDevice(PciDev pdev) {
        cur().enter("pcibios_release_device", pdev);
        k.step("PcibiosReleaseDevice", rescanIf(d.blockFix()));
        ZpciDev zdev = (ZpciDev) pdev.sysdata;
        pdev.sysdata = null;
        pdev.driver = null;
        if (d.blockFix()) {
            k.rescanLock.lock();
            cur().pc("unlock");
            zpciZdevPut(zdev);
            k.step("PcibiosReleaseDeviceUnlock");
            k.rescanLock.unlock();
            cur().leave("pcibios_release_device");
        } else {
            cur().leave("pcibios_release_device");  // tail call
            zpciZdevPut(zdev);
        }
    }

    // --- zpci_create_device, zpci_add_device -------------------------------------------------------------

    /** zpci_create_device(): kzalloc, FID, function handle and state as given; the caller adds it. */
    ZpciDev zpciCreateDevice(String fid, ZpciFh fh, ZpciState state) {
        ZpciDev zdev = k.kzallocZdev(fid, state);
        zdev.fh = fh;
        return zdev;
    }

    /**
     * zpci_add_device(): zpci_add_remove_lock (774a1fa880bc); zpci_init_iommu; zpci_bus_device_register,
     * zpci_init_slot; kref_init; list_add_tail under zpci_list_lock; unlock.
     */
    void zpciAddDevice(ZpciDev zdev) {
        boolean locked = d.addRemoveLocked();
        cur().enter("zpci_add_device", zdev.fid, on(zdev));
        k.step("ZpciAddDevice", locked ? new Lockable[] {addRemoveLock} : NONE);
        if (locked) {
            addRemoveLock.lock();
            cur().pc("iommu");
            k.step("ZpciInitIommu");
        }
        zdev.iommuSysfs = true;  // zpci_init_iommu(): iommu_device_sysfs_add(), the directory named by the FID
        cur().pc("slot");
        k.step("ZpciInitSlot");
        zdev.hotplugSlot.registered = true;  // zpci_bus_device_register(), zpci_init_slot()
        zdev.kref.init();
        zdev.initialized = true;
        zpciListLock.lock();
        zpciList.add(zdev);
        zpciListLock.unlock();
        if (locked) {
            addRemoveLock.unlock();
        }
        cur().leave("zpci_add_device");
    }

    /** The functions present at boot: added as CONFIGURED, the pci_dev scanned (no task: before the model starts). */
    void bootAdd(ZpciDev zdev, PciDev pdev) {
        zdev.iommuSysfs = true;
        zdev.hotplugSlot.registered = true;
        zdev.kref.init();
        zdev.initialized = true;
        zdev.fh = new ZpciFh(1, true);  // enabled at boot with the platform's handle 1
        if (dmaModelled()) {
            zdev.dmaTable = "reg";  // and its DMA table set up, the IOAT registered
        }
        zpciList.add(zdev);
        zdev.kref.get();  // pcibios_device_add()
        pdev.sysdata = zdev;
    }

    // --- the function's pci_dev -----------------------------------------------------------------------------

    /**
     * zpci_scan_configured_device(zdev, fh): zpci_update_fh(); zpci_bus_prepare_device() enables the function if
     * the handle is not enabled (taken to succeed: spec ScanFh); then pci_scan_single_device(): a new pci_dev
     * for the function, unless one is left from before (still referenced or not yet released: the scan then
     * adds nothing, as the spec has it); pcibios_device_add() takes a zdev reference.
     */
    void zpciScanConfiguredDevice(ZpciDev zdev, ZpciFh fh) {
        zdev.fh = fh;  // zpci_update_fh()
        if (!zdev.fh.en()) {
            if (k.platform.qemu()) {
                // QEMU answers the enable (spec QemuEnableOk); a failure: -EIO, nothing scanned
                if (!k.platform.qemuEnable(zdev.fid, zdev.fh)) {
                    return;
                }
                if (dmaModelled()) {
                    zdev.dmaTable = "reg";  // 6.1.y: zpci_dma_init_device() (taken to succeed)
                }
            } else {
                k.platform.clpEnable(zdev.fid, zdev.fh);  // zpci_enable_device()
            }
            zdev.fh = zdev.fh.enabled(true);
        }
        PciDev pdev = k.device(zdev.fid);
        if (pdev.ref.read() != 0 || pdev.sysdata != null) {
            return;
        }
        // the model keeps one pci_dev per function: the new one takes the place of the freed one
        pdev.ref.init();
        pdev.isAdded = true;
        pdev.dead = false;
        pdev.removeCount = 0;
        pdev.sysdata = zdev;
        zdev.kref.get();
    }

    /** 6.1.y's DMA table and IOAT are modelled (before bcb5d6c76903: the spec's DmaModelled). */
    private boolean dmaModelled() {
        return !k.model.features().stateLock();
    }

    /**
     * zpci_dma_exit_device() returns -EIO: the table is still set, its IOAT already deregistered, and the platform
     * answers the deregistration cc 1 (the spec's DmaExitFails).
     */
    private boolean dmaExitFails(ZpciDev zdev) {
        return zdev.dmaTable.equals("dereg") && k.platform.ioatDeregSeen(zdev.fid, zdev.fh);
    }

    /** pci_get_slot(): the function's pci_dev on the bus, with a reference, or null. */
    PciDev pciGetSlot(String fid) {
        PciDev pdev = k.device(fid);
        if (!pdev.isAdded) {
            return null;
        }
        pdev.ref.get();
        return pdev;
    }

    /**
     * zpci_bus_remove_device(): pdev = pci_get_slot(); pci_stop_and_remove_bus_device_locked() (for a VF the
     * kernel's zpci_iov_remove_virtfn() does the same under the rescan lock); pci_dev_put(pdev).
     */
    void zpciBusRemoveDevice(ZpciDev zdev) {
        cur().enter("zpci_bus_remove_device", zdev.fid, on(zdev));
        k.step("ZpciBusRemoveDevice");
        PciDev pdev = pciGetSlot(zdev.fid);
        if (pdev == null) {
            cur().leave("zpci_bus_remove_device");
            return;
        }
        cur().pc("put");
        cur().z(z -> new Frame.Z(z.zdev(), z.ref(), 1, z.pec(), z.fh()));
        k.pci.pciStopAndRemoveBusDeviceLocked(pdev);
        k.step("ZpciBusRemoveDevicePut");
        cur().leave("zpci_bus_remove_device");  // tail call
        k.pci.pciDevPut(pdev);
    }

    /**
     * zpci_deconfigure_device() (state_lock held): if CONFIGURED, remove the pci_dev; zpci_disable_device();
     * sclp_pci_deconfigure() (fails unless the platform still has the function configured); STANDBY.
     */
    int zpciDeconfigureDevice(ZpciDev zdev) {
        cur().enter("zpci_deconfigure_device", zdev.fid, on(zdev));
        k.step("ZpciDeconfigureDevice");
        // before bcb5d6c76903 (6.1.y) no check here: the callers checked CONFIGURED unlocked
        if (zdev.state != ZpciState.CONFIGURED && k.model.features().stateLock()) {
            cur().leave("zpci_deconfigure_device");
            return 0;
        }
        boolean dma = dmaModelled();
        cur().pc(dma ? "dma_exit" : "disable");
        zpciBusRemoveDevice(zdev);
        if (dma) {
            // 6.1.y: if (zdev->dma_table) { rc = zpci_dma_exit_device(zdev); if (rc) return rc; }
            k.step("ZpciDmaExitDevice");
            if (!zdev.dmaTable.equals("none")) {
                // if (zdev_enabled(zdev)) cc = zpci_unregister_ioat(zdev, 0); if (cc && cc != 3) return -EIO;
                if (dmaExitFails(zdev)) {
                    cur().leave("zpci_deconfigure_device");
                    return -5;  // -EIO: QEMU answers cc 1 to an IOAT no longer registered
                }
                zdev.dmaTable = "dereg";
                cur().pc("dma_free");
                k.step("ZpciDmaExitDeviceFree");
                zdev.dmaTable = "none";  // dma_cleanup_tables(); zdev->dma_table = NULL
            }
            cur().pc("disable");
        }
        k.step("ZpciDisableDevice");
        // if (zdev_enabled(zdev)) zpci_disable_device(zdev): the firmware's answer is the step's choice "a"
        String a = disableAnswer(zdev);
        switch (a) {
            case "none" -> { }
            case "success" -> zdev.fh = k.platform.clpDisabled(zdev.fid);
            case "already" -> {
                zdev.fh = k.platform.currentFh(zdev.fid);  // clp_refresh_fh()
                cur().leave("zpci_deconfigure_device");
                return -22;  // -EINVAL
            }
            default -> {  // "fail"
                cur().leave("zpci_deconfigure_device");
                return -5;  // -EIO
            }
        }
        cur().pc("sclp");
        k.step("ZpciDeconfigureDeviceSclp");
        int rc = -5;  // -EIO
        if (k.platform.sclpDeconfigure(zdev.fid)) {
            zdev.state = ZpciState.STANDBY;
            rc = 0;
        }
        cur().leave("zpci_deconfigure_device");
        return rc;
    }

    /**
     * zpci_device_reserved() (state_lock held): idempotent (4b1815a52d7e); RESERVED; the platform's reference
     * goes to zpci_zdev_put(). Before 4b1815a52d7e it also took the zdev off zpci_list.
     */
    void zpciDeviceReserved(ZpciDev zdev) {
        if (zdev.state == ZpciState.RESERVED) {
            return;
        }
        if (!k.model.features().exitSlotAtRelease()) {
            // before 6ee600bfbe0f (6.1.y): zpci_exit_slot(), list_del(), RESERVED, zpci_zdev_put()
            cur().enter("zpci_device_reserved", zdev.fid, on(zdev));
            k.step("ZpciDeviceReserved", zdev.hotplugSlot.power.drained);
            zpciExitSlot(zdev);
            listDelLocked(zdev);
            zdev.state = ZpciState.RESERVED;
            cur().leave("zpci_device_reserved");  // tail call
            zpciZdevPut(zdev);
            return;
        }
        zdev.state = ZpciState.RESERVED;
        if (!d.reuseReserved()) {
            zpciListLock.lock();
            listDel(zdev);
            zpciListLock.unlock();
        }
        zpciZdevPut(zdev);
    }

    /** zpci_event_reappear(): RESERVED → STANDBY, the platform's reference again. */
    void zpciEventReappear(ZpciDev zdev) {
        zdev.state = ZpciState.STANDBY;
        zdev.kref.get();
    }

    /** The zdev whose hotplug slot for the FID is registered (its sysfs directory), or null. */
    ZpciDev slotZdev(String fid) {
        for (ZpciDev zdev : k.instances()) {
            if (zdev != null && zdev.fid.equals(fid) && zdev.hotplugSlot.registered) {
                return zdev;
            }
        }
        return null;
    }

    /** The firmware's answer to zpci_disable_device() with the zdev's handle: the step's choice "a". */
    private String disableAnswer(ZpciDev zdev) {
        List<String> answers = k.platform.disableAnswers(zdev.fid, zdev.fh, k.model.clpStaleDisableAnswers());
        String a = cur().choose("a", k.freeDisableAnswer(answers));
        if (!answers.contains(a)) {
            throw new IllegalStateException("the firmware cannot answer " + a + " to a disable of " + zdev
                    + " (answers " + answers + ")");
        }
        return a;
    }
}
