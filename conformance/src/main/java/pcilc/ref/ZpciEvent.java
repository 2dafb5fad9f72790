package pcilc.ref;

/**
 * arch/s390/pci/pci_event.c: the availability-event handler (zpci_event_availability, run for each event
 * the platform raised), and the firmware that raises the events (the platform's side, a thread of the
 * spec). Each {@code k.step(...)} is a step point of spec/ZpciLifecycle.tla.
 */
public final class ZpciEvent {
    private final ZpciKernel k;
    private final ZpciModel.Features d;
    private final Zpci zpci;
    private final Platform platform;
    /** The handler's wait for an event (and, in Block v3, the rescan lock it takes first). */
    private final Lockable[] eventGuards;
    /** Free-running, the handler also wakes up to end when the firmware has gone. */
    private final Lockable[] freeGuards;
    /** The firmware's wait for a platform state in which it can raise an event. */
    private final WaitCondition canRaise;
    /** zpci_create_device()'s kzalloc: the model's memory has a free instance. */
    private final WaitCondition memory;

    ZpciEvent(ZpciKernel k) {
        this.k = k;
        this.d = k.model.features();
        this.zpci = k.zpci;
        this.platform = k.platform;
        WaitCondition pending = new WaitCondition("an availability event", platform::eventPending);
        this.eventGuards = d.blockFix() ? new Lockable[] {pending, k.rescanLock} : new Lockable[] {pending};
        WaitCondition pendingOrGone = new WaitCondition("an availability event or the firmware gone",
                () -> platform.eventPending() || platform.firmwareHasGone());
        this.freeGuards = d.blockFix() ? new Lockable[] {pendingOrGone, k.rescanLock} : new Lockable[] {pendingOrGone};
        this.canRaise = new WaitCondition("a platform state change", platform::canRaise);
        this.memory = new WaitCondition("kzalloc(zpci_dev)", k::hasFreeInstance);
    }

    private static Task cur() {
        return Task.current();
    }

    // --- the firmware ------------------------------------------------------------------------------------

    /**
     * The firmware: changes a function's platform state and raises the event, while the model allows events.
     * Under the step scheduler the step's parameters f, pec and s are the scheduler's choice; free-running
     * (Lincheck) it raises the design's scripted events ({@link ZpciKernel#scriptedEvents()}) in order, each
     * once the platform allows it, and gives up when no one is left who could change the platform state.
     */
    void firmware() {
        Task me = cur();
        java.util.Iterator<String[]> script = k.scriptedEvents().iterator();
        while (platform.eventsLeft() > 0) {
            if (me.controlled()) {
                k.step("FirmwareEvent", canRaise);
                String f = me.choose("f", null);
                String pec = me.choose("pec", null);
                String s = me.choose("s", null);
                if (f == null || pec == null || s == null) {
                    throw new IllegalStateException("FirmwareEvent needs the parameters f, pec and s");
                }
                platform.raise(f, pec, ZpciState.bySpecName(s));
                continue;
            }
            if (!script.hasNext()) {
                break;
            }
            String[] ev = script.next();
            ZpciState to = ZpciState.bySpecName(ev[2]);
            WaitCondition allowed = new WaitCondition("the platform allows " + ev[1] + " on " + ev[0],
                    () -> platform.next(ev[0], ev[1]).contains(to) || k.quiescentExceptFirmware());
            k.step("FirmwareEvent", allowed);
            if (!platform.next(ev[0], ev[1]).contains(to)) {
                break;  // nobody left who could change the platform state: give up
            }
            platform.raise(ev[0], ev[1], to);
        }
        platform.firmwareGone();
    }

    // --- the event handler -------------------------------------------------------------------------------

    /**
     * The handler thread: zpci_event_availability() for each event, until no event can come (free-running:
     * the firmware has gone and nothing is queued).
     */
    void handler() {
        Task me = cur();
        Lockable[] guards = me.controlled() ? eventGuards : freeGuards;
        while (!platform.drained()) {
            k.step("ZpciEventAvailability", guards);
            if (!platform.eventPending()) {
                return;
            }
            Platform.Event ev = platform.takeEvent();
            zpciEventAvailability(ev.fid(), ev.pec(), ev.fh());
            platform.eventDone();
        }
    }

