--------------------------- MODULE ZpciLifecycle ---------------------------
(***************************************************************************)
(* The s390 zPCI function lifecycle (arch/s390/pci/pci.c, pci_event.c,    *)
(* pci_bus.c, drivers/pci/hotplug/s390_pci_hpc.c), composed with the PCI   *)
(* core of module PciCore: one set of PCI-core actions.  A zPCI thread     *)
(* calls into the core (pci_stop_and_remove_bus_device_locked), and the    *)
(* core calls back at the last put of a pci_dev (pcibios_release_device).  *)
(*                                                                         *)
(* Platform side per FID: Standby / Configured / Reserved.  The firmware   *)
(* is a thread of its own: it changes the platform state and queues the   *)
(* availability event (PEC) that the event handler thread processes.      *)
(* Linux side: zpci_dev instances (several per FID can exist in the old   *)
(* designs), their kref, zpci_list membership, state_lock,                 *)
(* zpci_add_remove_lock, hotplug slot, IOMMU sysfs directory; each         *)
(* pci_dev's struct-device reference count and the zdev reference it holds.*)
(*                                                                         *)
(* As in PciCore, a thread runs kernel code as a stack of frames; zPCI     *)
(* frames carry more fields: zdev (the instance the code works on), ref    *)
(* (the frame owns one kref of zdev), pdev (the frame owns a pci_dev        *)
(* reference: 1; 2 = it still has the pointer but already dropped the ref),*)
(* pec (the event being handled).  A zpci_list_lock critical section       *)
(* (get_zdev_by_fid, kref_put_lock's decrement + list_del, list_add) is    *)
(* one atomic step, so the spinlock is not a variable of its own.          *)
(***************************************************************************)
EXTENDS PciCore, Integers

CONSTANTS
    Fids,       \* the zPCI functions, named after their pci_dev ("PF", "VF", "VF2")
    MaxInst,    \* how many zpci_dev instances the model can allocate
    FwFids,     \* the functions whose platform state the firmware changes
    FwPecs,     \* the availability events the firmware may raise
    FwEvents,   \* at most this many platform events (bounds the model)
    ClpStaleDisableAnswers, \* the firmware's answers to a CLP disable with a stale function handle
    \* Whether zpci_create_device() can fail (kzalloc -ENOMEM, or clp_query_pci_fn()
    \* failing): the allocator's and the firmware's choice, not the code's.
    ZpciCreateDeviceCanFail,
    \* 42420c50c68f (v6.15, "s390/pci: Fix missing check for zpci_create_device()
    \* error return"): __clp_add() checks IS_ERR(zdev) before list_add_tail().
    ZpciCreateDeviceErrChecked_42420c50c68f,
    \* The pre-series code (6.1.y: Debian's 6.1.176, the s390x trace lab's kernel) against the
    \* 2024-2025 series (6.12.117), one constant per commit that changed what the modelled paths do;
    \* TRUE in every design on 6.12.117's code, FALSE in linux-6.1.176-s390x.
    \* bcb5d6c76903: zdev->state_lock, taken by the event handler, disable_slot() and
    \* enable_slot(); zpci_deconfigure_device() checks CONFIGURED itself.  FALSE: no state_lock,
    \* the callers check the state unlocked and zpci_deconfigure_device() does not.
    ZpciStateLock_bcb5d6c76903,
    \* 6ee600bfbe0f: the hotplug slot is removed when the zdev is released (zpci_exit_slot() in
    \* zpci_release_device()).  FALSE: zpci_device_reserved() removes it (and the release in STANDBY).
    ZpciExitSlotAtRelease_6ee600bfbe0f,
    \* c4a585e952ca: zpci_release_device() WARN_ONs a zdev not RESERVED and has no switch on the state.
    \* FALSE: the pre-series switch (CONFIGURED: SCLP deconfigure; STANDBY: slot exit, list_del).
    ZpciReleaseOnlyReserved_c4a585e952ca,
    \* d76f96332967: zpci_release_device() no longer removes the pci_dev and disables the function.
    \* FALSE: zpci_bus_remove_device() and zpci_disable_device() first.
    ZpciReleaseNoBusRemoval_d76f96332967,
    \* The platform is QEMU's s390 PCI host (hw/s390x/s390-pci-bus.c), not an abstract firmware:
    \* device_del of a configured function is a deconfigure request (0x0303) that marks it for unplug,
    \* and the SCLP deconfigure of a function so marked unplugs it (0x0308; gone: Reserved); device_del of
    \* a function in standby unplugs it at once (0x0308); device_add raises 0x0301; CLP enable is
    \* answered as QEMU answers it.  FALSE in the designs of the abstract firmware.
    FwQemu,
    \* The rest of the series, one constant per fix (each historical design is the code before its fix;
    \* 42420c50c68f above comes before all of them).
    \* 47c397844869: disable_slot() puts its pdev reference before unlocking state_lock.
    ZpciPutBeforeUnlock_47c397844869,
    \* 4b1815a52d7e: a reserved zdev stays on zpci_list until released (kref_put_lock),
    \* zpci_event_reappear, idempotent zpci_device_reserved.
    ZpciReuseReserved_4b1815a52d7e,
    \* 774a1fa880bc: zpci_add_remove_lock around zpci_add_device and zpci_zdev_put.
    ZpciAddRemoveLock_774a1fa880bc,
    \* 05a2538f2b48: disable_slot() puts the pdev once.  FALSE: its -EBUSY branch puts the pdev, and
    \* "out" puts it again.
    ZpciDisableSlotPutOnce_05a2538f2b48,
    \* Block v3: the rescan lock is outermost: taken by the event handler and by
    \* pcibios_release_device, asserted in zpci_zdev_put, no longer taken in the
    \* release path (zpci_cleanup_bus_resources, zpci_bus_release).
    ZpciRescanLockOutermost_BlockV3

ASSUME Fids \subseteq Devices /\ FwFids \subseteq Fids
ASSUME FwPecs \subseteq {"0x0301", "0x0302", "0x0303", "0x0304", "0x0306", "0x0308"}
ASSUME ZpciCreateDeviceCanFail \in BOOLEAN /\ ZpciCreateDeviceErrChecked_42420c50c68f \in BOOLEAN
ASSUME {ZpciStateLock_bcb5d6c76903, ZpciExitSlotAtRelease_6ee600bfbe0f, ZpciReleaseOnlyReserved_c4a585e952ca,
        ZpciReleaseNoBusRemoval_d76f96332967} \subseteq BOOLEAN
\* The release is the pre-series one (both off) or the series' (both on): no design is between
\* c4a585e952ca and d76f96332967.  The series' release has the slot exit (6ee600bfbe0f came first).
ASSUME ZpciReleaseOnlyReserved_c4a585e952ca = ZpciReleaseNoBusRemoval_d76f96332967
ASSUME ZpciReleaseNoBusRemoval_d76f96332967 => ZpciExitSlotAtRelease_6ee600bfbe0f
\* 6.1.y's 0x0306 (clp_scan_pci_devices(): __clp_add() creates and adds at once) is not modelled:
\* the 0x0306 actions are 6.12.117's.
ASSUME ~ZpciStateLock_bcb5d6c76903 => "0x0306" \notin FwPecs
ASSUME FwQemu \in BOOLEAN /\ (FwQemu => FwPecs \subseteq {"0x0301", "0x0303", "0x0308"})
ASSUME {ZpciPutBeforeUnlock_47c397844869, ZpciReuseReserved_4b1815a52d7e, ZpciAddRemoveLock_774a1fa880bc,
        ZpciDisableSlotPutOnce_05a2538f2b48, ZpciRescanLockOutermost_BlockV3} \subseteq BOOLEAN
\* What the firmware answers to CLP SET PCI FN (disable) with a function
\* handle it has replaced (Linux has not handled the event that carries the
\* new one): the source does not say, so each answer the code handles is a
\* choice: an error (zpci_disable_device: -EIO), CLP_RC_SETPCIFN_ALRDY
\* ("already disabled": clp_refresh_fh, -EINVAL), or success.
ASSUME ClpStaleDisableAnswers \subseteq {"fail", "already", "success"} /\ ClpStaleDisableAnswers # {}
ZpciThreads == {"firmware", "zpci_event", "power_off", "power_on", "pdev_holder"}
ASSUME Threads \subseteq CoreThreads \cup ZpciThreads

Inst == 1..MaxInst
\* The instance a function starts with.
InstOf(f) == CASE f = "PF" -> 1 [] f = "VF" -> 2 [] f = "VF2" -> 3
ASSUME \A f \in Fids : InstOf(f) <= MaxInst
\* The function the slot power thread and the pdev holder act on.
SlotFid == PF

-----------------------------------------------------------------------------
\* The pre-series zpci_release_device() (before c4a585e952ca and d76f96332967).
OldRelease == ~ZpciReleaseNoBusRemoval_d76f96332967

-----------------------------------------------------------------------------
(* The zPCI state.  Every PCI-core action leaves it unchanged: the cfgs    *)
(* replace PciCore's ext by zVars (CONSTANT ext <- zVars).  Those the      *)
(* kernel does not have:                                                    *)
\* @ghost fwLeft: how many more events the firmware may raise: the model's bound; read only by
\*   FirmwareEvent (the environment), never by kernel code.
\* @ghost slotDeregs: how often pci_hp_deregister() ran on an instance's slot; only the invariant
\*   SlotDeregisteredOnceInv reads it.
\* @ghost warned: the WARN_ONs and lockdep splats seen ("release-not-reserved", "lockdep"), a sysfs
\*   handler deleting its own directory ("selfdelete") and a write through an error pointer ("errptr");
\*   only invariants read it.
\* @ghost phase: the life of an instance's memory (free, new, live, released: kref at 0, freed: after
\*   kfree_rcu); kernel code never tests it (the guards use kref, listed, slot), invariants do.
\* @ghost pstate: the platform's state of a function: firmware, not kernel, state; kernel code reads it
\*   only where the code asks the firmware (clp_get_state, SCLP/CLP answers).
\* @ghost pfh: the platform's current function handle: firmware state, read where the code asks the
\*   firmware (CLP disable/enable answers, clp_refresh_fh).
(* The frame fields ref (the frame owns a kref) and pdev (it owns a pci_dev *)
(* reference) are bookkeeping of who holds what: no step's guard reads     *)
(* them except as the code's own local variables (existing_zdev, pdev).    *)
VARIABLES pstate, queue, fwLeft, zfid, zstate, phase, kref, listed, slot, slotDeregs, iommu,
          stateLock, addRemoveLock, pdevZdev, warned, pfh, zfh, dmaTable
fwVars == <<pstate, queue, fwLeft, pfh>>
zdevVars == <<zfid, zstate, phase, kref, listed, zfh, dmaTable>>
sysfsVars == <<slot, slotDeregs, iommu>>
zlockVars == <<stateLock, addRemoveLock>>
zVars == <<pstate, queue, fwLeft, zfid, zstate, phase, kref, listed, slot, slotDeregs, iommu,
           stateLock, addRemoveLock, pdevZdev, warned, pfh, zfh, dmaTable>>
coreVars == <<stack, lockVars, deviceVars>>
allVars == <<coreVars, zVars>>

States == {"Standby", "Configured", "Reserved"}
\* The platform's states: QEMU's function marked for unplug (device_del of a configured function:
\* unplug_requested) is configured for Linux until its SCLP deconfigure.
PStates == States \cup {"Unplugging"}
PConfigured(f) == pstate[f] \in {"Configured", "Unplugging"}
Pecs == {"0x0301", "0x0302", "0x0303", "0x0304", "0x0306", "0x0308"}
\* dmaTable[i]: 6.1.y's zdev->dma_table and the IOAT the platform has registered for it (zpci_dma_init_device()
\* registers it, zpci_dma_exit_device() deregisters it, then frees the table): "none" (dma_table NULL), "reg"
\* (set, IOAT registered), "dereg" (still set, the IOAT already deregistered: by this thread, which frees
\* the table next, or by another, whose exit this one overlaps).  Only the code before bcb5d6c76903 has it
\* in the model (DmaModelled): with the state_lock no two zpci_dma_exit_device() of a zdev overlap (both
\* callers hold it and zpci_deconfigure_device() checks CONFIGURED), so there it is always "none".
DmaStates == {"none", "reg", "dereg"}
DmaModelled == ~ZpciStateLock_bcb5d6c76903
\* QEMU's answer (FwQemu) to zpci_unregister_ioat(): MPCIFC DEREG IOAT with zdev->fh (mpcifc_service_call).
\* A handle it does not have, or of a function not enabled: cc 3 (ZPCI_PCI_LS_INVAL_HANDLE), which
\* zpci_dma_exit_device() accepts ("the function is gone already"); an IOAT not registered: cc 1
\* (ZPCI_PCI_LS_ERR, status ZPCI_MOD_ST_SEQUENCE): -EIO.  zdev_enabled(zdev) false: no deregistration.
DmaExitFails(f, i) == zfh[i].en /\ zfh[i] = pfh[f] /\ pstate[f] # "Reserved" /\ dmaTable[i] = "dereg"

\* A zPCI frame has these fields; a PCI-core frame only proc, pc, dev.
IsZFrame(fr) == "ref" \in DOMAIN fr
\* A function handle (u32 fh): which of the platform's handles of the function
\* it is (gen: the firmware hands out a new one at 0x0301 and 0x0304) and its
\* enable bit (zdev_enabled(): bit 31).  NoFh is a zero handle (kzalloc).
Fh(g, e) == [gen |-> g, en |-> e]
NoFh == Fh(0, FALSE)
ZFrame(proc, pc, dev, z) == [proc |-> proc, pc |-> pc, dev |-> dev, zdev |-> z, ref |-> FALSE, pdev |-> 0, pec |-> "none",
                             fh |-> NoFh]

ZTypeOK ==
    /\ pstate \in [Fids -> PStates]
    /\ queue \in Seq(Fids \X Pecs \X [gen : Nat, en : BOOLEAN])
    /\ pfh \in [Fids -> [gen : Nat, en : BOOLEAN]]
    /\ zfh \in [Inst -> [gen : Nat, en : BOOLEAN]]
    /\ fwLeft \in Nat
    /\ zfid \in [Inst -> Fids \cup {"none"}]
    /\ zstate \in [Inst -> States]
    /\ phase \in [Inst -> {"free", "new", "live", "released", "freed"}]
    /\ kref \in [Inst -> Int]
    /\ listed \in [Inst -> BOOLEAN]
    /\ slot \in [Inst -> BOOLEAN]
    /\ slotDeregs \in [Inst -> Nat]
    /\ iommu \in [Inst -> BOOLEAN]
    /\ stateLock \in [Inst -> Threads \cup {NoOwner}]
    /\ addRemoveLock \in Threads \cup {NoOwner}
    /\ pdevZdev \in [Devices -> Inst \cup {0}]
    /\ rescanLock \in [owner : Threads \cup {NoOwner}, depth : Nat]
    /\ pdevRef \in [Devices -> Int]
    /\ dmaTable \in [Inst -> DmaStates]

ZInit ==
    /\ stack = [t \in Threads |->
         CASE t \in CoreThreads  -> << Frame(Task[t].proc, "entry", Task[t].dev) >>
           [] t = "power_off"    -> << ZFrame("disable_slot", "entry", SlotFid, 0) >>
           [] t = "power_on"     -> << ZFrame("enable_slot", "entry", SlotFid, 0) >>
           [] t = "pdev_holder"  -> << [ZFrame("pdev_holder", "entry", SlotFid, 0) EXCEPT !.pdev = 1] >>
           [] OTHER              -> << >>]
    /\ rescanLock = [owner |-> NoOwner, depth |-> 0]
    /\ rescanWarned = FALSE
    /\ deviceLock = [d \in Devices |-> NoOwner]
    \* The PF has a driver (unbind, sriov_numvfs act on it); the VFs have none.
    /\ bound = [d \in Devices |-> d = PF /\ d \in Fids]
    /\ dead = [d \in Devices |-> FALSE]
    /\ added = [d \in Devices |-> d \in Fids]
    /\ removeCount = [d \in Devices |-> 0]
    /\ numVfs = IF VFSet \subseteq Fids THEN VFs ELSE 0
    \* The bus's reference, and the holder's (a driver, vfio or the network stack).
    /\ pdevRef = [d \in Devices |-> IF d \in Fids
                                     THEN 1 + (IF "pdev_holder" \in Threads /\ d = SlotFid THEN 1 ELSE 0)
                                     ELSE 0]
    /\ pstate = [f \in Fids |-> "Configured"]
    /\ queue = << >>
    /\ fwLeft = FwEvents
    /\ zfid = [i \in Inst |-> IF \E f \in Fids : InstOf(f) = i THEN CHOOSE f \in Fids : InstOf(f) = i ELSE "none"]
    /\ zstate = [i \in Inst |-> "Configured"]
    /\ phase = [i \in Inst |-> IF zfid[i] # "none" THEN "live" ELSE "free"]
    \* platform presence + the pdev's reference
    /\ kref = [i \in Inst |-> IF zfid[i] # "none" THEN 2 ELSE 0]
    /\ listed = [i \in Inst |-> zfid[i] # "none"]
    /\ slot = [i \in Inst |-> zfid[i] # "none"]
    /\ slotDeregs = [i \in Inst |-> 0]
    /\ iommu = [i \in Inst |-> zfid[i] # "none"]
    /\ stateLock = [i \in Inst |-> NoOwner]
    /\ addRemoveLock = NoOwner
    /\ pdevZdev = [d \in Devices |-> IF d \in Fids THEN InstOf(d) ELSE 0]
    /\ warned = {}
    \* At boot every function is configured and enabled by Linux with handle 1.
    /\ pfh = [f \in Fids |-> Fh(1, TRUE)]
    /\ zfh = [i \in Inst |-> IF zfid[i] # "none" THEN Fh(1, TRUE) ELSE NoFh]
    \* ... and its DMA table set up and the IOAT registered (only where the model has them: DmaModelled).
    /\ dmaTable = [i \in Inst |-> IF zfid[i] # "none" /\ DmaModelled THEN "reg" ELSE "none"]

-----------------------------------------------------------------------------
(* Frame helpers                                                            *)

\* Replace the top frame by f (a step within one function).
Upd(t, f) == stack' = [stack EXCEPT ![t] = Rest(t) \o << f >>]
\* The caller continues as frame f once callee returns.
Push(t, f, callee) == stack' = [stack EXCEPT ![t] = Rest(t) \o << f, callee >>]
\* The top frame is replaced by callee (tail call).
Replace(t, callee) == Upd(t, callee)
Z(t) == Top(t).zdev
PutFrame(i) == [ZFrame("zpci_zdev_put", "entry", zfid[i], i) EXCEPT !.ref = TRUE]

\* pci_dev_put(d) by thread t, whose top frame continues as f; the last put
\* runs pci_release_dev() -> pcibios_release_device().  Its frame is a PCI-core
\* frame [proc, pc, dev], as when PciRemoveBusDevice's put is the last: the
\* hook is called by the PCI core and carries no zPCI frame state.
PdevPutThen(t, d, f) ==
    /\ pdevRef' = [pdevRef EXCEPT ![d] = @ - 1]
    /\ IF pdevRef[d] = 1
       THEN Push(t, f, Frame("pcibios_release_device", "entry", d))
       ELSE Upd(t, f)
\* The same as the function's last statement.
PdevPutReturn(t, d) ==
    /\ pdevRef' = [pdevRef EXCEPT ![d] = @ - 1]
    /\ IF pdevRef[d] = 1
       THEN Replace(t, Frame("pcibios_release_device", "entry", d))
       ELSE Return(t)

\* get_zdev_by_fid(): the listed instance of f, or 0.
Lookup(f) == IF \E i \in Inst : listed[i] /\ zfid[i] = f THEN CHOOSE i \in Inst : listed[i] /\ zfid[i] = f ELSE 0
FreeInst == {i \in Inst : phase[i] = "free"}

\* The platform's side of sclp_pci_deconfigure() of a configured function: standby, disabled; QEMU
\* unplugs a function marked for unplug (Reserved: gone) and raises 0x0308 for it.
SclpDeconfigure(f) ==
    /\ pstate' = [pstate EXCEPT ![f] = IF pstate[f] = "Unplugging" THEN "Reserved" ELSE "Standby"]
    /\ pfh' = [pfh EXCEPT ![f].en = FALSE]
    /\ queue' = IF pstate[f] = "Unplugging" THEN Append(queue, << f, "0x0308", [pfh[f] EXCEPT !.en = FALSE] >>) ELSE queue

\* The firmware's answer to clp_disable_fh() with zdev->fh: "none" when the
\* handle is not enabled (no CLP call: zdev_enabled() false); with the
\* platform's current handle, success if the function is enabled, else
\* CLP_RC_SETPCIFN_ALRDY; with a replaced (stale) handle, the platform choice.
ClpDisableAnswers(f, i) ==
    IF ~zfh[i].en THEN {"none"}
    ELSE IF zfh[i].gen # pfh[f].gen THEN ClpStaleDisableAnswers
    ELSE IF pfh[f].en THEN {"success"} ELSE {"already"}

-----------------------------------------------------------------------------
(* The firmware: changes a function's platform state and raises the event. *)

\* QEMU (FwQemu): device_add of an unplugged function (0x0301: Reserved -> Configured, a new handle);
\* device_del of a configured function (0x0303, marked for unplug); of a function in standby (0x0308).
QemuNext(f, pec) ==
    CASE pec = "0x0301" -> IF pstate[f] = "Reserved" THEN {"Configured"} ELSE {}
      [] pec = "0x0303" -> IF pstate[f] = "Configured" THEN {"Unplugging"} ELSE {}
      [] pec = "0x0308" -> IF pstate[f] = "Standby" THEN {"Reserved"} ELSE {}
FwNext(f, pec) ==
    IF FwQemu THEN QemuNext(f, pec) ELSE
    CASE pec = "0x0301" -> IF pstate[f] \in {"Standby", "Reserved"} THEN {"Configured"} ELSE {}
      [] pec = "0x0302" -> IF pstate[f] = "Reserved" THEN {"Standby"} ELSE {}
      [] pec = "0x0303" -> IF pstate[f] = "Configured" THEN {"Configured"} ELSE {}
      [] pec = "0x0304" -> IF pstate[f] = "Configured" THEN {"Standby", "Reserved"} ELSE {}
      \* "0x308 or 0x302 for multiple devices": only its 0x0302 half (Reserved -> Standby)
      [] pec = "0x0306" -> IF pstate[f] = "Reserved" THEN {"Standby"} ELSE {}
      [] pec = "0x0308" -> IF pstate[f] = "Standby" THEN {"Reserved"} ELSE {}

\* The firmware raises event pec on function f, whose platform state becomes
\* s.  f, pec and s are parameters of the action (bound in ZNext), so that the
\* step names its choice.
\* A hard state change (0x0301, 0x0304) comes with a new, disabled handle,
\* which the event carries (ccdf->fh); the others keep the handle.
FwFh(f, pec) == IF pec \in {"0x0301", "0x0304"} THEN Fh(pfh[f].gen + 1, FALSE) ELSE pfh[f]
\* @source linux-6.12.117 arch/s390/pci/pci_event.c __zpci_event_availability "case 0x0304: /* Configured -> Standby|Reserved */" "case 0x0308: /* Standby -> Reserved */"
\* @fidelity open: the firmware is not kernel code.  Which transitions it makes (FwNext), that 0x0301
\*   and 0x0304 come with a new disabled handle and the others keep it (FwFh), and that an event is
\*   queued in order, are assumptions: each cfg bounds them by FwFids, FwPecs, FwEvents.  0x0306 ("0x308
\*   or 0x302 for multiple devices") is raised for one function's Reserved -> Standby only (its 0x0308
\*   half is left out: the handler's zpci_remove_reserved_devices() is modelled, but no design raises it).
\*   QEMU (linux-6.1.176-s390x): device_del of a configured function raises 0x0303 and, once Linux's SCLP
\*   deconfigure has put it in standby, 0x0308 (the platform function is then gone: Reserved); of a
\*   function in standby 0x0308 at once; device_add raises 0x0301 with a new disabled handle.  The model's
\*   firmware raises each of these whenever the platform state allows (FwNext), which includes QEMU's order.
\*   Read in QEMU master (001cb79d89af); QEMU 7.2's functions are taken to be the same (not read here).
\* @source linux-6.1.176 arch/s390/pci/pci_event.c __zpci_event_availability "case 0x0304: /* Configured -> Standby|Reserved */" "case 0x0308: /* Standby -> Reserved */"
\* @source qemu 001cb79d89af hw/s390x/s390-pci-bus.c s390_pcihost_unplug_request "s390_pci_generate_plug_event(HP_EVENT_DECONFIGURE_REQUEST,"
\* @source qemu 001cb79d89af hw/s390x/s390-pci-bus.c s390_pci_sclp_deconfigure "s390_pci_perform_unplug(pbdev);"
\* @source qemu 001cb79d89af hw/s390x/s390-pci-bus.c s390_pcihost_unplug "s390_pci_generate_plug_event(HP_EVENT_STANDBY_TO_RESERVED,"
\* @source qemu 001cb79d89af hw/s390x/s390-pci-bus.c s390_pcihost_plug "s390_pci_generate_plug_event(HP_EVENT_TO_CONFIGURED ,"
FirmwareEvent(t, f, pec, s) ==
    /\ t = "firmware"
    /\ fwLeft > 0
    /\ s \in FwNext(f, pec)
    /\ pstate' = [pstate EXCEPT ![f] = s]
    /\ pfh' = [pfh EXCEPT ![f] = FwFh(f, pec)]
    /\ queue' = Append(queue, << f, pec, FwFh(f, pec) >>)
    /\ fwLeft' = fwLeft - 1
    /\ UNCHANGED <<coreVars, zdevVars, sysfsVars, zlockVars, pdevZdev, warned>>

-----------------------------------------------------------------------------
(* zpci_zdev_put() and zpci_release_device()                                *)

\* zpci_zdev_put(): mutex_lock(zpci_add_remove_lock) (774a1fa880bc), then
\* kref_put_lock().  Block v3 asserts the rescan lock is held (lockdep).
\* @source linux-6.12.117 arch/s390/pci/pci.c zpci_zdev_put "mutex_lock(&zpci_add_remove_lock);"
\* @source block-v3 patch2 arch/s390/pci/pci.c zpci_zdev_put
\* @source linux-6.1.176 arch/s390/pci/pci_bus.h zpci_zdev_put "if (zdev)"
\* @fidelity faithful: the mutex as a step of its own; Block v3's lockdep assertion is the ghost "lockdep"
\*   in warned.  (if (!zdev) return is not reached: every caller has a zdev.)  6.1.y (static inline in
\*   pci_bus.h, no mutex): the call itself, no effect.
ZpciZdevPut(t) ==
    /\ At(t, "zpci_zdev_put", "entry")
    /\ warned' = IF ZpciRescanLockOutermost_BlockV3 /\ rescanLock.owner # t THEN warned \cup {"lockdep"} ELSE warned
    /\ IF ZpciAddRemoveLock_774a1fa880bc
       THEN /\ addRemoveLock = NoOwner
            /\ addRemoveLock' = t
            /\ Goto(t, "put")
       ELSE UNCHANGED addRemoveLock /\ Goto(t, "put")
    /\ UNCHANGED <<lockVars, deviceVars, fwVars, zdevVars, sysfsVars, stateLock, pdevZdev>>

\* kref_put_lock(&zdev->kref, zpci_release_device, &zpci_list_lock): the
\* decrement; at zero, with the list lock, list_del (4b1815a52d7e; before it
\* the zdev left the list at reserve) and zpci_release_device(), which
\* WARN_ONs a zdev not in RESERVED (c4a585e952ca).
\* @source linux-6.12.117 arch/s390/pci/pci.c zpci_zdev_put "kref_put_lock(&zdev->kref, zpci_release_device, &zpci_list_lock);"
\* @source linux-6.12.117 arch/s390/pci/pci.c zpci_release_device "WARN_ON(zdev->state != ZPCI_FN_STATE_RESERVED);" "list_del(&zdev->entry);"
\* @fidelity simplified: the decrement and, at zero, the zpci_list_lock critical section (list_del) are one
\*   step: the spinlock is held across both and no sleeping lock is taken inside.  The WARN is the ghost
\*   "release-not-reserved".  Before 4b1815a52d7e (zpci-pre-reuse) the reserved zdev was already off the
\*   list (DeviceReserved); list_del of an unlisted instance is then a no-op in the model.  6.1.y
\*   (OldRelease): kref_put() without zpci_list_lock; the release takes a STANDBY or CONFIGURED zdev off
\*   the list itself (ZpciReleaseDeviceState), and there is no WARN_ON.
\* @source linux-6.1.176 arch/s390/pci/pci_bus.h zpci_zdev_put "kref_put(&zdev->kref, zpci_release_device);"
ZpciZdevPutKref(t) ==
    LET i == Z(t) IN
    /\ At(t, "zpci_zdev_put", "put")
    /\ kref' = [kref EXCEPT ![i] = @ - 1]
    /\ IF kref[i] = 1
       THEN /\ phase' = [phase EXCEPT ![i] = "released"]
            /\ listed' = IF OldRelease THEN listed ELSE [listed EXCEPT ![i] = FALSE]
            /\ warned' = IF zstate[i] # "Reserved" /\ ~OldRelease THEN warned \cup {"release-not-reserved"} ELSE warned
            /\ Push(t, [Top(t) EXCEPT !.pc = "unlock", !.ref = FALSE, !.zdev = 0], ZFrame("zpci_release_device", "entry", zfid[i], i))
            /\ UNCHANGED addRemoveLock
       ELSE /\ UNCHANGED <<phase, listed, warned>>
            /\ IF ZpciAddRemoveLock_774a1fa880bc THEN addRemoveLock' = NoOwner ELSE UNCHANGED addRemoveLock
            /\ Return(t)
    /\ UNCHANGED <<lockVars, deviceVars, fwVars, zfid, dmaTable, zstate, zfh, sysfsVars, stateLock, pdevZdev>>

\* The release is done: mutex_unlock(zpci_add_remove_lock).
\* @source linux-6.12.117 arch/s390/pci/pci.c zpci_zdev_put "mutex_unlock(&zpci_add_remove_lock);"
\* @fidelity faithful
ZpciZdevPutUnlock(t) ==
    /\ At(t, "zpci_zdev_put", "unlock")
    /\ IF ZpciAddRemoveLock_774a1fa880bc THEN addRemoveLock' = NoOwner ELSE UNCHANGED addRemoveLock
    /\ Return(t)
    /\ UNCHANGED <<lockVars, deviceVars, fwVars, zdevVars, sysfsVars, stateLock, pdevZdev, warned>>

\* zpci_release_device(): zpci_exit_slot() (6ee600bfbe0f) deregisters the
\* hotplug slot; if this thread is running in that slot's sysfs attribute,
\* it deletes the directory it runs in (47c397844869).  Removing the slot's
\* sysfs files waits for handlers of other threads still running in them
\* (kernfs drain): a power write already past its entry keeps the zdev.
InPowerAttr(u, i) == \E k \in 1..Len(stack[u]) : /\ stack[u][k].proc \in {"disable_slot", "enable_slot"}
                                                 /\ stack[u][k].zdev = i
\* The pre-series zpci_release_device() (before d76f96332967 and c4a585e952ca; 6.1.y): if the bus
\* exists, zpci_bus_remove_device() (pci_get_slot(): the function's pci_dev if it is still on the
\* bus); then the disable; then a switch on the state.
\* @source linux-6.1.176 arch/s390/pci/pci.c zpci_release_device "if (zdev->zbus->bus)" "zpci_bus_remove_device(zdev, false);"
\* @fidelity simplified: if (zdev->zbus->bus): every instance's bus exists.  The release runs after the
\*   last zdev reference, so the pci_dev that held one is gone; pci_get_slot() could only find a pci_dev of
\*   a newer zdev of the same FID on the same bus, which the model cannot represent (one pci_dev struct
\*   per function, ScanPdev): the step then finds the function's pci_dev not added and does nothing.
ZpciReleaseDeviceBusRemove(t) ==
    /\ OldRelease
    /\ At(t, "zpci_release_device", "entry")
    /\ Push(t, [Top(t) EXCEPT !.pc = "disable"], ZFrame("zpci_bus_remove_device", "entry", Dev(t), Z(t)))
    /\ UNCHANGED <<lockVars, deviceVars, zVars>>

\* if (zdev_enabled(zdev)) zpci_disable_device(zdev): the answers of ZpciDisableDevice; the result is
\* ignored.
\* @source linux-6.1.176 arch/s390/pci/pci.c zpci_release_device "if (zdev_enabled(zdev))" "zpci_disable_device(zdev);"
\* @source linux-6.1.176 arch/s390/pci/pci.c zpci_disable_device "cc = clp_disable_fh(zdev, &fh);" "rc = clp_refresh_fh(zdev->fid, &fh);"
\* @source linux-6.1.176 arch/s390/pci/pci.c zpci_release_device "if (zdev->dma_table)" "zpci_dma_exit_device(zdev);"
\* @fidelity open: as ZpciDisableDevice (the firmware's answer to a stale handle: ClpStaleDisableAnswers).
\*   zpci_dma_exit_device() before it (if (zdev->dma_table), its result ignored) is part of this step, with
\*   QEMU's answer as in ZpciDmaExitDevice (DmaExitFails: the table stays set); nothing between takes a lock
\*   of the model.
ZpciReleaseDeviceDisable(t, a) ==
    LET f == Dev(t)
        i == Z(t) IN
    /\ At(t, "zpci_release_device", "disable")
    /\ a \in ClpDisableAnswers(f, i)
    /\ dmaTable' = IF dmaTable[i] # "none" /\ ~DmaExitFails(f, i) THEN [dmaTable EXCEPT ![i] = "none"] ELSE dmaTable
    /\ CASE a = "success" -> /\ zfh' = [zfh EXCEPT ![i] = Fh(pfh[f].gen, FALSE)]
                             /\ pfh' = [pfh EXCEPT ![f].en = FALSE]
         [] a = "already" -> zfh' = [zfh EXCEPT ![i] = pfh[f]] /\ UNCHANGED pfh
         [] OTHER          -> UNCHANGED <<pfh, zfh>>
    /\ Goto(t, "state")
    /\ UNCHANGED <<lockVars, deviceVars, pstate, queue, fwLeft, zfid, zstate, phase, kref, listed,
                   sysfsVars, zlockVars, pdevZdev, warned>>

\* switch (zdev->state): CONFIGURED: sclp_pci_deconfigure(); STANDBY (and CONFIGURED, fallthrough):
\* zpci_exit_slot() (before 6ee600bfbe0f), list_del() under zpci_list_lock; RESERVED (every state):
\* the bus resources (ZpciCleanupBusResources).
\* @source linux-6.1.176 arch/s390/pci/pci.c zpci_release_device "switch (zdev->state) {" "ret = sclp_pci_deconfigure(zdev->fid);" "zpci_exit_slot(zdev);" "list_del(&zdev->entry);"
\* @fidelity simplified: the SCLP deconfigure, the slot exit and the list_del are one step: nothing
\*   between them takes a lock of the model or waits, except pci_hp_deregister()'s kernfs drain (the guard,
\*   as in ZpciReleaseDevice); the SCLP answer is as in ZpciDeconfigureDeviceSclp (succeeds exactly when the
\*   platform has the function configured; rc ignored).  if (zdev->has_hp_slot): every instance registered
\*   its slot, and 6.1.y never clears the flag.  In every design the last reference goes in RESERVED
\*   (only zpci_device_reserved() drops the platform's reference, c122383d221d), so the step is a no-op
\*   there; the other states are modelled because the code has them.
ZpciReleaseDeviceState(t) ==
    LET f == Dev(t)
        i == Z(t)
        exits == zstate[i] \in {"Configured", "Standby"} /\ ~ZpciExitSlotAtRelease_6ee600bfbe0f IN
    /\ At(t, "zpci_release_device", "state")
    /\ exits => \A u \in Threads \ {t} : ~InPowerAttr(u, i)
    /\ IF zstate[i] = "Configured" /\ PConfigured(f)
       THEN SclpDeconfigure(f)
       ELSE UNCHANGED <<pstate, pfh, queue>>
    /\ slot' = IF exits THEN [slot EXCEPT ![i] = FALSE] ELSE slot
    /\ slotDeregs' = IF exits THEN [slotDeregs EXCEPT ![i] = @ + 1] ELSE slotDeregs
    /\ warned' = IF exits /\ InPowerAttr(t, i) THEN warned \cup {"selfdelete"} ELSE warned
    /\ listed' = IF zstate[i] \in {"Configured", "Standby"} THEN [listed EXCEPT ![i] = FALSE] ELSE listed
    /\ Goto(t, IF ZpciExitSlotAtRelease_6ee600bfbe0f THEN "exit_slot" ELSE "cleanup")
    /\ UNCHANGED <<lockVars, deviceVars, fwLeft, zfid, dmaTable, zstate, phase, kref, zfh, iommu, zlockVars, pdevZdev>>

\* @source linux-6.12.117 arch/s390/pci/pci.c zpci_release_device "zpci_exit_slot(zdev);"
\* @source linux-6.12.117 drivers/pci/hotplug/s390_pci_hpc.c zpci_exit_slot "pci_hp_deregister(&zdev->hotplug_slot);"
\* @fidelity simplified: pci_hp_deregister() is one step; its removal of the slot's sysfs files waits for
\*   other threads' handlers in "power" (kernfs drain: the guard) and a handler of this thread deleting
\*   its own directory is the ghost "selfdelete".  if (zdev->has_hp_slot): every instance of the model
\*   registered its slot at zpci_add_device (a failing zpci_init_slot is not modelled).  With the pre-series
\*   release (OldRelease) and 6ee600bfbe0f (design linux-6.1.176-s390x-6ee600bfbe0f, the "slot removed at
\*   release" variant of 6.1.176) the slot goes after the state switch, whatever the state: the model's
\*   rendering of 6ee600bfbe0f on 6.1.y's release, not a tree that was released.
ZpciReleaseDevice(t) ==
    LET i == Z(t) IN
    /\ At(t, "zpci_release_device", IF OldRelease THEN "exit_slot" ELSE "entry")
    /\ \A u \in Threads \ {t} : ~InPowerAttr(u, i)
    /\ slot' = [slot EXCEPT ![i] = FALSE]
    /\ slotDeregs' = [slotDeregs EXCEPT ![i] = @ + 1]
    /\ warned' = IF InPowerAttr(t, i)
                 THEN warned \cup {"selfdelete"} ELSE warned
    /\ Goto(t, "cleanup")
    /\ UNCHANGED <<lockVars, deviceVars, fwVars, zdevVars, iommu, zlockVars, pdevZdev>>

\* zpci_cleanup_bus_resources() and zpci_bus_device_unregister() ->
\* zpci_bus_release(): pci_lock_rescan_remove().  Block v3 no longer takes it
\* here (the caller holds it).
\* @source linux-6.12.117 arch/s390/pci/pci.c zpci_release_device "zpci_cleanup_bus_resources(zdev);" "zpci_bus_device_unregister(zdev);"
\* @source linux-6.12.117 arch/s390/pci/pci.c zpci_cleanup_bus_resources "pci_lock_rescan_remove();"
\* @source linux-6.12.117 arch/s390/pci/pci_bus.c zpci_bus_release "pci_lock_rescan_remove();"
\* @source block-v3 patch2 arch/s390/pci/pci.c zpci_cleanup_bus_resources
\* @source linux-6.1.176 arch/s390/pci/pci.c zpci_release_device "zpci_cleanup_bus_resources(zdev);" "zpci_bus_device_unregister(zdev);"
\* @source linux-6.1.176 arch/s390/pci/pci.c zpci_cleanup_bus_resources "pci_lock_rescan_remove();"
\* @source linux-6.1.176 arch/s390/pci/pci_bus.c zpci_bus_release "pci_lock_rescan_remove();"
\* @fidelity simplified: zpci_cleanup_bus_resources() and zpci_bus_release() (the zbus's last put) both
\*   take the rescan lock; the model takes it once, for both: sound for deadlock and mutual exclusion
\*   because nothing between the two critical sections takes a lock (zpci_bus_put's zbus kref is not
\*   modelled; if it is not the last put the second section does not happen, which the model over-
\*   approximates by one section).  "if (zdev->has_resources)": always taken.
ZpciCleanupBusResources(t) ==
    /\ At(t, "zpci_release_device", "cleanup")
    /\ IF ZpciRescanLockOutermost_BlockV3
       THEN Goto(t, "iommu") /\ UNCHANGED rescanLock
       ELSE CanLockRescan(t) /\ LockRescan(t) /\ Goto(t, "cleanup_unlock")
    /\ UNCHANGED <<rescanWarned, deviceLock, deviceVars, zVars>>

\* @source linux-6.12.117 arch/s390/pci/pci.c zpci_cleanup_bus_resources "pci_unlock_rescan_remove();"
\* @source linux-6.1.176 arch/s390/pci/pci.c zpci_cleanup_bus_resources "pci_unlock_rescan_remove();"
\* @fidelity simplified: as ZpciCleanupBusResources (one section for both).
ZpciCleanupBusResourcesUnlock(t) ==
    /\ At(t, "zpci_release_device", "cleanup_unlock")
    /\ UnlockRescan(t)
    /\ Goto(t, "iommu")
    /\ UNCHANGED <<deviceLock, deviceVars, zVars>>

\* zpci_destroy_iommu() removes the IOMMU sysfs directory; kfree_rcu(zdev).
\* @source linux-6.12.117 arch/s390/pci/pci.c zpci_release_device "zpci_destroy_iommu(zdev);" "kfree_rcu(zdev, rcu);"
\* @source linux-6.1.176 arch/s390/pci/pci.c zpci_release_device "zpci_destroy_iommu(zdev);" "kfree(zdev);"
\* @fidelity simplified: iommu sysfs removal and the free are one step (no lock between them); the RCU
\*   grace period is not modelled: no reader of the model holds an RCU-protected pointer.
ZpciDestroyIommu(t) ==
    LET i == Z(t) IN
    /\ At(t, "zpci_release_device", "iommu")
    /\ iommu' = [iommu EXCEPT ![i] = FALSE]
    /\ phase' = [phase EXCEPT ![i] = "freed"]
    /\ Return(t)
    /\ UNCHANGED <<lockVars, deviceVars, fwVars, zfid, dmaTable, zstate, kref, listed, zfh, slot, slotDeregs, zlockVars, pdevZdev, warned>>

\* pcibios_release_device(): the pci_dev is freed; it drops its zdev
\* reference with zpci_zdev_put().  Block v3 wraps this in the rescan lock.
\* @source linux-6.12.117 arch/s390/pci/pci.c pcibios_release_device "zpci_zdev_put(zdev);"
\* @source block-v3 patch2 arch/s390/pci/pci.c pcibios_release_device
\* @source linux-6.1.176 arch/s390/pci/pci.c pcibios_release_device "zpci_zdev_put(zdev);"
\* @fidelity simplified: zpci_unmap_resources() is left out (no lock, no shared state of the model);
\*   bound is cleared because the pci_dev and its driver binding are gone.
PcibiosReleaseDevice(t) ==
    LET d == Dev(t)
        i == pdevZdev[Dev(t)] IN
    /\ At(t, "pcibios_release_device", "entry")
    /\ pdevZdev' = [pdevZdev EXCEPT ![d] = 0]
    /\ bound' = [bound EXCEPT ![d] = FALSE]
    /\ IF ZpciRescanLockOutermost_BlockV3
       THEN /\ CanLockRescan(t) /\ LockRescan(t)
            /\ Push(t, [Top(t) EXCEPT !.pc = "unlock"], PutFrame(i))
       ELSE Replace(t, PutFrame(i)) /\ UNCHANGED rescanLock
    /\ UNCHANGED <<rescanWarned, deviceLock, dead, added, removeCount, numVfs, pdevRef, fwVars, zdevVars, sysfsVars, zlockVars, warned>>

\* @source block-v3 patch2 arch/s390/pci/pci.c pcibios_release_device
\* @fidelity faithful: Block v3 only.
PcibiosReleaseDeviceUnlock(t) ==
    /\ At(t, "pcibios_release_device", "unlock")
    /\ UnlockRescan(t)
    /\ Return(t)
    /\ UNCHANGED <<deviceLock, deviceVars, zVars>>

-----------------------------------------------------------------------------
(* zpci_add_device(): zpci_add_remove_lock; zpci_init_iommu; bus register, *)
(* zpci_init_slot; kref_init; list_add_tail; unlock.                       *)

\* @source linux-6.12.117 arch/s390/pci/pci.c zpci_add_device "mutex_lock(&zpci_add_remove_lock);" "rc = zpci_init_iommu(zdev);"
\* @source linux-6.1.176 arch/s390/pci/pci.c zpci_create_device "rc = zpci_init_iommu(zdev);"
\* @fidelity faithful: without 774a1fa880bc (no mutex) zpci_init_iommu() is this step.  6.1.y has no
\*   zpci_add_device(): zpci_create_device() itself registers and lists the zdev (kref_init() before
\*   zpci_init_iommu(): not visible, the zdev is reachable only after list_add_tail()).
ZpciAddDevice(t) ==
    /\ At(t, "zpci_add_device", "entry")
    /\ IF ZpciAddRemoveLock_774a1fa880bc
       THEN addRemoveLock = NoOwner /\ addRemoveLock' = t /\ Goto(t, "iommu") /\ UNCHANGED iommu
       ELSE \* no lock: zpci_init_iommu() at once
            /\ iommu' = [iommu EXCEPT ![Z(t)] = TRUE]
            /\ Goto(t, "slot") /\ UNCHANGED addRemoveLock
    /\ UNCHANGED <<lockVars, deviceVars, fwVars, zdevVars, slot, slotDeregs, stateLock, pdevZdev, warned>>

\* zpci_init_iommu(): iommu_device_sysfs_add() creates the directory named by
\* the FID (a second live instance of the FID clashes here: seed 000).
\* @source linux-6.12.117 arch/s390/pci/pci.c zpci_add_device "rc = zpci_init_iommu(zdev);"
\* @fidelity simplified: iommu_device_sysfs_add() cannot fail here; a second directory of the FID is
\*   flagged by OneInstancePerFidInv instead of the -EEXIST path (kfree, "break").
ZpciInitIommu(t) ==
    /\ At(t, "zpci_add_device", "iommu")
    /\ iommu' = [iommu EXCEPT ![Z(t)] = TRUE]
    /\ Goto(t, "slot")
    /\ UNCHANGED <<lockVars, deviceVars, fwVars, zdevVars, slot, slotDeregs, zlockVars, pdevZdev, warned>>

\* zpci_bus_device_register(), zpci_init_slot(), kref_init(), list_add_tail()
\* under zpci_list_lock, mutex_unlock(zpci_add_remove_lock).
\* @source linux-6.12.117 arch/s390/pci/pci.c zpci_add_device "rc = zpci_bus_device_register(zdev, &pci_root_ops);" "kref_init(&zdev->kref);" "list_add_tail(&zdev->entry, &zpci_list);" "mutex_unlock(&zpci_add_remove_lock);"
\* @source linux-6.12.117 arch/s390/pci/pci_bus.c zpci_bus_add_device "rc = zpci_init_slot(zdev);"
\* @source linux-6.1.176 arch/s390/pci/pci.c zpci_create_device "rc = zpci_bus_device_register(zdev, &pci_root_ops);" "kref_init(&zdev->kref);" "list_add_tail(&zdev->entry, &zpci_list);"
\* @source linux-6.1.176 arch/s390/pci/pci_bus.c zpci_bus_add_device "rc = zpci_init_slot(zdev);"
\* @fidelity simplified: bus register, slot registration, kref_init, the list add (under the spinlock)
\*   and the unlock are one step: the instance is unreachable (not listed, no pdev) until list_add, and
\*   the slot is the only thing visible earlier (a power write then waits for state_lock, which nobody
\*   holds: the same as after the step).  zpci_bus_device_register()'s failure is not modelled.
ZpciInitSlot(t) ==
    LET i == Z(t) IN
    /\ At(t, "zpci_add_device", "slot")
    /\ slot' = [slot EXCEPT ![i] = TRUE]
    /\ kref' = [kref EXCEPT ![i] = 1]
    /\ phase' = [phase EXCEPT ![i] = "live"]
    /\ listed' = [listed EXCEPT ![i] = TRUE]
    /\ IF ZpciAddRemoveLock_774a1fa880bc THEN addRemoveLock' = NoOwner ELSE UNCHANGED addRemoveLock
    /\ Return(t)
    /\ UNCHANGED <<lockVars, deviceVars, fwVars, zfid, dmaTable, zstate, zfh, slotDeregs, iommu, stateLock, pdevZdev, warned>>

\* zpci_create_device(): kzalloc, state as given; the caller then adds it.
\* The instance is the lowest free one, as the allocator of the Java
\* implementation picks it: which memory kzalloc returns is not a kernel
\* decision (a symmetry reduction).  No free instance: the model's bound is
\* reached and the step is not enabled.
LowestFree == CHOOSE i \in FreeInst : \A j \in FreeInst : i <= j
CreateAndAdd(t, f, fh, st, callerPc) ==
    LET i == LowestFree IN
        /\ FreeInst # {}
        /\ zfid' = [zfid EXCEPT ![i] = f]
        /\ zfh' = [zfh EXCEPT ![i] = fh]
        /\ zstate' = [zstate EXCEPT ![i] = st]
        /\ phase' = [phase EXCEPT ![i] = "new"]
        /\ Push(t, [Top(t) EXCEPT !.pc = callerPc, !.zdev = i], ZFrame("zpci_add_device", "entry", f, i))

\* zpci_scan_configured_device(zdev, fh): zpci_update_fh(); then
\* zpci_bus_scan_device() -> zpci_bus_prepare_device(): zpci_enable_device() if
\* the handle is not enabled.  The enable is taken to succeed (the model had
\* no enable failure before): with the platform's current handle of a
\* configured function the platform's function is enabled; with another
\* handle only Linux's copy says so (what the firmware answers there is open).
\* Then pci_scan_single_device(): a new pci_dev
\* (if none is left from before), pcibios_device_add() takes a zdev reference.
\* (A second pci_dev struct while the old one is still referenced or not yet
\* released is not represented: the scan then adds nothing.)
ScanFh(f, i, fh) ==
    /\ zfh' = [zfh EXCEPT ![i] = Fh(fh.gen, TRUE)]
    /\ pfh' = IF ~fh.en /\ fh.gen = pfh[f].gen /\ pstate[f] = "Configured"
              THEN [pfh EXCEPT ![f].en = TRUE] ELSE pfh
ScanPdev(f, i) ==
    IF pdevRef[f] = 0 /\ pdevZdev[f] = 0
    THEN /\ added' = [added EXCEPT ![f] = TRUE]
         /\ dead' = [dead EXCEPT ![f] = FALSE]
         /\ removeCount' = [removeCount EXCEPT ![f] = 0]
         /\ pdevRef' = [pdevRef EXCEPT ![f] = 1]
         /\ pdevZdev' = [pdevZdev EXCEPT ![f] = i]
         /\ kref' = [kref EXCEPT ![i] = @ + 1]
    ELSE UNCHANGED <<added, dead, removeCount, pdevRef, pdevZdev, kref>>
\* QEMU's answer (FwQemu) to CLP SET PCI FN enable with handle fh (clp_service_call): the function is
\* found by the whole handle (a replaced handle, or an unplugged function: CLP_RC_SETPCIFN_FH), must not
\* be enabled yet (CLP_RC_SETPCIFN_FHOP); then it is enabled and its state is ENABLED, whatever it was
\* (a function in standby too).  A failed enable: -EIO, nothing scanned, zdev->fh as updated.
QemuEnableOk(f, fh) == fh.gen = pfh[f].gen /\ pstate[f] # "Reserved" /\ ~pfh[f].en
\* 6.1.y (DmaModelled): after the enable, zpci_dma_init_device() sets up a new DMA table and registers its
\* IOAT (taken to succeed: QEMU's IOAT of a function just enabled is not registered, as its SCLP
\* deconfigure and the deregistration of zpci_dma_exit_device() leave it).
ScanDevice(f, i, fh) ==
    IF FwQemu /\ ~fh.en
    THEN IF QemuEnableOk(f, fh)
         THEN /\ zfh' = [zfh EXCEPT ![i] = Fh(fh.gen, TRUE)]
              /\ pfh' = [pfh EXCEPT ![f].en = TRUE]
              /\ pstate' = [pstate EXCEPT ![f] = IF @ = "Standby" THEN "Configured" ELSE @]
              /\ dmaTable' = IF DmaModelled THEN [dmaTable EXCEPT ![i] = "reg"] ELSE dmaTable
              /\ ScanPdev(f, i)
         ELSE /\ zfh' = [zfh EXCEPT ![i] = fh]
              /\ UNCHANGED <<pfh, pstate, added, dead, removeCount, pdevRef, pdevZdev, kref, dmaTable>>
    ELSE /\ ScanFh(f, i, fh)
         /\ ScanPdev(f, i)
         /\ UNCHANGED <<pstate, dmaTable>>

-----------------------------------------------------------------------------
(* Removing the pci_dev, deconfiguring                                      *)

\* zpci_bus_remove_device(): pdev = pci_get_slot(); for a VF
\* zpci_iov_remove_virtfn() (rescan lock around pci_stop_and_remove_bus_device),
\* else pci_stop_and_remove_bus_device_locked(); then pci_dev_put(pdev).
\* @source linux-6.12.117 arch/s390/pci/pci_bus.c zpci_bus_remove_device "pdev = pci_get_slot(zbus->bus, zdev->devfn);" "zpci_iov_remove_virtfn(pdev, zdev->vfn);" "pci_stop_and_remove_bus_device_locked(pdev);"
\* @source linux-6.12.117 arch/s390/pci/pci_iov.c zpci_iov_remove_virtfn "pci_lock_rescan_remove();"
\* @fidelity simplified: a VF goes through zpci_iov_remove_virtfn() (rescan lock, pci_iov_remove_virtfn():
\*   a second VF reference around pci_stop_and_remove_bus_device(), and the put of the PF reference the
\*   VF holds); the model takes the PF's path, pci_stop_and_remove_bus_device_locked(), for both: the same
\*   lock, and the extra reference is got and put inside the lock by this thread, so it never is the last
\*   one (this thread still holds pci_get_slot's).  error_state (set_error) is not modelled.
ZpciBusRemoveDevice(t) ==
    LET d == Dev(t) IN
    /\ At(t, "zpci_bus_remove_device", "entry")
    /\ IF added[d]
       THEN /\ pdevRef' = [pdevRef EXCEPT ![d] = @ + 1]
            /\ Push(t, [Top(t) EXCEPT !.pc = "put", !.pdev = 1],
                    Frame("pci_stop_and_remove_bus_device_locked", "entry", d))
       ELSE Return(t) /\ UNCHANGED pdevRef
    /\ UNCHANGED <<lockVars, bound, dead, added, removeCount, numVfs, zVars>>

\* @source linux-6.12.117 arch/s390/pci/pci_bus.c zpci_bus_remove_device "pci_dev_put(pdev);"
\* @fidelity faithful
ZpciBusRemoveDevicePut(t) ==
    /\ At(t, "zpci_bus_remove_device", "put")
    /\ PdevPutReturn(t, Dev(t))
    /\ UNCHANGED <<lockVars, bound, dead, added, removeCount, numVfs, zVars>>

\* zpci_deconfigure_device() (state_lock held): if CONFIGURED, remove the pdev.
\* @source linux-6.12.117 arch/s390/pci/pci.c zpci_deconfigure_device "if (zdev->state != ZPCI_FN_STATE_CONFIGURED)" "zpci_bus_remove_device(zdev, false);"
\* @source linux-6.1.176 arch/s390/pci/pci.c zpci_deconfigure_device "if (zdev->zbus->bus)" "zpci_bus_remove_device(zdev, false);"
\* @fidelity faithful: if (zdev->zbus->bus): the bus exists for every instance of the model.  Before
\*   bcb5d6c76903 (6.1.y) there is no state check here: the callers checked CONFIGURED without a lock,
\*   and zpci_dma_exit_device() comes between the removal and the disable (ZpciDmaExitDevice).
ZpciDeconfigureDevice(t) ==
    /\ At(t, "zpci_deconfigure_device", "entry")
    /\ IF zstate[Z(t)] = "Configured" \/ ~ZpciStateLock_bcb5d6c76903
       THEN Push(t, [Top(t) EXCEPT !.pc = IF DmaModelled THEN "dma_exit" ELSE "disable"],
                 ZFrame("zpci_bus_remove_device", "entry", Dev(t), Z(t)))
       ELSE Return(t)
    /\ UNCHANGED <<lockVars, deviceVars, zVars>>

\* 6.1.y: if (zdev->dma_table) { rc = zpci_dma_exit_device(zdev); if (rc) return rc; }:
\* if (zdev_enabled(zdev)) cc = zpci_unregister_ioat(zdev, 0); if (cc && cc != 3) return -EIO.
\* The check and the deregistration are one step; the table is freed in the next (ZpciDmaExitDeviceFree).
\* A second zpci_deconfigure_device() of the same zdev (the 0x0303 handler and a write of 0 to the slot's
\* power attribute: no lock serializes them before bcb5d6c76903) that finds the table still set
\* deregisters again: QEMU answers cc 1, the deconfigure returns -EIO before the disable and the SCLP
\* deconfigure (the s390x lab's trace 0081-power_off+firmware).
\* @source linux-6.1.176 arch/s390/pci/pci.c zpci_deconfigure_device "if (zdev->dma_table) {" "rc = zpci_dma_exit_device(zdev);" "if (rc)" "return rc;"
\* @source linux-6.1.176 arch/s390/pci/pci_dma.c zpci_dma_exit_device "if (zdev_enabled(zdev))" "cc = zpci_unregister_ioat(zdev, 0);" "if (cc && cc != 3)" "return -EIO;"
\* @source linux-6.1.176 arch/s390/pci/pci.c zpci_unregister_ioat "u64 req = ZPCI_CREATE_REQ(zdev->fh, dmaas, ZPCI_MOD_FC_DEREG_IOAT);" "cc = zpci_mod_fc(req, &fib, &status);"
\* @source qemu 001cb79d89af hw/s390x/s390-pci-inst.c mpcifc_service_call "case ZPCI_MOD_FC_DEREG_IOAT:" "} else if (!pbdev->iommu->enabled) {" "cc = ZPCI_PCI_LS_ERR;" "pci_dereg_ioat(pbdev->iommu);"
\* @fidelity open: QEMU's answer to MPCIFC DEREG IOAT (mpcifc_service_call, QEMU 7.2): cc 0 and the IOAT
\*   deregistered when it is registered, cc 1 (-EIO) when it is not, cc 3 for a handle it does not have
\*   enabled (DmaExitFails); covered by FwQemu only in the designs before bcb5d6c76903 (DmaModelled: the
\*   6.1.176 designs).  Left out: the WARN_ON(zdev->s390_domain) (no IOMMU domain in the model), the
\*   iommu/lazy bitmaps (freed with the table), a failing zpci_dma_init_device() (taken to succeed in the
\*   scan), the IOAT as QEMU's per-function state (the model keeps it per zdev: two zdevs of one FID
\*   with a DMA table each are a state past OneInstancePerFidInv), and the 0x0304 path's exit
\*   (zpci_event_hard_deconfigured: 0x0304 is not raised by QEMU).  The check of zdev->dma_table and the
\*   deregistration are one step: a second exit that checks before the first frees the table and
\*   deregisters after it fails in the kernel as well; the model has it fail between the first's
\*   deregistration and free, the same outcome with no traced function in between (unless a scan
\*   registers a new IOAT there, which the model then does not have this exit fail on).
ZpciDmaExitDevice(t) ==
    LET f == Dev(t)
        i == Z(t) IN
    /\ At(t, "zpci_deconfigure_device", "dma_exit")
    /\ CASE dmaTable[i] = "none"  -> Goto(t, "disable") /\ UNCHANGED dmaTable
         [] DmaExitFails(f, i)     -> Return(t) /\ UNCHANGED dmaTable
         [] OTHER                  -> Goto(t, "dma_free") /\ dmaTable' = [dmaTable EXCEPT ![i] = "dereg"]
    /\ UNCHANGED <<lockVars, deviceVars, fwVars, zfid, zstate, phase, kref, listed, zfh, sysfsVars, zlockVars,
                   pdevZdev, warned>>

\* dma_cleanup_tables(zdev->dma_table); zdev->dma_table = NULL; return 0.
\* @source linux-6.1.176 arch/s390/pci/pci_dma.c zpci_dma_exit_device "dma_cleanup_tables(zdev->dma_table);" "zdev->dma_table = NULL;" "return 0;"
\* @fidelity simplified: the bitmaps' vfree() and next_bit are left out (no state of the model).  Only the
\*   exit whose deregistration succeeded gets here: a second exit of the zdev fails at QEMU's cc 1 first.
ZpciDmaExitDeviceFree(t) ==
    /\ At(t, "zpci_deconfigure_device", "dma_free")
    /\ dmaTable' = [dmaTable EXCEPT ![Z(t)] = "none"]
    /\ Goto(t, "disable")
    /\ UNCHANGED <<lockVars, deviceVars, fwVars, zfid, zstate, phase, kref, listed, zfh, sysfsVars, zlockVars,
                   pdevZdev, warned>>

\* if (zdev_enabled(zdev)) { rc = zpci_disable_device(zdev); if (rc) return rc; }
\* success: zpci_update_fh() with the answer's handle (the current one,
\* disabled); "already": clp_refresh_fh() (CLP LIST: the current handle),
\* -EINVAL; fail: -EIO.  The deconfigure returns on an error: no SCLP.
\* @source linux-6.12.117 arch/s390/pci/pci.c zpci_deconfigure_device "rc = zpci_disable_device(zdev);"
\* @source linux-6.12.117 arch/s390/pci/pci.c zpci_disable_device "cc = clp_disable_fh(zdev, &fh);" "} else if (cc == CLP_RC_SETPCIFN_ALRDY) {" "rc = clp_refresh_fh(zdev->fid, &fh);" "rc = -EINVAL;" "rc = -EIO;"
\* @source linux-6.12.117 arch/s390/pci/pci_clp.c clp_disable_fh "if (!zdev_enabled(zdev))"
\* @source linux-6.1.176 arch/s390/pci/pci.c zpci_deconfigure_device "rc = zpci_disable_device(zdev);"
\* @source linux-6.1.176 arch/s390/pci/pci.c zpci_disable_device "cc = clp_disable_fh(zdev, &fh);" "} else if (cc == CLP_RC_SETPCIFN_ALRDY) {" "rc = clp_refresh_fh(zdev->fid, &fh);" "rc = -EINVAL;" "rc = -EIO;"
\* @fidelity open: the firmware's answer to a disable with a handle it has replaced is not in the source:
\*   constant ClpStaleDisableAnswers (each of fail / already / success; docs/audit/zpci.md has the verdict
\*   under each).  clp_refresh_fh() is taken to succeed; the handle of a successful disable is the
\*   current one.  zdev_enabled() is read once (zpci_deconfigure_device and clp_disable_fh read the same
\*   zdev->fh under state_lock).
ZpciDisableDevice(t, a) ==
    LET f == Dev(t)
        i == Z(t) IN
    /\ At(t, "zpci_deconfigure_device", "disable")
    /\ a \in ClpDisableAnswers(f, i)
    /\ CASE a = "none"    -> Goto(t, "sclp") /\ UNCHANGED <<pfh, zfh>>
         [] a = "success" -> /\ zfh' = [zfh EXCEPT ![i] = Fh(pfh[f].gen, FALSE)]
                             /\ pfh' = [pfh EXCEPT ![f].en = FALSE]
                             /\ Goto(t, "sclp")
         [] a = "already" -> zfh' = [zfh EXCEPT ![i] = pfh[f]] /\ UNCHANGED pfh /\ Return(t)
         [] a = "fail"    -> UNCHANGED <<pfh, zfh>> /\ Return(t)
    /\ UNCHANGED <<lockVars, deviceVars, pstate, queue, fwLeft, zfid, dmaTable, zstate, phase, kref, listed,
                   sysfsVars, zlockVars, pdevZdev, warned>>

\* sclp_pci_deconfigure() (fails unless the platform still has the function
\* configured; the function is then disabled); zdev->state = STANDBY.
\* @source linux-6.12.117 arch/s390/pci/pci.c zpci_deconfigure_device "rc = sclp_pci_deconfigure(zdev->fid);" "zdev->state = ZPCI_FN_STATE_STANDBY;"
\* @source linux-6.1.176 arch/s390/pci/pci.c zpci_deconfigure_device "rc = sclp_pci_deconfigure(zdev->fid);" "zdev->state = ZPCI_FN_STATE_STANDBY;"
\* @source qemu 001cb79d89af hw/s390x/s390-pci-bus.c s390_pci_sclp_deconfigure "pbdev->state = ZPCI_FS_STANDBY;" "if (pbdev->unplug_requested) {"
\* @source qemu 001cb79d89af hw/s390x/s390-pci-bus.c s390_pcihost_unplug "pbdev->state = ZPCI_FS_RESERVED;"
\* @fidelity open: that the SCLP deconfigure succeeds exactly when the platform has the function
\*   configured is an assumption about the firmware (QEMU: so; standby answers "no action required",
\*   an unplugged function "not recognized", both taken as failures).  With FwQemu a function marked for
\*   unplug is unplugged by it and 0x0308 is queued in the same step (QEMU does both inside the SCLP call).
ZpciDeconfigureDeviceSclp(t) ==
    LET f == Dev(t) IN
    /\ At(t, "zpci_deconfigure_device", "sclp")
    /\ IF PConfigured(f)
       THEN /\ SclpDeconfigure(f)
            /\ zstate' = [zstate EXCEPT ![Z(t)] = "Standby"]
       ELSE UNCHANGED <<pstate, pfh, queue, zstate>>
    /\ Return(t)
    /\ UNCHANGED <<lockVars, deviceVars, fwLeft, zfid, dmaTable, phase, kref, listed, zfh, sysfsVars, zlockVars, pdevZdev, warned>>

\* zpci_device_reserved() (state_lock held): idempotent; RESERVED; the
\* platform reference goes to zpci_zdev_put().  Before 4b1815a52d7e it also
\* took the zdev off zpci_list.  The caller continues at callerPc.  Before
\* 6ee600bfbe0f (6.1.y) it first removes the hotplug slot: a call of its own
\* (ZpciDeviceReserved), whose pci_hp_deregister() may wait.
DeviceReserved(t, i, callerPc) ==
    IF ZpciExitSlotAtRelease_6ee600bfbe0f
    THEN /\ zstate' = [zstate EXCEPT ![i] = "Reserved"]
         /\ listed' = IF ZpciReuseReserved_4b1815a52d7e THEN listed ELSE [listed EXCEPT ![i] = FALSE]
         /\ Push(t, [Top(t) EXCEPT !.pc = callerPc], PutFrame(i))
    ELSE /\ Push(t, [Top(t) EXCEPT !.pc = callerPc], ZFrame("zpci_device_reserved", "entry", zfid[i], i))
         /\ UNCHANGED <<zstate, listed>>

\* 6.1.y zpci_device_reserved(): zpci_exit_slot(); list_del() under zpci_list_lock; RESERVED;
\* zpci_zdev_put() of the platform's reference.
\* @source linux-6.1.176 arch/s390/pci/pci.c zpci_device_reserved "zpci_exit_slot(zdev);" "list_del(&zdev->entry);" "zdev->state = ZPCI_FN_STATE_RESERVED;" "zpci_zdev_put(zdev);"
\* @source linux-6.1.176 drivers/pci/hotplug/s390_pci_hpc.c zpci_exit_slot "pci_hp_deregister(&zdev->hotplug_slot);"
\* @fidelity simplified: the slot exit, the list_del and the state are one step: pci_hp_deregister()'s
\*   kernfs drain (the guard: it waits for other threads' handlers in "power", as in ZpciReleaseDevice) is
\*   the only wait, and no other thread reads the zdev's list entry or state in between (the handler is
\*   the one thread that looks zdevs up, and it is this one).  if (zdev->has_hp_slot): every instance
\*   registered its slot and 6.1.y never clears the flag, so a second call would deregister again
\*   (SlotDeregisteredOnceInv).  The put is a tail call (zpci_zdev_put, ref owned by its frame).
ZpciDeviceReserved(t) ==
    LET i == Z(t) IN
    /\ At(t, "zpci_device_reserved", "entry")
    /\ \A u \in Threads \ {t} : ~InPowerAttr(u, i)
    /\ slot' = [slot EXCEPT ![i] = FALSE]
    /\ slotDeregs' = [slotDeregs EXCEPT ![i] = @ + 1]
    /\ warned' = IF InPowerAttr(t, i) THEN warned \cup {"selfdelete"} ELSE warned
    /\ listed' = [listed EXCEPT ![i] = FALSE]
    /\ zstate' = [zstate EXCEPT ![i] = "Reserved"]
    /\ Replace(t, PutFrame(i))
    /\ UNCHANGED <<lockVars, deviceVars, fwVars, zfid, dmaTable, phase, kref, zfh, iommu, zlockVars, pdevZdev>>

-----------------------------------------------------------------------------
(* zpci_event_availability(): the event handler thread.                     *)

\* A queued event is handled: __zpci_event_availability().  Block v3 takes
\* the rescan lock first; otherwise get_zdev_by_fid() at once.
GetZdev(t, f, pec, fh) ==
    LET i == Lookup(f) IN
    /\ kref' = IF i # 0 THEN [kref EXCEPT ![i] = @ + 1] ELSE kref
    /\ Upd(t, [ZFrame("zpci_event_availability", IF i # 0 THEN "state_lock" ELSE "switch", f, i)
               EXCEPT !.ref = (i # 0), !.pec = pec, !.fh = fh])

\* @source linux-6.12.117 arch/s390/pci/pci_event.c __zpci_event_availability "struct zpci_dev *zdev = get_zdev_by_fid(ccdf->fid);"
\* @source linux-6.12.117 arch/s390/pci/pci.c get_zdev_by_fid "zpci_zdev_get(zdev);"
\* @source block-v3 patch2 arch/s390/pci/pci_event.c __zpci_event_availability
\* @source linux-6.1.176 arch/s390/pci/pci_event.c __zpci_event_availability "struct zpci_dev *zdev = get_zdev_by_fid(ccdf->fid);"
\* @source linux-6.1.176 arch/s390/pci/pci.c get_zdev_by_fid "zpci_zdev_get(zdev);"
\* @fidelity simplified: taking the event off the queue and get_zdev_by_fid() (its zpci_list_lock
\*   section) are one step: nothing else of the handler runs between them.  zpci_is_enabled() is TRUE.
\*   Before bcb5d6c76903 (6.1.y) no state_lock: the switch follows at once.
ZpciEventAvailability(t) ==
    /\ t = "zpci_event"
    /\ stack[t] = << >>
    /\ queue # << >>
    /\ queue' = Tail(queue)
    /\ IF ZpciRescanLockOutermost_BlockV3
       THEN /\ CanLockRescan(t) /\ LockRescan(t)
            /\ stack' = [stack EXCEPT ![t] = << [ZFrame("zpci_event_availability", "get", Head(queue)[1], 0)
                                                  EXCEPT !.pec = Head(queue)[2], !.fh = Head(queue)[3]] >>]
            /\ UNCHANGED kref
       ELSE /\ LET i == Lookup(Head(queue)[1]) IN
               /\ kref' = IF i # 0 THEN [kref EXCEPT ![i] = @ + 1] ELSE kref
               /\ stack' = [stack EXCEPT ![t] = << [ZFrame("zpci_event_availability",
                                                          IF i # 0 /\ ZpciStateLock_bcb5d6c76903 THEN "state_lock" ELSE "switch",
                                                          Head(queue)[1], i)
                                                   EXCEPT !.ref = (i # 0), !.pec = Head(queue)[2], !.fh = Head(queue)[3]] >>]
            /\ UNCHANGED rescanLock
    /\ UNCHANGED <<rescanWarned, deviceLock, deviceVars, pstate, fwLeft, pfh, zfid, dmaTable, zstate, phase, listed, zfh, sysfsVars, zlockVars, pdevZdev, warned>>

\* Block v3: get_zdev_by_fid() under the rescan lock.
\* @source block-v3 patch2 arch/s390/pci/pci_event.c __zpci_event_availability
\* @source linux-6.12.117 arch/s390/pci/pci.c get_zdev_by_fid "zpci_zdev_get(zdev);"
\* @fidelity faithful: Block v3 only (get_zdev_by_fid under the rescan lock).
ZpciEventGetZdev(t) ==
    /\ At(t, "zpci_event_availability", "get")
    /\ GetZdev(t, Dev(t), Top(t).pec, Top(t).fh)
    /\ UNCHANGED <<lockVars, deviceVars, fwVars, zfid, dmaTable, zstate, phase, listed, zfh, sysfsVars, zlockVars, pdevZdev, warned>>

\* mutex_lock(&zdev->state_lock) for an existing zdev.
\* @source linux-6.12.117 arch/s390/pci/pci_event.c __zpci_event_availability "mutex_lock(&zdev->state_lock);"
\* @fidelity faithful
ZpciEventStateLock(t) ==
    /\ At(t, "zpci_event_availability", "state_lock")
    /\ stateLock[Z(t)] = NoOwner
    /\ stateLock' = [stateLock EXCEPT ![Z(t)] = t]
    /\ Goto(t, "switch")
    /\ UNCHANGED <<lockVars, deviceVars, fwVars, zdevVars, sysfsVars, addRemoveLock, pdevZdev, warned>>

\* zpci_event_reappear(): RESERVED -> STANDBY, the platform reference again.
Reappear(i) ==
    /\ zstate' = [zstate EXCEPT ![i] = "Standby"]
    /\ kref' = [kref EXCEPT ![i] = @ + 1]

\* The switch on the PEC.
\* @source linux-6.12.117 arch/s390/pci/pci_event.c __zpci_event_availability "case 0x0301: /* Reserved|Standby -> Configured */" "zpci_event_reappear(zdev);" "zpci_update_fh(zdev, ccdf->fh);" "zpci_deconfigure_device(zdev);" "zpci_event_hard_deconfigured(zdev, ccdf->fh);"
\* @source linux-6.12.117 arch/s390/pci/pci_event.c zpci_event_reappear "zdev->state = ZPCI_FN_STATE_STANDBY;" "zpci_zdev_get(zdev);"
\* @source linux-6.12.117 arch/s390/pci/pci_event.c zpci_event_hard_deconfigured "zpci_update_fh(zdev, fh);" "zpci_bus_remove_device(zdev, true);"
\* @source linux-6.12.117 arch/s390/pci/pci.c zpci_create_device "zdev->fh = fh;"
\* @source linux-6.12.117 arch/s390/pci/pci.c zpci_device_reserved "if (zdev->state == ZPCI_FN_STATE_RESERVED)" "zdev->state = ZPCI_FN_STATE_RESERVED;" "zpci_zdev_put(zdev);"
\* @source linux-6.1.176 arch/s390/pci/pci_event.c __zpci_event_availability "zdev = zpci_create_device(ccdf->fid, ccdf->fh, ZPCI_FN_STATE_CONFIGURED);" "if (zdev->state != ZPCI_FN_STATE_STANDBY)" "zdev->state = ZPCI_FN_STATE_CONFIGURED;" "zpci_create_device(ccdf->fid, ccdf->fh, ZPCI_FN_STATE_STANDBY);" "zpci_update_fh(zdev, ccdf->fh);" "zpci_deconfigure_device(zdev);" "zpci_event_hard_deconfigured(zdev, ccdf->fh);" "zpci_device_reserved(zdev);"
\* @source linux-6.1.176 arch/s390/pci/pci_event.c zpci_event_hard_deconfigured "zpci_update_fh(zdev, fh);" "zpci_bus_remove_device(zdev, true);"
\* @source linux-6.1.176 arch/s390/pci/pci.c zpci_create_device "zdev->fh = fh;" "zdev->state =  state;"
\* @fidelity simplified: the branch decision and its first statements (state, handle, reappear) are one
\*   step under state_lock (6.1.y: no state_lock; the handler is the only thread that finds a zdev on
\*   zpci_list, and a RESERVED zdev is never on it, so 6.1.y's lack of zpci_event_reappear() and of the
\*   idempotence check are the same branches: the RESERVED cases are not reachable without 4b1815a52d7e) (or, for a new zdev, on an instance nobody else can reach yet).
\*   Here zpci_create_device() does not fail (ZpciCreateDeviceCanFail is read only by __clp_add, ClpAdd):
\*   the IS_ERR/zpci_add_device() failure breaks are not modelled; no design that sets
\*   ZpciCreateDeviceCanFail raises 0x0301 or 0x0302.  The model's kzalloc waits for a free instance.
\*   zpci_update_fh() ignores a zero handle; the events of the model never carry one.
ZpciEventSwitch(t) ==
    LET f == Dev(t)
        i == Z(t)
        pec == Top(t).pec
        fh == Top(t).fh IN
    /\ At(t, "zpci_event_availability", "switch")
    /\ CASE pec \in {"0x0301", "0x0302"} /\ i = 0 ->
              \* not found: zpci_create_device(fid, ccdf->fh, state) + zpci_add_device()
              /\ CreateAndAdd(t, f, fh, IF pec = "0x0301" THEN "Configured" ELSE "Standby",
                              IF pec = "0x0301" THEN "scan" ELSE "unlock")
              /\ UNCHANGED <<kref, listed>>
         [] pec = "0x0301" ->
              \* reappear if RESERVED; a stale request (not STANDBY) is ignored
              LET st == IF zstate[i] = "Reserved" THEN "Standby" ELSE zstate[i] IN
              /\ zstate' = [zstate EXCEPT ![i] = IF st = "Standby" THEN "Configured" ELSE st]
              /\ kref' = IF zstate[i] = "Reserved" THEN [kref EXCEPT ![i] = @ + 1] ELSE kref
              /\ Goto(t, IF st = "Standby" THEN "scan" ELSE "unlock")
              /\ UNCHANGED <<zfid, phase, listed, zfh>>
         [] pec = "0x0302" ->
              \* reappear if RESERVED; zpci_update_fh(zdev, ccdf->fh)
              /\ IF zstate[i] = "Reserved" THEN Reappear(i) ELSE UNCHANGED <<zstate, kref>>
              /\ zfh' = [zfh EXCEPT ![i] = fh]
              /\ Goto(t, "unlock")
              /\ UNCHANGED <<zfid, phase, listed>>
         [] pec = "0x0303" ->
              \* if CONFIGURED: zpci_update_fh(zdev, ccdf->fh); zpci_deconfigure_device()
              /\ IF i # 0 /\ zstate[i] = "Configured"
                 THEN /\ Push(t, [Top(t) EXCEPT !.pc = "unlock"], ZFrame("zpci_deconfigure_device", "entry", f, i))
                      /\ zfh' = [zfh EXCEPT ![i] = fh]
                 ELSE Goto(t, "unlock") /\ UNCHANGED zfh
              /\ UNCHANGED <<zfid, zstate, phase, kref, listed>>
         [] pec = "0x0304" ->
              \* zpci_event_hard_deconfigured(): zpci_update_fh(zdev, ccdf->fh);
              \* zpci_bus_remove_device()
              /\ IF i # 0 /\ zstate[i] = "Configured"
                 THEN /\ Push(t, [Top(t) EXCEPT !.pc = "hard_deconfigured"], ZFrame("zpci_bus_remove_device", "entry", f, i))
                      /\ zfh' = [zfh EXCEPT ![i] = fh]
                 ELSE Goto(t, IF i # 0 THEN "hard_deconfigured" ELSE "unlock") /\ UNCHANGED zfh
              /\ UNCHANGED <<zfid, zstate, phase, kref, listed>>
         [] pec = "0x0306" ->
              \* zpci_remove_reserved_devices(); zpci_scan_devices()
              /\ Goto(t, "remove_reserved")
              /\ UNCHANGED <<zfid, zstate, phase, kref, listed, zfh>>
         [] pec = "0x0308" ->
              /\ IF i # 0 /\ zstate[i] # "Reserved"
                 THEN DeviceReserved(t, i, "unlock")
                 ELSE Goto(t, "unlock") /\ UNCHANGED <<zstate, listed>>
              /\ UNCHANGED <<zfid, phase, kref, zfh>>
    /\ UNCHANGED <<lockVars, deviceVars, fwVars, sysfsVars, zlockVars, pdevZdev, warned, dmaTable>>

\* 0x0304 continued: zpci_disable_device(), state STANDBY; then the 0x0304
\* may reserve at once: clp_get_state() == RESERVED -> zpci_device_reserved().
\* @source linux-6.12.117 arch/s390/pci/pci_event.c zpci_event_hard_deconfigured "zpci_disable_device(zdev);" "zdev->state = ZPCI_FN_STATE_STANDBY;"
\* @source linux-6.12.117 arch/s390/pci/pci_event.c __zpci_event_availability "state == ZPCI_FN_STATE_RESERVED) {" "zpci_device_reserved(zdev);"
\* @source linux-6.1.176 arch/s390/pci/pci_event.c zpci_event_hard_deconfigured "zpci_disable_device(zdev);" "zdev->state = ZPCI_FN_STATE_STANDBY;"
\* @source linux-6.1.176 arch/s390/pci/pci_event.c __zpci_event_availability "state == ZPCI_FN_STATE_RESERVED) {" "zpci_device_reserved(zdev);"
\* @fidelity simplified: "if (zdev_enabled(zdev)) zpci_disable_device()" is never taken: the handle was
\*   just set from the 0x0304 event, which the firmware hands out disabled (FwFh).  STANDBY and, if
\*   clp_get_state() says RESERVED, zpci_device_reserved() are one step under state_lock (STANDBY is not
\*   visible to anyone in between).  clp_get_state() failing is not modelled (QEMU: the function is
\*   gone after its unplug; the model's platform state is then Reserved).  6.1.y: zpci_dma_exit_device()
\*   is left out (0x0304 is not raised in the 6.1.176 designs, FwQemu); zpci_device_reserved() as DeviceReserved.
ZpciEventHardDeconfigured(t) ==
    LET f == Dev(t)
        i == Z(t) IN
    /\ At(t, "zpci_event_availability", "hard_deconfigured")
    /\ IF pstate[f] = "Reserved" /\ zstate[i] # "Reserved"
       THEN DeviceReserved(t, i, "unlock")
       ELSE /\ zstate' = [zstate EXCEPT ![i] = IF @ = "Configured" THEN "Standby" ELSE @]
            /\ Goto(t, "unlock") /\ UNCHANGED listed
    /\ UNCHANGED <<lockVars, deviceVars, fwVars, zfid, dmaTable, phase, kref, zfh, sysfsVars, zlockVars, pdevZdev, warned>>

\* 0x0306: zpci_remove_reserved_devices(): a listed STANDBY zdev whose function
\* clp_get_state() reports RESERVED leaves zpci_list and zpci_device_reserved()
\* runs on it.  The lowest such instance first; none left: zpci_scan_devices().
ReservedByPlatform == {i \in Inst : listed[i] /\ phase[i] = "live" /\ zstate[i] = "Standby"
                                     /\ pstate[zfid[i]] = "Reserved"}
\* @source linux-6.12.117 arch/s390/pci/pci_event.c __zpci_event_availability "case 0x0306: /* 0x308 or 0x302 for multiple devices */" "zpci_remove_reserved_devices();" "zpci_scan_devices();"
\* @source linux-6.12.117 arch/s390/pci/pci.c zpci_remove_reserved_devices "list_move_tail(&zdev->entry, &remove);" "zpci_device_reserved(zdev);"
\* @fidelity simplified: the code moves every such zdev off zpci_list in one zpci_list_lock section and
\*   then reserves them one by one; the model takes one per step (the same when one function qualifies,
\*   as in every design that raises 0x0306).  zpci_device_reserved() runs without the zdev's state_lock
\*   (its lockdep_assert_held is not a ghost of the model).  clp_get_state() does not fail.
ZpciRemoveReservedDevices(t) ==
    /\ At(t, "zpci_event_availability", "remove_reserved")
    /\ IF ReservedByPlatform # {}
       THEN LET i == CHOOSE j \in ReservedByPlatform : \A k \in ReservedByPlatform : j <= k IN
            /\ zstate' = [zstate EXCEPT ![i] = "Reserved"]
            /\ listed' = [listed EXCEPT ![i] = FALSE]
            /\ Push(t, Top(t), PutFrame(i))
       ELSE Goto(t, "clp_list") /\ UNCHANGED <<zstate, listed>>
    /\ UNCHANGED <<lockVars, deviceVars, fwVars, zfid, dmaTable, phase, kref, zfh, sysfsVars, zlockVars, pdevZdev, warned>>

\* zpci_scan_devices() -> clp_scan_pci_devices(): CLP LIST PCI, __clp_add() for
\* each function, in FID order (FidOrder); a frame of its own whose dev is the
\* entry __clp_add() handles.
FidOrder == SelectSeq(<< "PF", "VF", "VF2" >>, LAMBDA f : f \in Fids)
FidIndex(f) == CHOOSE k \in 1..Len(FidOrder) : FidOrder[k] = f
\* @source linux-6.12.117 arch/s390/pci/pci.c zpci_scan_devices "rc = clp_scan_pci_devices(&scan_list);"
\* @source linux-6.12.117 arch/s390/pci/pci_clp.c clp_scan_pci_devices "rc = clp_list_pci(rrb, scan_list, __clp_add);"
\* @fidelity simplified: the CLP LIST call is not a step of its own: each entry's __clp_add() reads the
\*   platform's state when it runs (the same here: no other thread changes a function between them).
\*   clp_alloc_block() and clp_list_pci() do not fail.
ZpciScanDevices(t) ==
    /\ At(t, "zpci_event_availability", "clp_list")
    /\ Push(t, [Top(t) EXCEPT !.pc = "add_devices"], ZFrame("__clp_add", "entry", FidOrder[1], 0))
    /\ UNCHANGED <<lockVars, deviceVars, zVars>>

\* __clp_add() for the entry of function f: no vendor id (the platform has it
\* RESERVED): nothing; a zdev on zpci_list: get and put; else
\* zpci_create_device(fid, fh, config_state), whose answer a is "ok" or, if
\* ZpciCreateDeviceCanFail, "fail" (an ERR_PTR).  Since 42420c50c68f an
\* ERR_PTR returns; before it list_add_tail(&zdev->entry, scan_list) writes
\* through the error pointer (the ghost "errptr").  A created zdev goes on the
\* scan list: phase "new", the handler's list until zpci_add_devices().
CreateAnswers == IF ZpciCreateDeviceCanFail THEN {"ok", "fail"} ELSE {"ok"}
ClpAddCreates(f) == pstate[f] # "Reserved" /\ Lookup(f) = 0
\* @source linux-6.12.117 arch/s390/pci/pci_clp.c __clp_add "if (!entry->vendor_id)" "zdev = get_zdev_by_fid(entry->fid);" "zpci_zdev_put(zdev);" "zdev = zpci_create_device(entry->fid, entry->fh, entry->config_state);" "if (IS_ERR(zdev))" "list_add_tail(&zdev->entry, scan_list);"
\* @source linux-v6.15 42420c50c68f arch/s390/pci/pci_clp.c __clp_add
\* @source linux-6.12.117 arch/s390/pci/pci.c zpci_create_device "zdev = kzalloc(sizeof(*zdev), GFP_KERNEL);" "return ERR_PTR(-ENOMEM);" "rc = clp_query_pci_fn(zdev);" "return ERR_PTR(rc);"
\* @fidelity open: that the platform lists a RESERVED function without a vendor id, and whether
\*   kzalloc or clp_query_pci_fn() fails (ZpciCreateDeviceCanFail: each cfg sets it; the designs that
\*   set it TRUE are zpci-pre-createcheck and zpci-createcheck), are not in the source.  The get and put
\*   of a listed zdev are one step with no effect (the put is never the last: the listed zdev keeps its
\*   platform reference).  What follows a write through an ERR_PTR is undefined: the model records
\*   it and goes on as if the entry had been skipped.
ClpAdd(t, a) ==
    LET f == Dev(t)
        i == LowestFree
        k == FidIndex(Dev(t)) IN
    /\ At(t, "__clp_add", "entry")
    /\ IF ClpAddCreates(f)
       THEN /\ a \in CreateAnswers
            /\ IF a = "ok"
               THEN /\ FreeInst # {}
                    /\ zfid' = [zfid EXCEPT ![i] = f]
                    /\ zfh' = [zfh EXCEPT ![i] = pfh[f]]
                    /\ zstate' = [zstate EXCEPT ![i] = IF pstate[f] = "Configured" THEN "Configured" ELSE "Standby"]
                    /\ phase' = [phase EXCEPT ![i] = "new"]
                    /\ UNCHANGED warned
               ELSE /\ warned' = IF ZpciCreateDeviceErrChecked_42420c50c68f THEN warned ELSE warned \cup {"errptr"}
                    /\ UNCHANGED <<zfid, zfh, zstate, phase>>
       ELSE a = "ok" /\ UNCHANGED <<zfid, zfh, zstate, phase, warned>>
    /\ IF k < Len(FidOrder) THEN Upd(t, [Top(t) EXCEPT !.dev = FidOrder[k + 1]]) ELSE Return(t)
    /\ UNCHANGED <<lockVars, deviceVars, fwVars, kref, listed, sysfsVars, zlockVars, pdevZdev, dmaTable>>

\* zpci_add_devices(): each zdev of the scan list (phase "new": the handler is
\* the one thread that creates) by zpci_add_device(), lowest instance first.
ScanListed == {i \in Inst : phase[i] = "new"}
\* @source linux-6.12.117 arch/s390/pci/pci.c zpci_scan_devices "zpci_add_devices(&scan_list);"
\* @source linux-6.12.117 arch/s390/pci/pci.c zpci_add_devices "list_del_init(&zdev->entry);" "if (zpci_add_device(zdev))"
\* @fidelity simplified: list_sort() by RID is left out (one function per design raises 0x0306); the
\*   failure of zpci_add_device() (kfree) is not modelled, as in the event handler.
ZpciAddDevices(t) ==
    /\ At(t, "zpci_event_availability", "add_devices")
    /\ IF ScanListed # {}
       THEN LET i == CHOOSE j \in ScanListed : \A k \in ScanListed : j <= k IN
            Push(t, Top(t), ZFrame("zpci_add_device", "entry", zfid[i], i))
       ELSE Goto(t, "scan_busses")
    /\ UNCHANGED <<lockVars, deviceVars, zVars>>

\* zpci_bus_scan_busses(): scan every zbus for configured functions.
\* @source linux-6.12.117 arch/s390/pci/pci.c zpci_scan_devices "zpci_bus_scan_busses();"
\* @source linux-6.12.117 arch/s390/pci/pci_bus.c zpci_bus_scan_busses "zpci_bus_scan_bus(zbus);"
\* @fidelity simplified: only the case with nothing to scan is modelled: every listed CONFIGURED zdev
\*   has its pci_dev.  Otherwise the step is disabled, so TLC reports a deadlock if a design gets there
\*   (none does: the designs that raise 0x0306 create STANDBY zdevs only).  zbus_list_lock and the
\*   rescan lock taken per bus are not taken: nothing is scanned under them.
ZpciBusScanBusses(t) ==
    /\ At(t, "zpci_event_availability", "scan_busses")
    /\ \A i \in Inst : listed[i] /\ phase[i] = "live" /\ zstate[i] = "Configured" => pdevZdev[zfid[i]] = i
    /\ Goto(t, "unlock")
    /\ UNCHANGED <<lockVars, deviceVars, zVars>>

\* 0x0301: zpci_scan_configured_device().
\* @source linux-6.12.117 arch/s390/pci/pci_event.c __zpci_event_availability "zpci_scan_configured_device(zdev, ccdf->fh);"
\* @source linux-6.12.117 arch/s390/pci/pci.c zpci_scan_configured_device "zpci_update_fh(zdev, fh);" "return zpci_bus_scan_device(zdev);"
\* @source linux-6.12.117 arch/s390/pci/pci_bus.c zpci_bus_prepare_device "rc = zpci_enable_device(zdev);"
\* @source linux-6.12.117 arch/s390/pci/pci_bus.c zpci_bus_scan_device "pdev = pci_scan_single_device(zdev->zbus->bus, zdev->devfn);" "pci_lock_rescan_remove();" "pci_bus_add_device(pdev);"
\* @source linux-6.12.117 arch/s390/pci/pci.c pcibios_device_add "zpci_zdev_get(zdev);"
\* @source linux-6.1.176 arch/s390/pci/pci_event.c __zpci_event_availability "zpci_scan_configured_device(zdev, ccdf->fh);"
\* @source linux-6.1.176 arch/s390/pci/pci.c zpci_scan_configured_device "zpci_update_fh(zdev, fh);" "rc = zpci_bus_scan_device(zdev);"
\* @source linux-6.1.176 arch/s390/pci/pci_bus.c zpci_bus_prepare_device "rc = zpci_enable_device(zdev);"
\* @source qemu 001cb79d89af hw/s390x/s390-pci-inst.c clp_service_call "pbdev = s390_pci_find_dev_by_fh(s, ldl_be_p(&reqsetpci->fh));" "pbdev->state = ZPCI_FS_ENABLED;"
\* @source linux-6.1.176 arch/s390/pci/pci_bus.c zpci_bus_scan_device "pdev = pci_scan_single_device(zdev->zbus->bus, zdev->devfn);" "pci_bus_add_device(pdev);" "pci_lock_rescan_remove();"
\* @source linux-6.1.176 arch/s390/pci/pci.c pcibios_device_add "zpci_zdev_get(zdev);"
\* @fidelity simplified: one step; the rescan lock around pci_bus_add_device() is not taken: sound while
\*   no design has a thread that holds the rescan lock and then waits for this zdev's state_lock or for
\*   this thread (none of the zPCI threads does; it must be added with such a thread).  The enable is
\*   taken to succeed (open: the firmware's answer to an enable with a stale handle); a pci_dev left from
\*   before is reused rather than a second struct allocated (ScanPdev).  With FwQemu the enable is
\*   answered as QEMU answers it (QemuEnableOk): not open there.  6.1.y: zpci_dma_init_device()
\*   after the enable is taken to succeed (dmaTable "reg"); devfn 0 of a multifunction bus (zpci_bus_scan_bus()) is not a
\*   case of the model (one function per bus).
ZpciEventScan(t) ==
    /\ At(t, "zpci_event_availability", "scan")
    /\ ScanDevice(Dev(t), Z(t), Top(t).fh)
    /\ Goto(t, "unlock")
    /\ UNCHANGED <<lockVars, bound, numVfs, queue, fwLeft, zfid, zstate, phase, listed, sysfsVars, zlockVars, warned>>

\* mutex_unlock(&zdev->state_lock); zpci_zdev_put(zdev) for an existing zdev.
\* @source linux-6.12.117 arch/s390/pci/pci_event.c __zpci_event_availability "mutex_unlock(&zdev->state_lock);" "zpci_zdev_put(zdev);"
\* @source linux-6.1.176 arch/s390/pci/pci_event.c __zpci_event_availability "if (existing_zdev)" "zpci_zdev_put(zdev);"
\* @fidelity faithful: "if (existing_zdev)" is the frame's ref.  Before bcb5d6c76903 (6.1.y) only the put.
ZpciEventUnlock(t) ==
    LET i == Z(t) IN
    /\ At(t, "zpci_event_availability", "unlock")
    /\ IF Top(t).ref
       THEN /\ stateLock' = IF ZpciStateLock_bcb5d6c76903 THEN [stateLock EXCEPT ![i] = NoOwner] ELSE stateLock
            /\ IF ZpciRescanLockOutermost_BlockV3
               THEN Push(t, [Top(t) EXCEPT !.pc = "done", !.ref = FALSE, !.zdev = 0], PutFrame(i))
               ELSE Replace(t, PutFrame(i))
       ELSE /\ UNCHANGED stateLock
            /\ IF ZpciRescanLockOutermost_BlockV3 THEN Goto(t, "done") ELSE Return(t)
    /\ UNCHANGED <<lockVars, deviceVars, fwVars, zdevVars, sysfsVars, addRemoveLock, pdevZdev, warned>>

\* Block v3: pci_unlock_rescan_remove() at the end of the handler.
\* @source block-v3 patch2 arch/s390/pci/pci_event.c __zpci_event_availability
\* @fidelity faithful: Block v3 only.
ZpciEventDone(t) ==
    /\ At(t, "zpci_event_availability", "done")
    /\ UnlockRescan(t)
    /\ Return(t)
    /\ UNCHANGED <<deviceLock, deviceVars, zVars>>

-----------------------------------------------------------------------------
(* The hotplug slot's "power" attribute: disable_slot / enable_slot.        *)

\* The write to .../slots/<fid>/power: the attribute of the instance whose
\* slot is registered (none registered: no file, nothing happens).  Before
\* bcb5d6c76903 no state_lock: the handler goes on at unlockedPc.
PowerEntry(t, proc, unlockedPc) ==
    /\ IF \E i \in Inst : slot[i] /\ zfid[i] = Dev(t)
       THEN Upd(t, [Top(t) EXCEPT !.pc = IF ZpciStateLock_bcb5d6c76903 THEN "lock" ELSE unlockedPc,
                                  !.zdev = CHOOSE i \in Inst : slot[i] /\ zfid[i] = Dev(t)])
       ELSE Return(t)
    /\ UNCHANGED <<lockVars, deviceVars, zVars>>

PowerLock(t, proc, next) ==
    /\ stateLock[Z(t)] = NoOwner
    /\ stateLock' = [stateLock EXCEPT ![Z(t)] = t]
    /\ Goto(t, next)
    /\ UNCHANGED <<lockVars, deviceVars, fwVars, zdevVars, sysfsVars, addRemoveLock, pdevZdev, warned>>

\* @source linux-6.12.117 drivers/pci/hotplug/pci_hotplug_core.c power_write_file "retval = slot->ops->disable_slot(slot);"
\* @source linux-6.1.176 drivers/pci/hotplug/s390_pci_hpc.c disable_slot "struct zpci_dev *zdev = container_of(hotplug_slot, struct zpci_dev,"
\* @fidelity simplified: the sysfs write and the container_of() are one step (PowerEntry); no slot
\*   registered means no file to write.
DisableSlot(t) == At(t, "disable_slot", "entry") /\ PowerEntry(t, "disable_slot", "check")

\* mutex_lock(&zdev->state_lock).
\* @source linux-6.12.117 drivers/pci/hotplug/s390_pci_hpc.c disable_slot "mutex_lock(&zdev->state_lock);"
\* @fidelity faithful
DisableSlotLock(t) == At(t, "disable_slot", "lock") /\ PowerLock(t, "disable_slot", "check")

\* Not CONFIGURED: -EIO.  Otherwise pdev = pci_get_slot().
\* @source linux-6.12.117 drivers/pci/hotplug/s390_pci_hpc.c disable_slot "if (zdev->state != ZPCI_FN_STATE_CONFIGURED) {" "pdev = pci_get_slot(zdev->zbus->bus, zdev->devfn);"
\* @source linux-6.1.176 drivers/pci/hotplug/s390_pci_hpc.c disable_slot "if (zdev->state != ZPCI_FN_STATE_CONFIGURED)" "return -EIO;" "pdev = pci_get_slot(zdev->zbus->bus, zdev->devfn);"
\* @fidelity faithful: before bcb5d6c76903 (6.1.y) the check is made without a lock and -EIO returns.
DisableSlotCheck(t) ==
    LET f == Dev(t) IN
    /\ At(t, "disable_slot", "check")
    /\ IF zstate[Z(t)] # "Configured"
       THEN (IF ZpciStateLock_bcb5d6c76903 THEN Goto(t, "unlock") ELSE Return(t)) /\ UNCHANGED pdevRef
       ELSE IF added[f]
            THEN pdevRef' = [pdevRef EXCEPT ![f] = @ + 1] /\ Upd(t, [Top(t) EXCEPT !.pc = "busy", !.pdev = 1])
            ELSE Goto(t, "busy") /\ UNCHANGED pdevRef
    /\ UNCHANGED <<lockVars, bound, dead, added, removeCount, numVfs, zVars>>

\* A PF with VFs: -EBUSY (before 05a2538f2b48 with a pci_dev_put() here as
\* well as at "out").  Otherwise zpci_deconfigure_device().
\* @source linux-6.12.117 drivers/pci/hotplug/s390_pci_hpc.c disable_slot "if (pdev && pci_num_vf(pdev)) {" "rc = -EBUSY;" "rc = zpci_deconfigure_device(zdev);"
\* @source linux-6.12.117-before 05a2538f2b48 drivers/pci/hotplug/s390_pci_hpc.c disable_slot
\* @fidelity faithful: ~ZpciDisableSlotPutOnce_05a2538f2b48 is the code before 05a2538f2b48 (a put in the -EBUSY branch as well).
DisableSlotBusy(t) ==
    LET f == Dev(t) IN
    /\ ZpciStateLock_bcb5d6c76903
    /\ At(t, "disable_slot", "busy")
    /\ IF Top(t).pdev = 1 /\ f = PF /\ numVfs > 0
       THEN IF ~ZpciDisableSlotPutOnce_05a2538f2b48
            THEN PdevPutThen(t, f, [Top(t) EXCEPT !.pc = "out", !.pdev = 2])
            ELSE Goto(t, "out") /\ UNCHANGED pdevRef
       ELSE Push(t, [Top(t) EXCEPT !.pc = "out"], ZFrame("zpci_deconfigure_device", "entry", f, Z(t)))
            /\ UNCHANGED pdevRef
    /\ UNCHANGED <<lockVars, bound, dead, added, removeCount, numVfs, zVars>>

\* Before bcb5d6c76903 (6.1.y): a PF with VFs: pci_dev_put(), -EBUSY; otherwise
\* pci_dev_put(pdev) (NULL: nothing) and then zpci_deconfigure_device(): the
\* reference goes before the deconfigure (no state_lock to hold).
\* @source linux-6.1.176 drivers/pci/hotplug/s390_pci_hpc.c disable_slot "if (pdev && pci_num_vf(pdev)) {" "pci_dev_put(pdev);" "return -EBUSY;"
\* @fidelity faithful
DisableSlotPdevPut(t) ==
    LET f == Dev(t)
        next == IF Top(t).pdev = 1 /\ f = PF /\ numVfs > 0 THEN "return" ELSE "deconfigure" IN
    /\ ~ZpciStateLock_bcb5d6c76903
    /\ At(t, "disable_slot", "busy")
    /\ IF Top(t).pdev = 1
       THEN PdevPutThen(t, f, [Top(t) EXCEPT !.pc = next, !.pdev = 0])
       ELSE Goto(t, next) /\ UNCHANGED pdevRef
    /\ UNCHANGED <<lockVars, bound, dead, added, removeCount, numVfs, zVars>>

\* 6.1.y: return zpci_deconfigure_device(zdev); (the handler runs in "power" until it returns).
\* @source linux-6.1.176 drivers/pci/hotplug/s390_pci_hpc.c disable_slot "return zpci_deconfigure_device(zdev);"
\* @fidelity faithful: the call, then DisableSlotReturn.
DisableSlotDeconfigure(t) ==
    /\ At(t, "disable_slot", "deconfigure")
    /\ Push(t, [Top(t) EXCEPT !.pc = "return"], ZFrame("zpci_deconfigure_device", "entry", Dev(t), Z(t)))
    /\ UNCHANGED <<lockVars, deviceVars, zVars>>

\* out: since 47c397844869 pci_dev_put(pdev) comes first, with state_lock
\* still held; before it, mutex_unlock comes first.
\* @source linux-6.12.117 drivers/pci/hotplug/s390_pci_hpc.c disable_slot "pci_dev_put(pdev);" "mutex_unlock(&zdev->state_lock);"
\* @source linux-6.12.117-before 47c397844869 drivers/pci/hotplug/s390_pci_hpc.c disable_slot
\* @fidelity faithful: since 47c397844869 the put comes first, with state_lock held.
DisableSlotOut(t) ==
    /\ At(t, "disable_slot", "out")
    /\ IF ZpciPutBeforeUnlock_47c397844869
       THEN /\ IF Top(t).pdev # 0
               THEN PdevPutThen(t, Dev(t), [Top(t) EXCEPT !.pc = "unlock", !.pdev = 0])
               ELSE Goto(t, "unlock") /\ UNCHANGED pdevRef
            /\ UNCHANGED stateLock
       ELSE /\ stateLock' = [stateLock EXCEPT ![Z(t)] = NoOwner]
            /\ Goto(t, "put") /\ UNCHANGED pdevRef
    /\ UNCHANGED <<rescanLock, rescanWarned, deviceLock, bound, dead, added, removeCount, numVfs,
                   fwVars, zdevVars, sysfsVars, addRemoveLock, pdevZdev, warned>>

\* mutex_unlock(&zdev->state_lock); return (since 47c397844869).
\* @source linux-6.12.117 drivers/pci/hotplug/s390_pci_hpc.c disable_slot "mutex_unlock(&zdev->state_lock);"
\* @fidelity faithful
DisableSlotUnlock(t) ==
    /\ At(t, "disable_slot", "unlock")
    /\ stateLock' = [stateLock EXCEPT ![Z(t)] = NoOwner]
    /\ IF ZpciPutBeforeUnlock_47c397844869 THEN Return(t) ELSE Goto(t, "put")
    /\ UNCHANGED <<lockVars, deviceVars, fwVars, zdevVars, sysfsVars, addRemoveLock, pdevZdev, warned>>

\* Before 47c397844869: pci_dev_put(pdev) after the unlock.
\* @source linux-6.12.117-before 47c397844869 drivers/pci/hotplug/s390_pci_hpc.c disable_slot
\* @fidelity faithful: the code before 47c397844869 only.
DisableSlotPut(t) ==
    /\ At(t, "disable_slot", "put")
    /\ IF Top(t).pdev # 0
       THEN PdevPutThen(t, Dev(t), [Top(t) EXCEPT !.pc = "return", !.pdev = 0])
       ELSE Return(t) /\ UNCHANGED pdevRef
    /\ UNCHANGED <<lockVars, bound, dead, added, removeCount, numVfs, zVars>>

\* disable_slot returns (the sysfs handler ends after its last put returned).
\* @source linux-6.12.117 drivers/pci/hotplug/s390_pci_hpc.c disable_slot "return rc;"
\* @source linux-6.1.176 drivers/pci/hotplug/s390_pci_hpc.c disable_slot "return zpci_deconfigure_device(zdev);"
\* @fidelity faithful: the return after a put that ran a release (the caller frame continues); 6.1.y:
\*   the return of zpci_deconfigure_device()'s result, or of -EBUSY.
DisableSlotReturn(t) ==
    /\ At(t, "disable_slot", "return")
    /\ Return(t)
    /\ UNCHANGED <<lockVars, deviceVars, zVars>>

\* @source linux-6.12.117 drivers/pci/hotplug/pci_hotplug_core.c power_write_file "retval = slot->ops->enable_slot(slot);"
\* @source linux-6.1.176 drivers/pci/hotplug/s390_pci_hpc.c enable_slot "struct zpci_dev *zdev = container_of(hotplug_slot, struct zpci_dev,"
\* @fidelity simplified: as DisableSlot.
EnableSlot(t) == At(t, "enable_slot", "entry") /\ PowerEntry(t, "enable_slot", "configure")
\* @source linux-6.12.117 drivers/pci/hotplug/s390_pci_hpc.c enable_slot "mutex_lock(&zdev->state_lock);"
\* @fidelity faithful
EnableSlotLock(t) == At(t, "enable_slot", "lock") /\ PowerLock(t, "enable_slot", "configure")

\* Require STANDBY; sclp_pci_configure() (fails unless the platform has the
\* function in standby); CONFIGURED.
\* @source linux-6.12.117 drivers/pci/hotplug/s390_pci_hpc.c enable_slot "if (zdev->state != ZPCI_FN_STATE_STANDBY) {" "rc = sclp_pci_configure(zdev->fid);" "zdev->state = ZPCI_FN_STATE_CONFIGURED;"
\* @source linux-6.1.176 drivers/pci/hotplug/s390_pci_hpc.c enable_slot "if (zdev->state != ZPCI_FN_STATE_STANDBY)" "rc = sclp_pci_configure(zdev->fid);" "zdev->state = ZPCI_FN_STATE_CONFIGURED;"
\* @source qemu 001cb79d89af hw/s390x/s390-pci-bus.c s390_pci_sclp_configure "pbdev->state = ZPCI_FS_DISABLED;"
\* @fidelity open: that the SCLP configure succeeds exactly when the platform has the function in
\*   standby (and leaves it disabled, with its handle) is an assumption about the firmware (QEMU: so;
\*   RESERVED answers SCLP_RC_ADAPTER_IN_RESERVED_STATE, CONFIGURED "no action required").  Before
\*   bcb5d6c76903 (6.1.y) the failures return at once (no state_lock to drop).
EnableSlotConfigure(t) ==
    LET f == Dev(t)
        i == Z(t) IN
    /\ At(t, "enable_slot", "configure")
    /\ IF zstate[i] = "Standby" /\ pstate[f] = "Standby"
       THEN /\ pstate' = [pstate EXCEPT ![f] = "Configured"]
            /\ zstate' = [zstate EXCEPT ![i] = "Configured"]
            /\ Goto(t, "scan")
       ELSE (IF ZpciStateLock_bcb5d6c76903 THEN Goto(t, "unlock") ELSE Return(t)) /\ UNCHANGED <<pstate, zstate>>
    /\ UNCHANGED <<lockVars, deviceVars, queue, fwLeft, pfh, zfid, dmaTable, phase, kref, listed, zfh, sysfsVars, zlockVars, pdevZdev, warned>>

\* zpci_scan_configured_device().
\* @source linux-6.12.117 drivers/pci/hotplug/s390_pci_hpc.c enable_slot "rc = zpci_scan_configured_device(zdev, zdev->fh);"
\* @source linux-6.1.176 drivers/pci/hotplug/s390_pci_hpc.c enable_slot "return zpci_scan_configured_device(zdev, zdev->fh);"
\* @fidelity simplified: as ZpciEventScan (no rescan lock around pci_bus_add_device; enable succeeds).
\*   6.1.y: a tail call, the handler returns.
EnableSlotScan(t) ==
    /\ At(t, "enable_slot", "scan")
    /\ ScanDevice(Dev(t), Z(t), zfh[Z(t)])
    /\ IF ZpciStateLock_bcb5d6c76903 THEN Goto(t, "unlock") ELSE Return(t)
    /\ UNCHANGED <<lockVars, bound, numVfs, queue, fwLeft, zfid, zstate, phase, listed, sysfsVars, zlockVars, warned>>

\* @source linux-6.12.117 drivers/pci/hotplug/s390_pci_hpc.c enable_slot "mutex_unlock(&zdev->state_lock);"
\* @fidelity faithful
EnableSlotUnlock(t) ==
    /\ At(t, "enable_slot", "unlock")
    /\ stateLock' = [stateLock EXCEPT ![Z(t)] = NoOwner]
    /\ Return(t)
    /\ UNCHANGED <<lockVars, deviceVars, fwVars, zdevVars, sysfsVars, addRemoveLock, pdevZdev, warned>>

\* Someone holding the pci_dev (a driver, vfio, the network stack) lets go.
\* @source linux-6.12.117 drivers/pci/pci-driver.c pci_dev_put "put_device(&dev->dev);"
\* @fidelity simplified: the holder (a driver, vfio, the network stack) is not kernel code of the model:
\*   only its last pci_dev_put(), at any time.
PciDevPut(t) ==
    /\ At(t, "pdev_holder", "entry")
    /\ PdevPutReturn(t, Dev(t))
    /\ UNCHANGED <<lockVars, bound, dead, added, removeCount, numVfs, zVars>>

-----------------------------------------------------------------------------
ZpciStep(t) ==
    \/ ZpciZdevPut(t) \/ ZpciZdevPutKref(t) \/ ZpciZdevPutUnlock(t)
    \/ ZpciReleaseDeviceBusRemove(t) \/ (\E a \in {"none", "fail", "already", "success"} : ZpciReleaseDeviceDisable(t, a))
    \/ ZpciReleaseDeviceState(t) \/ ZpciDeviceReserved(t)
    \/ ZpciReleaseDevice(t) \/ ZpciCleanupBusResources(t) \/ ZpciCleanupBusResourcesUnlock(t)
    \/ ZpciDestroyIommu(t)
    \/ PcibiosReleaseDevice(t) \/ PcibiosReleaseDeviceUnlock(t)
    \/ ZpciAddDevice(t) \/ ZpciInitIommu(t) \/ ZpciInitSlot(t)
    \/ ZpciBusRemoveDevice(t) \/ ZpciBusRemoveDevicePut(t)
    \/ ZpciDeconfigureDevice(t) \/ ZpciDmaExitDevice(t) \/ ZpciDmaExitDeviceFree(t) \/ (\E a \in {"none", "fail", "already", "success"} : ZpciDisableDevice(t, a))
    \/ ZpciDeconfigureDeviceSclp(t)
    \/ ZpciEventAvailability(t) \/ ZpciEventGetZdev(t) \/ ZpciEventStateLock(t) \/ ZpciEventSwitch(t)
    \/ ZpciEventHardDeconfigured(t) \/ ZpciEventScan(t) \/ ZpciEventUnlock(t) \/ ZpciEventDone(t)
    \/ ZpciRemoveReservedDevices(t) \/ ZpciScanDevices(t) \/ (\E a \in {"ok", "fail"} : ClpAdd(t, a))
    \/ ZpciAddDevices(t) \/ ZpciBusScanBusses(t)
    \/ DisableSlot(t) \/ DisableSlotLock(t) \/ DisableSlotCheck(t) \/ DisableSlotBusy(t)
    \/ DisableSlotPdevPut(t) \/ DisableSlotDeconfigure(t)
    \/ DisableSlotOut(t) \/ DisableSlotUnlock(t) \/ DisableSlotPut(t) \/ DisableSlotReturn(t)
    \/ EnableSlot(t) \/ EnableSlotLock(t) \/ EnableSlotConfigure(t) \/ EnableSlotScan(t) \/ EnableSlotUnlock(t)
    \/ PciDevPut(t)

\* A kernel thread's step (the firmware is the environment, not a thread
\* that must progress).
KernelStep(t) == ThreadStep(t) \/ ZpciStep(t)

\* All operations returned and every raised event handled: stuttering.
ZTerminated == (\A t \in Threads : stack[t] = << >>) /\ queue = << >> /\ UNCHANGED allVars

ZNext == (\E t \in Threads : KernelStep(t)
                             \/ (\E f \in FwFids, pec \in FwPecs, s \in PStates : FirmwareEvent(t, f, pec, s)))
         \/ ZTerminated

ZSpec == ZInit /\ [][ZNext]_allVars /\ \A t \in Threads \ {"firmware"} : WF_allVars(KernelStep(t))

-----------------------------------------------------------------------------
(* Invariants and properties                                                *)

FrameIds == UNION {{<<t, k>> : k \in 1..Len(stack[t])} : t \in Threads}
Fr(id) == stack[id[1]][id[2]]
\* The temporary and in-flight references: frames that own a kref of i.
RefHolders(i) == Cardinality({id \in FrameIds : IsZFrame(Fr(id)) /\ Fr(id).ref /\ Fr(id).zdev = i})
\* Threads holding a pci_dev reference to d (pci_get_slot, the holder).
PdevHolders(d) == Cardinality({id \in FrameIds : IsZFrame(Fr(id)) /\ Fr(id).pdev = 1 /\ Fr(id).dev = d})

\* The zdev reference count equals its holders (c122383d221d, 4b1815a52d7e):
\* platform presence (not RESERVED), every pci_dev that references it, and
\* every reference a thread took (get_zdev_by_fid) or is dropping.
KrefEqualsHoldersInv ==
    \A i \in Inst : phase[i] = "live" =>
        kref[i] = (IF zstate[i] # "Reserved" THEN 1 ELSE 0)
                  + Cardinality({d \in Devices : pdevZdev[d] = i})
                  + RefHolders(i)

\* The pci_dev reference count equals its holders: the bus while it is added,
\* and every pci_get_slot()/holder reference not yet put.  A count below its
\* holders is the use-after-free 05a2538f2b48 fixed.
PdevRefEqualsHoldersInv ==
    \A d \in Fids : pdevRef[d] = (IF added[d] THEN 1 ELSE 0) + PdevHolders(d)

\* No code runs on a zdev that has been freed, and no pci_dev points to one.
NoUseAfterFreeInv ==
    /\ \A id \in FrameIds : IsZFrame(Fr(id)) /\ Fr(id).zdev # 0 => phase[Fr(id).zdev] # "freed"
    /\ \A d \in Devices : pdevZdev[d] # 0 => phase[pdevZdev[d]] # "freed"

\* At most one live instance per FID: one IOMMU sysfs directory (named by the
\* FID: a second one is the clash of seed 000) and one hotplug slot.
OneInstancePerFidInv ==
    \A f \in Fids :
        /\ Cardinality({i \in Inst : iommu[i] /\ zfid[i] = f}) <= 1
        /\ Cardinality({i \in Inst : slot[i] /\ zfid[i] = f}) <= 1

\* A hotplug slot is deregistered at most once (c4a585e952ca).
SlotDeregisteredOnceInv == \A i \in Inst : slotDeregs[i] <= 1

\* A sysfs handler (the slot's power attribute) never deletes the directory
\* of the attribute it runs in (47c397844869).
NoSelfDeleteInv == "selfdelete" \notin warned

\* zpci_release_device() runs only in RESERVED (its WARN_ON, c4a585e952ca):
\* outside RESERVED the pre-c4a585e952ca code removed the slot twice.
ReleaseOnlyReservedInv == "release-not-reserved" \notin warned

\* No code uses an error pointer from zpci_create_device() as a zdev (42420c50c68f:
\* __clp_add()'s list_add_tail(&zdev->entry, scan_list) on an ERR_PTR).
NoErrPtrUseInv == "errptr" \notin warned

\* Block v3: zpci_zdev_put() runs with the rescan lock held (its lockdep assert).
ZdevPutUnderRescanLockInv == "lockdep" \notin warned

\* Under fairness, a RESERVED zdev is eventually released (or reappears):
\* when its last holder lets go, nothing keeps it alive.
ReservedEventuallyReleased ==
    \A i \in Inst : (phase[i] = "live" /\ zstate[i] = "Reserved") ~> (phase[i] = "freed" \/ zstate[i] # "Reserved")

\* A function the platform returned to Standby is eventually usable: a live,
\* listed STANDBY zdev with its hotplug slot (so "power" can configure it),
\* unless the platform moves it on first.
Usable(f) == \E i \in Inst : phase[i] = "live" /\ listed[i] /\ zfid[i] = f /\ zstate[i] = "Standby" /\ slot[i]
StandbyEventuallyUsable == \A f \in Fids : (pstate[f] = "Standby") ~> (Usable(f) \/ pstate[f] # "Standby")

-----------------------------------------------------------------------------
(* Swimlane view (make review): PciCore's, with the zPCI threads, frames    *)
(* and locks (see PciCore's section for how the review reads them).         *)

LOCAL INSTANCE TLC  \* ToString

\* The columns: PciCore's, then the platform, the event handler, the slot's power attribute and the holder.
ZSwimlaneThreads == SwimlaneThreads \o SelectSeq(<< "firmware", "zpci_event", "power_off", "power_on", "pdev_holder" >>,
                                                 LAMBDA t : t \in Threads)
ZSwimlanePositionVars == SwimlanePositionVars

\* A zPCI frame names its zdev instance and the event it handles: zpci_event_availability(PF zdev 1 0x0304):switch.
ZSwimlaneFrame(fr) ==
    IF ~IsZFrame(fr) THEN SwimlaneFrame(fr)
    ELSE fr.proc \o "(" \o fr.dev \o (IF fr.zdev # 0 THEN " zdev " \o ToString(fr.zdev) ELSE "")
         \o (IF fr.pec # "none" THEN " " \o fr.pec ELSE "") \o "):" \o fr.pc
\* The event handler between events: the next queued event (function, PEC, handle).
ZSwimlanePosition(t) ==
    IF stack[t] # << >> THEN ZSwimlaneFrame(Top(t))
    ELSE IF t = "zpci_event" /\ queue # << >>
         THEN "next event: " \o Head(queue)[1] \o " " \o Head(queue)[2] \o " " \o ToString(Head(queue)[3])
         ELSE ""
\* The firmware is the environment, never a thread that waits.
ZSwimlaneBusy(t) == stack[t] # << >> \/ (t = "zpci_event" /\ queue # << >>)

ZSwimlaneStateLock(i) == "state_lock(" \o zfid[i] \o " zdev " \o ToString(i) \o ")"
ZSwimlaneAddRemoveLock == "zpci_add_remove_lock"
\* PciCore's locks, then the zdevs' state_locks, then zpci_add_remove_lock.
ZSwimlaneHolds(t) ==
    LET mine == SelectSeq([i \in Inst |-> i], LAMBDA i : stateLock[i] = t) IN
    SwimlaneHolds(t)
    \o [k \in 1..Len(mine) |-> ZSwimlaneStateLock(mine[k])]
    \o (IF addRemoveLock = t THEN << ZSwimlaneAddRemoveLock >> ELSE << >>)

\* PciCore's, and the zPCI steps that wait for a lock (by their enabling conditions).
ZSwimlaneNeeds(t) ==
    IF stack[t] = << >>
    THEN IF t = "zpci_event" /\ queue # << >> /\ ZpciRescanLockOutermost_BlockV3   \* ZpciEventAvailability (Block v3): CanLockRescan
         THEN SwimlaneRescanWait ELSE SwimlaneNoWait
    ELSE LET at == << Top(t).proc, Top(t).pc >> IN
    CASE at \in {<< "zpci_zdev_put", "entry" >>,                  \* ZpciZdevPut: addRemoveLock = NoOwner
                 << "zpci_add_device", "entry" >>} /\ ZpciAddRemoveLock_774a1fa880bc  \* ZpciAddDevice
            -> SwimlaneWait(ZSwimlaneAddRemoveLock, {addRemoveLock} \ {NoOwner})
      [] at \in {<< "zpci_event_availability", "state_lock" >>,   \* ZpciEventStateLock: stateLock[i] = NoOwner
                 << "disable_slot", "lock" >>,                    \* DisableSlotLock
                 << "enable_slot", "lock" >>}                     \* EnableSlotLock
            -> SwimlaneWait(ZSwimlaneStateLock(Z(t)), {stateLock[Z(t)]} \ {NoOwner})
      \* ZpciReleaseDevice: no other thread in the slot's power attribute (the kernfs drain)
      [] at = << "zpci_release_device", IF OldRelease THEN "exit_slot" ELSE "entry" >>
            -> SwimlaneWait("slot power attribute (kernfs drain)", {u \in Threads \ {t} : InPowerAttr(u, Z(t))})
      [] \/ at = << "zpci_release_device", "cleanup" >> /\ ~ZpciRescanLockOutermost_BlockV3     \* ZpciCleanupBusResources: CanLockRescan
         \/ at = << "pcibios_release_device", "entry" >> /\ ZpciRescanLockOutermost_BlockV3     \* PcibiosReleaseDevice: CanLockRescan
            -> SwimlaneRescanWait
      [] OTHER -> SwimlaneNeeds(t)
=============================================================================