    /** __zpci_event_availability(). Block v3 takes the rescan lock first and holds it throughout. */
    void zpciEventAvailability(String fid, String pec, ZpciFh fh) {
        if (d.blockFix()) {
            k.rescanLock.lock();
            cur().enter("zpci_event_availability", fid, new Frame.Z(0, false, 0, pec, fh));
            cur().pc("get");
            k.step("ZpciEventGetZdev");
        } else {
            cur().enter("zpci_event_availability", fid, new Frame.Z(0, false, 0, pec, fh));
        }
        ZpciDev zdev = zpci.getZdevByFid(fid);
        cur().z(z -> new Frame.Z(zdev == null ? 0 : zdev.inst, zdev != null, 0, pec, fh));
        boolean stateLock = k.model.features().stateLock();  // bcb5d6c76903; 6.1.y has none
        if (zdev != null && stateLock) {
            cur().pc("state_lock");
            k.step("ZpciEventStateLock", zdev.stateLock);
            zdev.stateLock.lock();
        }
        cur().pc("switch");
        boolean creates = zdev == null && (pec.equals("0x0301") || pec.equals("0x0302"));
        k.step("ZpciEventSwitch", creates ? new Lockable[] {memory} : new Lockable[0]);
        ZpciDev scan = null;
        switch (pec) {
            case "0x0301" -> {  // configured
                if (zdev == null) {
                    scan = createAndAdd(fid, fh, ZpciState.CONFIGURED, "scan");
                } else {
                    if (zdev.state == ZpciState.RESERVED) {
                        zpci.zpciEventReappear(zdev);
                    }
                    if (zdev.state == ZpciState.STANDBY) {
                        zdev.state = ZpciState.CONFIGURED;
                        cur().pc("scan");
                        scan = zdev;
                    } else {
                        cur().pc("unlock");  // the configuration request may be stale
                    }
                }
            }
            case "0x0302" -> {  // reserved -> standby
                if (zdev == null) {
                    createAndAdd(fid, fh, ZpciState.STANDBY, "unlock");
                } else {
                    if (zdev.state == ZpciState.RESERVED) {
                        zpci.zpciEventReappear(zdev);
                    }
                    zdev.fh = fh;  // zpci_update_fh(zdev, ccdf->fh)
                    cur().pc("unlock");
                }
            }
            case "0x0303" -> {  // deconfiguration requested
                cur().pc("unlock");
                if (zdev != null && zdev.state == ZpciState.CONFIGURED) {
                    zdev.fh = fh;  // zpci_update_fh(zdev, ccdf->fh)
                    zpci.zpciDeconfigureDevice(zdev);
                }
            }
            case "0x0304" -> {  // configured -> standby|reserved
                if (zdev == null) {
                    cur().pc("unlock");
                } else {
                    cur().pc("hard_deconfigured");
                    if (zdev.state == ZpciState.CONFIGURED) {
                        zdev.fh = fh;  // zpci_event_hard_deconfigured(): zpci_update_fh(zdev, ccdf->fh)
                        zpci.zpciBusRemoveDevice(zdev);
                    }
                    zpciEventHardDeconfigured(zdev);
                }
            }
            case "0x0306" -> {  // 0x0308 or 0x0302 for multiple devices
                cur().pc("remove_reserved");
                zpciRemoveReservedDevices();
                zpciScanDevices();
            }
            case "0x0308" -> {  // standby -> reserved
                cur().pc("unlock");
                if (zdev != null) {
                    zpci.zpciDeviceReserved(zdev);
                }
            }
            default -> throw new IllegalArgumentException("unknown PEC " + pec);
        }
        if (scan != null) {
            k.step("ZpciEventScan");
            zpci.zpciScanConfiguredDevice(scan, fh);
            cur().pc("unlock");
        }
        k.step("ZpciEventUnlock");
        if (zdev != null) {
            if (stateLock) {
                zdev.stateLock.unlock();
            }
            if (d.blockFix()) {
                cur().pc("done");
                cur().z(z -> new Frame.Z(0, false, 0, z.pec(), z.fh()));
                zpci.zpciZdevPut(zdev);
            } else {
                cur().leave("zpci_event_availability");  // tail call
                zpci.zpciZdevPut(zdev);
                return;
            }
        } else if (d.blockFix()) {
            cur().pc("done");
        }
        if (d.blockFix()) {
            k.step("ZpciEventDone");
            k.rescanLock.unlock();
        }
        cur().leave("zpci_event_availability");
    }

    /**
     * 0x0306: zpci_remove_reserved_devices(): each listed, live STANDBY zdev whose function the platform has
     * RESERVED (clp_get_state) leaves zpci_list and goes to zpci_device_reserved(), lowest instance first, one
     * per step (the spec's ZpciRemoveReservedDevices). zpci_device_reserved() runs without its state_lock.
     */
    private void zpciRemoveReservedDevices() {
        while (true) {
            k.step("ZpciRemoveReservedDevices");
            ZpciDev zdev = null;
            for (ZpciDev z : k.instances()) {
                if (z != null && zpci.listed(z) && z.phase().equals("live") && z.state == ZpciState.STANDBY
                        && platform.clpGetState(z.fid) == ZpciState.RESERVED) {
                    zdev = z;
                    break;
                }
            }
            if (zdev == null) {
                cur().pc("clp_list");
                return;
            }
            zdev.state = ZpciState.RESERVED;
            zpci.listDelLocked(zdev);  // list_move_tail(&zdev->entry, &remove)
            zpci.zpciZdevPut(zdev);   // zpci_device_reserved(): the platform's reference
        }
    }

    /** The model's functions in FID order (the spec's FidOrder): the order of the CLP LIST entries. */
    private java.util.List<String> fidOrder() {
        return java.util.stream.Stream.of("PF", "VF", "VF2").filter(k.model.fids()::contains).toList();
    }

    /** __clp_add() creates a zdev for {@code fid}: it has a vendor id (not RESERVED) and no zdev on zpci_list. */
    boolean clpAddCreates(String fid) {
        return platform.clpGetState(fid) != ZpciState.RESERVED && !zpci.onList(fid);
    }

    /**
     * zpci_scan_devices(): clp_scan_pci_devices() calls __clp_add() for each entry of the CLP list (a zdev for
     * each function without one, on the scan list; before 42420c50c68f a failed zpci_create_device()'s ERR_PTR
     * goes on the list: list_add_tail() writes through it), then zpci_add_devices() and zpci_bus_scan_busses().
     */
    private void zpciScanDevices() {
        k.step("ZpciScanDevices");
        cur().pc("add_devices");
        java.util.List<ZpciDev> scanList = new java.util.ArrayList<>();
        for (String f : fidOrder()) {
            cur().enter("__clp_add", f, Frame.Z.NONE);
            k.step("ClpAdd");
            if (clpAddCreates(f)) {
                String a = cur().choose("a", k.model.createDeviceCanFail() ? "fail" : "ok");
                if (a.equals("ok")) {
                    ZpciState st = platform.clpGetState(f) == ZpciState.CONFIGURED ? ZpciState.CONFIGURED : ZpciState.STANDBY;
                    scanList.add(zpci.zpciCreateDevice(f, platform.currentFh(f), st));
                } else if (!a.equals("fail") || !k.model.createDeviceCanFail()) {
                    throw new IllegalStateException("zpci_create_device() cannot answer " + a);
                } else if (!k.model.features().createDeviceErrChecked()) {
                    k.warn("errptr");  // list_add_tail(&zdev->entry, scan_list) on ERR_PTR(rc)
                }
            }
            cur().leave("__clp_add");
        }
        while (true) {
            k.step("ZpciAddDevices");
            if (scanList.isEmpty()) {
                break;
            }
            ZpciDev next = scanList.get(0);
            for (ZpciDev z : scanList) {
                if (z.inst < next.inst) {
                    next = z;
                }
            }
            scanList.remove(next);
            zpci.zpciAddDevice(next);
        }
        cur().pc("scan_busses");
        k.step("ZpciBusScanBusses");
        cur().pc("unlock");
    }

    /** zpci_create_device() + zpci_add_device() for a FID not on the list; the handler continues at {@code then}. */
    private ZpciDev createAndAdd(String fid, ZpciFh fh, ZpciState state, String then) {
        ZpciDev zdev = zpci.zpciCreateDevice(fid, fh, state);
        cur().z(z -> new Frame.Z(zdev.inst, z.ref(), z.pdev(), z.pec(), z.fh()));
        cur().pc(then);
        zpci.zpciAddDevice(zdev);
        return zdev;
    }

    /**
     * zpci_event_hard_deconfigured() continued: zpci_disable_device(), STANDBY; if the platform already
     * reserved the function (clp_get_state), zpci_device_reserved().
     */
    private void zpciEventHardDeconfigured(ZpciDev zdev) {
        k.step("ZpciEventHardDeconfigured");
        cur().pc("unlock");
        if (platform.clpGetState(zdev.fid) == ZpciState.RESERVED && zdev.state != ZpciState.RESERVED) {
            zpci.zpciDeviceReserved(zdev);
        } else if (zdev.state == ZpciState.CONFIGURED) {
            zdev.state = ZpciState.STANDBY;
        }
    }
}
