------------------------------ MODULE PciCore ------------------------------
(***************************************************************************)
(* The PCI core side of the device lifecycle: pci_rescan_remove_lock,     *)
(* device_lock, driver binding, kill_device, and SR-IOV VF removal         *)
(* (drivers/pci/{probe,remove,pci-sysfs,iov}.c, drivers/base/{core,dd}.c). *)
(*                                                                         *)
(* Every thread runs kernel code as a call stack of frames                 *)
(* [proc, pc, dev]: one action is one atomic step of one thread, at the    *)
(* granularity where a lock is taken or released or shared state changes.  *)
(* An action is named after the kernel function whose step it is, and     *)
(* takes the thread as its only parameter.                                 *)
(*                                                                         *)
(* A design is a combination of feature constants, each named after the   *)
(* commit or proposal whose code it switches on (see "Features"); the     *)
(* design's cfg sets every one of them.                                    *)
(***************************************************************************)
EXTENDS Naturals, Sequences, FiniteSets

CONSTANTS
    Threads,    \* the concurrent operations, by name (see Task)
    \* How many VFs the PF has enabled: one, or two where Block's deadlock A needs them (the releaser of
    \* one waits while the other is removed).  They are named "VF" and "VF2".
    VFs,
    \* Nechita patch 1 (v7 to v14): pci_lock_rescan_remove() is reentrant (v7-v13: mutex_get_owner() ==
    \* current and a global count; v14: an owner variable and a depth, the same on every modelled path).
    RescanLockReentrant_NechitaPatch1,
    \* 05703271c3cd (and Nechita patch 1): sriov_del_vfs() takes the rescan lock itself.  FALSE:
    \* a5338e365c45 as 6.1.192 and 6.12.117 have it, the rescan lock taken in sriov_numvfs_store().
    SriovDelVfsLocks_05703271c3cd,
    \* Nechita v10 patch 2: remove_store() calls device_release_driver() before the locked removal.
    RemoveStoreReleasesFirst_NechitaV10,
    \* Nechita v11 patch 2: remove_store() does device_lock; kill_device; device_unlock before the release,
    \* so nothing can bind (with RemoveStoreReleasesFirst_NechitaV10: v11 releases first as v10 does).
    RemoveStoreKillsFirst_NechitaV11,
    \* The proposal for v11's known limitation: pci_stop_and_remove_bus_device_locked(), which
    \* remove_store() and the hotplug drivers call, does v11's device_lock; kill_device; device_unlock;
    \* device_release_driver() itself, before it takes the rescan lock (and remove_store() calls it plainly
    \* again).  Every path then takes device_lock(PF) before the rescan lock while the PF's driver can
    \* still be bound.
    LockedRemovalReleasesFirst_ProposalUnbindHotplug,
    \* 6d6d962a8dc2 (v6.13, "PCI: make pci_stop_dev concurrent safe") with its
    \* companion in the same series ("make pci_destroy_dev concurrent safe"):
    \* pci_stop_dev() test-and-clears PCI_DEV_ADDED, pci_destroy_dev() test-and-sets
    \* PCI_DEV_REMOVED.  FALSE: 6.1.192 and 6.12.117 (pci_dev_is_added() checked,
    \* cleared after the release; kobj.parent checked).
    PciStopDevAtomic_6d6d962a8dc2

ASSUME VFs \in {1, 2}
ASSUME {PciStopDevAtomic_6d6d962a8dc2, RescanLockReentrant_NechitaPatch1, SriovDelVfsLocks_05703271c3cd,
        RemoveStoreReleasesFirst_NechitaV10, RemoveStoreKillsFirst_NechitaV11,
        LockedRemovalReleasesFirst_ProposalUnbindHotplug} \subseteq BOOLEAN
\* v11 is v10 with kill_device() first.
ASSUME RemoveStoreKillsFirst_NechitaV11 => RemoveStoreReleasesFirst_NechitaV10

\* One PF with SR-IOV enabled and its VFs (one, or two where Block's deadlock A
\* needs them; see VFs): every documented race needs just these.
PF == "PF"
VF == "VF"
NoOwner == "none"

-----------------------------------------------------------------------------
(* Features                                                                 *)

\* a5338e365c45 takes the rescan lock in sriov_numvfs_store(); 05703271c3cd moves it into sriov_del_vfs().
NumvfsStoreLocks == ~SriovDelVfsLocks_05703271c3cd

\* The VFs of the PF, in the order sriov_del_vfs() removes them.
VfSeq == SubSeq(<< "VF", "VF2" >>, 1, VFs)
VFSet == {VfSeq[k] : k \in 1..Len(VfSeq)}
Devices == {PF} \cup VFSet

(***************************************************************************)
(* The operations a thread can run; a thread's name says which one and on *)
(* which device.  A design's cfg picks the set Threads.                    *)
(***************************************************************************)
Task == [t \in Threads |->
    CASE t = "remove_store"       -> [proc |-> "remove_store", dev |-> PF]
      [] t = "unbind_store"       -> [proc |-> "unbind_store", dev |-> PF]
      [] t = "bind_store"         -> [proc |-> "bind_store", dev |-> PF]
      [] t = "sriov_numvfs_store" -> [proc |-> "sriov_numvfs_store", dev |-> PF]
      \* Platform hot-unplug: the hotplug driver's removal handler runs
      \* pci_stop_and_remove_bus_device_locked() on the device.
      [] t = "hotplug_pf"         -> [proc |-> "pci_stop_and_remove_bus_device_locked", dev |-> PF]
      [] t = "hotplug_vf"         -> [proc |-> "pci_stop_and_remove_bus_device_locked", dev |-> VF]
      \* zPCI threads (firmware, event handler, slot power...) start in ZpciLifecycle.
      [] OTHER                    -> [proc |-> "none", dev |-> PF]]
CoreThreads == {"remove_store", "unbind_store", "bind_store", "sriov_numvfs_store", "hotplug_pf", "hotplug_vf"}

-----------------------------------------------------------------------------
VARIABLES
    stack,          \* stack[t]: thread t's call stack, top frame last; <<>> once finished
    rescanLock,     \* pci_rescan_remove_lock: [owner, depth]
    \* @ghost rescanWarned: set when a thread unlocks the rescan lock without holding it (v14's WARN; in
    \*   v11 and the plain mutex a silent misuse); no action reads it, only NoForeignRescanUnlockInv.
    rescanWarned,
    deviceLock,     \* deviceLock[d]: the thread holding device_lock(d), or NoOwner
    bound,          \* bound[d]: a driver is bound to d
    dead,           \* dead[d]: dev->p->dead, set by kill_device()
    added,          \* added[d]: d is on its bus (bus->devices, the bus's reference), until
                    \* pci_destroy_dev()'s list_del/put; PCI_DEV_ADDED is PciDevIsAdded(d)
    \* @ghost removeCount: how often d went through device_del(); the kernel keeps only whether it did
    \*   (kobj.parent == NULL once kobject_del() ran), and the actions read only removeCount > 0.
    removeCount,
    numVfs,         \* PF's iov->num_VFs
    pdevRef         \* pdevRef[d]: the struct device kref of pci_dev d (zPCI designs only;
                    \* constant in the PCI-core designs, which do not model pci_dev lifetime)

\* The state of a module that extends the core (ZpciLifecycle): every PCI-core action leaves it unchanged.
\* The core has none; that module's cfgs replace ext by its variables (CONSTANT ext <- zVars).
ext == << >>

lockVars == <<rescanLock, rescanWarned, deviceLock>>
deviceVars == <<bound, dead, added, removeCount, numVfs, pdevRef>>
vars == <<stack, lockVars, deviceVars>>

Frame(proc, pc, dev) == [proc |-> proc, pc |-> pc, dev |-> dev]
Procs == {"remove_store", "unbind_store", "bind_store", "sriov_numvfs_store",
          "pci_stop_and_remove_bus_device_locked", "pci_stop_and_remove_bus_device",
          "device_release_driver", "sriov_del_vfs"}
Labels == {"entry", "kill_device", "release", "stop_and_remove", "unlock", "probe", "configure",
           "lock_rescan", "vf2", "assign_added", "destroy", "device_del", "del_done"}
FrameType == [proc : Procs, pc : Labels, dev : Devices]

TypeOK ==
    /\ stack \in [Threads -> Seq(FrameType)]
    /\ rescanLock \in [owner : Threads \cup {NoOwner}, depth : Nat]
    /\ rescanWarned \in BOOLEAN
    /\ deviceLock \in [Devices -> Threads \cup {NoOwner}]
    /\ bound \in [Devices -> BOOLEAN]
    /\ dead \in [Devices -> BOOLEAN]
    /\ added \in [Devices -> BOOLEAN]
    /\ removeCount \in [Devices -> Nat]
    /\ numVfs \in 0..VFs
    /\ pdevRef \in [Devices -> Nat]

Init ==
    /\ stack = [t \in Threads |-> << Frame(Task[t].proc, "entry", Task[t].dev) >>]
    /\ rescanLock = [owner |-> NoOwner, depth |-> 0]
    /\ rescanWarned = FALSE
    /\ deviceLock = [d \in Devices |-> NoOwner]
    /\ bound = [d \in Devices |-> TRUE]
    /\ dead = [d \in Devices |-> FALSE]
    /\ added = [d \in Devices |-> TRUE]
    /\ removeCount = [d \in Devices |-> 0]
    /\ numVfs = VFs
    /\ pdevRef = [d \in Devices |-> 1]

-----------------------------------------------------------------------------
(* Stack helpers: the top frame, and how a step moves on.                   *)

Top(t) == stack[t][Len(stack[t])]
At(t, proc, pc) == stack[t] # << >> /\ Top(t).proc = proc /\ Top(t).pc = pc
Dev(t) == Top(t).dev
Rest(t) == SubSeq(stack[t], 1, Len(stack[t]) - 1)
\* Continue at label pc in the same function.
Goto(t, pc) == stack' = [stack EXCEPT ![t] = Rest(t) \o << [Top(t) EXCEPT !.pc = pc] >>]
\* Continue at label pc after the callee returns; the callee starts at "entry".
Call(t, pc, proc, dev) ==
    stack' = [stack EXCEPT ![t] = Rest(t) \o << [Top(t) EXCEPT !.pc = pc], Frame(proc, "entry", dev) >>]
\* Tail call: this function returns what proc returns.
TailCall(t, proc, dev) == stack' = [stack EXCEPT ![t] = Rest(t) \o << Frame(proc, "entry", dev) >>]
Return(t) == stack' = [stack EXCEPT ![t] = Rest(t)]

\* put_device(&d->dev) as the function's last statement.  The last put runs pci_release_dev(), whose
\* pcibios_release_device() is the architecture's hook: the PCI-core designs do not model the pci_dev's
\* lifetime (pdevRef stays constant), and module ZpciLifecycle, which does, replaces this operator by its
\* PdevPutReturn in its cfgs (CONSTANT PciDevPutReturn <- PdevPutReturn).
PciDevPutReturn(t, d) == Return(t) /\ UNCHANGED pdevRef

(* pci_lock_rescan_remove(): the plain mutex blocks its own owner; the      *)
(* reentrant lock (Nechita patch 1, v7 to v13: mutex_get_owner() and one   *)
(* global count) lets the owner in again.  rescanLock.depth is the count   *)
(* plus one while the mutex is held.                                        *)
CanLockRescan(t) ==
    \/ rescanLock.owner = NoOwner
    \/ RescanLockReentrant_NechitaPatch1 /\ rescanLock.owner = t
LockRescan(t) == rescanLock' = [owner |-> t, depth |-> rescanLock.depth + 1]
(* pci_unlock_rescan_remove(): v11 patch 1 decrements the count if it is    *)
(* non-zero, else mutex_unlock(), without looking at the caller (v14's      *)
(* owner variable adds WARN_ON(owner != current) and returns instead).  No  *)
(* modelled path unlocks a lock it does not hold (NoForeignRescanUnlockInv), *)
(* so the two agree on every modelled state; rescanWarned records such an   *)
(* unlock if it ever happened.                                              *)
UnlockRescan(t) ==
    /\ rescanWarned' = (rescanWarned \/ rescanLock.owner # t)
    /\ rescanLock' = IF rescanLock.depth > 1 THEN [rescanLock EXCEPT !.depth = @ - 1]
                     ELSE [owner |-> NoOwner, depth |-> 0]

DeviceLock(t, d) == deviceLock[d] = NoOwner /\ deviceLock' = [deviceLock EXCEPT ![d] = t]
DeviceUnlock(t, d) == deviceLock' = [deviceLock EXCEPT ![d] = NoOwner]

(* The PCI_DEV_ADDED bit (pci_dev_is_added()) and, from v6.13, the          *)
(* PCI_DEV_REMOVED bit, read off the removers' frames: a removal of d is    *)
(* past pci_stop_dev()'s clear at "destroy" (v6.13), "device_del" and      *)
(* "del_done"; pci_destroy_dev() has set REMOVED at "device_del" and        *)
(* "del_done".  Once the last remover has returned, added[d] (on the bus,   *)
(* cleared with list_del() and the bus's put) and removeCount[d] keep them. *)
RemoverAt(d, pcs) ==
    \E u \in Threads : \E i \in 1..Len(stack[u]) :
        /\ stack[u][i].proc = "pci_stop_and_remove_bus_device"
        /\ stack[u][i].dev = d
        /\ stack[u][i].pc \in pcs
PciDevIsAdded(d) == added[d] /\ ~RemoverAt(d, {"destroy", "device_del", "del_done"})
PciDevRemoved(d) == removeCount[d] > 0 \/ RemoverAt(d, {"device_del", "del_done"})
\* pci_destroy_dev()'s guard: before v6.13 "if (!dev->dev.kobj.parent) return;"
\* (kobject_del() at the end of device_del() clears it); from v6.13
\* "if (pci_dev_test_and_set_removed(dev)) return;".
DestroyDone(d) == IF PciStopDevAtomic_6d6d962a8dc2 THEN PciDevRemoved(d) ELSE removeCount[d] > 0

-----------------------------------------------------------------------------
(* remove_store(): sysfs "remove" of the device.                            *)

\* @source linux-6.12.117 drivers/pci/pci-sysfs.c remove_store "if (val && device_remove_file_self(dev, attr))" "pci_stop_and_remove_bus_device_locked(to_pci_dev(dev));"
\* @source linux-6.1.192 drivers/pci/pci-sysfs.c remove_store "pci_stop_and_remove_bus_device_locked(to_pci_dev(dev));"
\* @source nechita-v10 patch2 drivers/pci/pci-sysfs.c remove_store "device_release_driver(dev);"
\* @source nechita-v11 patch2 drivers/pci/pci-sysfs.c remove_store "device_lock(dev);" "kill_device(dev);"
\* @fidelity simplified: kstrtoul() and device_remove_file_self() are left out (one remove_store thread
\*   per device, so the self-removal of the attribute always succeeds; a second writer would return
\*   without removing).  The entry takes device_lock (v11), calls device_release_driver() (v10) or
\*   tail-calls the locked removal (before v10), as the code does.
RemoveStore(t) ==
    /\ At(t, "remove_store", "entry")
    /\ CASE RemoveStoreKillsFirst_NechitaV11 ->
                DeviceLock(t, Dev(t)) /\ Goto(t, "kill_device") /\ UNCHANGED <<rescanLock, rescanWarned>>
         [] RemoveStoreReleasesFirst_NechitaV10 ->
                Call(t, "stop_and_remove", "device_release_driver", Dev(t)) /\ UNCHANGED lockVars
         [] OTHER ->
                TailCall(t, "pci_stop_and_remove_bus_device_locked", Dev(t)) /\ UNCHANGED lockVars
    /\ UNCHANGED deviceVars
    /\ UNCHANGED ext

\* @source nechita-v11 patch2 drivers/pci/pci-sysfs.c remove_store "kill_device(dev);" "device_unlock(dev);" "device_release_driver(dev);"
\* @source linux-6.12.117 drivers/base/core.c kill_device "if (dev->p->dead)" "dev->p->dead = true;"
\* @fidelity faithful: kill_device() and device_unlock() are one step because nothing else happens under
\*   the lock; kill_device()'s false return (already dead) is ignored by the patch, as here.
RemoveStoreKillDevice(t) ==
    /\ At(t, "remove_store", "kill_device")
    /\ dead' = [dead EXCEPT ![Dev(t)] = TRUE]
    /\ DeviceUnlock(t, Dev(t))
    /\ Call(t, "stop_and_remove", "device_release_driver", Dev(t))
    /\ UNCHANGED <<rescanLock, rescanWarned, bound, added, removeCount, numVfs, pdevRef>>
    /\ UNCHANGED ext

\* @source nechita-v10 patch2 drivers/pci/pci-sysfs.c remove_store "pci_stop_and_remove_bus_device_locked(to_pci_dev(dev));"
\* @source nechita-v11 patch2 drivers/pci/pci-sysfs.c remove_store "pci_stop_and_remove_bus_device_locked(to_pci_dev(dev));"
\* @fidelity faithful: device_release_driver() has returned; the call of the locked removal is a step of
\*   its own only so that the window between the two (the v10 TOCTOU) is a state.
RemoveStoreStopAndRemove(t) ==
    /\ At(t, "remove_store", "stop_and_remove")
    /\ TailCall(t, "pci_stop_and_remove_bus_device_locked", Dev(t))
    /\ UNCHANGED <<lockVars, deviceVars>>
    /\ UNCHANGED ext

-----------------------------------------------------------------------------
(* pci_stop_and_remove_bus_device_locked() and its unlocked core.           *)

\* @source linux-6.12.117 drivers/pci/remove.c pci_stop_and_remove_bus_device_locked "pci_lock_rescan_remove();" "pci_stop_and_remove_bus_device(dev);"
\* @source linux-6.1.192 drivers/pci/remove.c pci_stop_and_remove_bus_device_locked "pci_lock_rescan_remove();"
\* @source linux-6.12.117 drivers/pci/probe.c pci_lock_rescan_remove "mutex_lock(&pci_rescan_remove_lock);"
\* @source nechita-v11 patch1 drivers/pci/probe.c pci_lock_rescan_remove "if (mutex_get_owner(&pci_rescan_remove_lock) == (unsigned long)current)" "pci_rescan_remove_reentrant_count++;"
\* @source proposal-unbind-hotplug patch1 drivers/pci/remove.c pci_stop_and_remove_bus_device_locked
\* @fidelity simplified: the hotplug drivers' handlers (pciehp, s390 zpci_bus_remove_device, ...) are this
\*   call and nothing else; their own locks (slot locks, zPCI's in ZpciLifecycle) are left out, sound for
\*   the PCI-core designs while no other modelled thread takes them.  Under the proposal the entry is
\*   device_lock() for kill_device() instead.
PciStopAndRemoveBusDeviceLocked(t) ==
    /\ At(t, "pci_stop_and_remove_bus_device_locked", "entry")
    /\ IF LockedRemovalReleasesFirst_ProposalUnbindHotplug
       THEN DeviceLock(t, Dev(t)) /\ Goto(t, "kill_device") /\ UNCHANGED <<rescanLock, rescanWarned>>
       ELSE /\ CanLockRescan(t)
            /\ LockRescan(t)
            /\ Call(t, "unlock", "pci_stop_and_remove_bus_device", Dev(t))
            /\ UNCHANGED <<rescanWarned, deviceLock>>
    /\ UNCHANGED deviceVars
    /\ UNCHANGED ext

\* @source proposal-unbind-hotplug patch1 drivers/pci/remove.c pci_stop_and_remove_bus_device_locked
\* @source linux-6.12.117 drivers/base/core.c kill_device "dev->p->dead = true;"
\* @fidelity faithful: as RemoveStoreKillDevice, in the function the proposal moves it to.
PciStopAndRemoveBusDeviceLockedKillDevice(t) ==
    /\ At(t, "pci_stop_and_remove_bus_device_locked", "kill_device")
    /\ dead' = [dead EXCEPT ![Dev(t)] = TRUE]
    /\ DeviceUnlock(t, Dev(t))
    /\ Call(t, "lock_rescan", "device_release_driver", Dev(t))
    /\ UNCHANGED <<rescanLock, rescanWarned, bound, added, removeCount, numVfs, pdevRef>>
    /\ UNCHANGED ext

\* @source proposal-unbind-hotplug patch1 drivers/pci/remove.c pci_stop_and_remove_bus_device_locked
\* @source nechita-v11 patch1 drivers/pci/probe.c pci_lock_rescan_remove "mutex_lock(&pci_rescan_remove_lock);"
\* @fidelity faithful: the driver is released and the device dead; now pci_lock_rescan_remove() and the
\*   stop-and-remove (whose pci_stop_dev() then finds no driver to release).
PciStopAndRemoveBusDeviceLockedLockRescan(t) ==
    /\ At(t, "pci_stop_and_remove_bus_device_locked", "lock_rescan")
    /\ CanLockRescan(t)
    /\ LockRescan(t)
    /\ Call(t, "unlock", "pci_stop_and_remove_bus_device", Dev(t))
    /\ UNCHANGED <<rescanWarned, deviceLock, deviceVars>>
    /\ UNCHANGED ext

\* @source linux-6.12.117 drivers/pci/remove.c pci_stop_and_remove_bus_device_locked "pci_unlock_rescan_remove();"
\* @source linux-6.12.117 drivers/pci/probe.c pci_unlock_rescan_remove "mutex_unlock(&pci_rescan_remove_lock);"
\* @source nechita-v11 patch1 drivers/pci/probe.c pci_unlock_rescan_remove "if (pci_rescan_remove_reentrant_count > 0)" "pci_rescan_remove_reentrant_count--;"
\* @fidelity faithful: see UnlockRescan for v11's lock against v14's.
PciStopAndRemoveBusDeviceLockedUnlock(t) ==
    /\ At(t, "pci_stop_and_remove_bus_device_locked", "unlock")
    /\ UnlockRescan(t)
    /\ Return(t)
    /\ UNCHANGED <<deviceLock, deviceVars>>
    /\ UNCHANGED ext

\* @source linux-6.12.117 drivers/pci/remove.c pci_stop_and_remove_bus_device "pci_stop_bus_device(dev);" "pci_remove_bus_device(dev);"
\* @source linux-6.12.117 drivers/pci/remove.c pci_stop_bus_device "pci_stop_dev(dev);"
\* @source linux-6.12.117 drivers/pci/remove.c pci_stop_dev "if (pci_dev_is_added(dev)) {" "device_release_driver(&dev->dev);"
\* @source linux-6.12.117 drivers/pci/remove.c pci_remove_bus_device "pci_destroy_dev(dev);"
\* @source linux-6.12.117 drivers/pci/remove.c pci_destroy_dev "if (!dev->dev.kobj.parent)"
\* @source linux-6.1.192 drivers/pci/remove.c pci_stop_dev "if (pci_dev_is_added(dev)) {"
\* @source linux-v6.13 6d6d962a8dc2 drivers/pci/remove.c pci_stop_dev "if (!pci_dev_test_and_clear_added(dev))"
\* @source linux-v6.13 PATCHv3-2/5:20241022224851.340648-3-kbusch@meta.com drivers/pci/remove.c pci_destroy_dev "if (pci_dev_test_and_set_removed(dev))"
\* @fidelity simplified: the modelled devices have no subordinate bus, so pci_stop_bus_device() and
\*   pci_remove_bus_device() are pci_stop_dev() and pci_destroy_dev().  Before v6.13 the test of the
\*   ADDED bit is a step of its own and the bit is cleared after the release (PciStopDevAssignAdded);
\*   from 6d6d962a8dc2 the test-and-clear is this step.  A device found not added goes on to
\*   pci_destroy_dev() at once: its guard is read in the same step, sound because ADDED, once clear, and
\*   the guard, once set, never change back while a remover runs.  pci_pme_active(), the pwrctl, proc,
\*   sysfs-file and OF teardown touch no modelled state.
PciStopDev(t) ==
    /\ At(t, "pci_stop_and_remove_bus_device", "entry")
    /\ IF PciDevIsAdded(Dev(t))
       THEN Call(t, IF PciStopDevAtomic_6d6d962a8dc2 THEN "destroy" ELSE "assign_added",
                 "device_release_driver", Dev(t))
       ELSE IF DestroyDone(Dev(t)) THEN Return(t) ELSE Goto(t, "device_del")
    /\ UNCHANGED <<lockVars, deviceVars>>
    /\ UNCHANGED ext

\* @source linux-6.12.117 drivers/pci/remove.c pci_stop_dev "pci_dev_assign_added(dev, false);"
\* @source linux-6.12.117 drivers/pci/remove.c pci_destroy_dev "if (!dev->dev.kobj.parent)"
\* @source linux-6.1.192 drivers/pci/remove.c pci_destroy_dev "if (!dev->dev.kobj.parent)"
\* @fidelity simplified: before v6.13 only.  pci_stop_dev() clears ADDED after the release
\*   (frames at "device_del"/"del_done" stand for the cleared bit, see PciDevIsAdded), and
\*   pci_destroy_dev() reads kobj.parent, which kobject_del() clears at the end of device_del()
\*   (removeCount > 0): the check and the device_del() are separate steps, the race the v6.13 commits
\*   close.  Clearing and reading in one step is sound: no other thread's step reads ADDED between them
\*   with an outcome that the order of the two steps could change.
PciStopDevAssignAdded(t) ==
    /\ At(t, "pci_stop_and_remove_bus_device", "assign_added")
    /\ IF removeCount[Dev(t)] > 0 THEN Return(t) ELSE Goto(t, "device_del")
    /\ UNCHANGED <<lockVars, deviceVars>>
    /\ UNCHANGED ext

\* @source linux-v6.13 PATCHv3-2/5:20241022224851.340648-3-kbusch@meta.com drivers/pci/remove.c pci_destroy_dev "if (pci_dev_test_and_set_removed(dev))"
\* @fidelity faithful: from v6.13, after pci_stop_dev() released the driver: test-and-set REMOVED
\*   (moving to "device_del" sets it, see PciDevRemoved); a second remover returns.
PciDestroyDev(t) ==
    /\ At(t, "pci_stop_and_remove_bus_device", "destroy")
    /\ IF PciDevRemoved(Dev(t)) THEN Return(t) ELSE Goto(t, "device_del")
    /\ UNCHANGED <<lockVars, deviceVars>>
    /\ UNCHANGED ext

\* @source linux-6.12.117 drivers/pci/remove.c pci_destroy_dev "device_del(&dev->dev);"
\* @source linux-6.12.117 drivers/base/core.c device_del "device_lock(dev);" "kill_device(dev);" "device_unlock(dev);" "bus_remove_device(dev);"
\* @source linux-6.12.117 drivers/base/bus.c bus_remove_device "device_release_driver(dev);"
\* @fidelity simplified: device_del()'s device_lock; kill_device; device_unlock is one step (nothing else
\*   under the lock), then bus_remove_device() releases whatever driver is bound by now, taking
\*   device_lock again (DeviceReleaseDriver).  pci_npem_remove(), the notifiers, dpm, sysfs and class
\*   teardown are left out: they take no modelled lock.  Left out too: kernfs draining active writers of
\*   the device's own sysfs files (sriov_numvfs) when device_del() removes them, sound while no such
\*   writer waits for a lock that the remover holds here (in the designs, sriov_numvfs_store on the PF
\*   has returned or waits for device_lock(PF) before a PF reaches device_del()).
DeviceDel(t) ==
    /\ At(t, "pci_stop_and_remove_bus_device", "device_del")
    /\ deviceLock[Dev(t)] = NoOwner
    /\ dead' = [dead EXCEPT ![Dev(t)] = TRUE]
    /\ Call(t, "del_done", "device_release_driver", Dev(t))
    /\ UNCHANGED <<lockVars, bound, added, removeCount, numVfs, pdevRef>>
    /\ UNCHANGED ext

\* @source linux-6.12.117 drivers/base/core.c device_del "kobject_del(&dev->kobj);"
\* @source linux-6.12.117 drivers/pci/remove.c pci_destroy_dev "list_del(&dev->bus_list);" "put_device(&dev->dev);"
\* @fidelity simplified: kobject_del() (counted in removeCount), the list_del() from the bus (added) and
\*   the bus's put_device() in one step; between them only pci_bus_sem, DOE, ASPM and resource teardown,
\*   which touch no modelled state.  On s390 (zPCI designs) the last put runs pci_release_dev() ->
\*   pcibios_release_device() (module ZpciLifecycle); the PCI-core designs keep pdevRef constant.
PciDestroyDevPut(t) ==
    /\ At(t, "pci_stop_and_remove_bus_device", "del_done")
    /\ added' = [added EXCEPT ![Dev(t)] = FALSE]
    /\ removeCount' = [removeCount EXCEPT ![Dev(t)] = @ + 1]
    /\ PciDevPutReturn(t, Dev(t))
    /\ UNCHANGED <<lockVars, bound, dead, numVfs>>
    /\ UNCHANGED ext

-----------------------------------------------------------------------------
(* device_release_driver(): device_lock, the driver's .remove, unlock.      *)

\* @source linux-6.12.117 drivers/base/dd.c device_release_driver "device_release_driver_internal(dev, NULL, NULL);"
\* @source linux-6.12.117 drivers/base/dd.c device_release_driver_internal "__device_driver_lock(dev, parent);"
\* @source linux-6.1.192 drivers/base/dd.c device_release_driver_internal "__device_driver_lock(dev, parent);"
\* @fidelity faithful: device_lock(dev), taken whether or not a driver is bound; the parent's lock is
\*   taken only for buses with need_parent_lock, which PCI does not set.
DeviceReleaseDriver(t) ==
    /\ At(t, "device_release_driver", "entry")
    /\ DeviceLock(t, Dev(t))
    /\ Goto(t, "release")
    /\ UNCHANGED <<rescanLock, rescanWarned, deviceVars>>
    /\ UNCHANGED ext

\* @source linux-6.12.117 drivers/base/dd.c device_release_driver_internal "if (!drv || drv == dev->driver)" "__device_release_driver(dev, parent);"
\* @source linux-6.12.117 drivers/base/dd.c __device_release_driver "drv = dev->driver;" "device_remove(dev);"
\* @source linux-6.12.117 drivers/pci/pci-driver.c pci_device_remove "drv->remove(pci_dev);"
\* @source linux-6.12.117 drivers/pci/iov.c pci_disable_sriov "sriov_disable(dev);"
\* @source linux-6.12.117 drivers/pci/iov.c sriov_disable "sriov_del_vfs(dev);"
\* @fidelity simplified: the PF driver's .remove is pci_disable_sriov() and nothing else; a VF driver's
\*   .remove touches no modelled state.  device_links_busy(), runtime PM, the notifiers and devres are
\*   left out (no device links or PM locks in the model).  A bound driver is released in this step
\*   unless sriov_del_vfs() has steps of its own.
PciDeviceRemove(t) ==
    /\ At(t, "device_release_driver", "release")
    /\ IF bound[Dev(t)] /\ Dev(t) = PF /\ numVfs > 0
       THEN /\ Call(t, "unlock", "sriov_del_vfs", PF)
            /\ UNCHANGED <<deviceLock, bound>>
       ELSE /\ bound' = [bound EXCEPT ![Dev(t)] = FALSE]
            /\ DeviceUnlock(t, Dev(t))
            /\ Return(t)
    /\ UNCHANGED <<rescanLock, rescanWarned, dead, added, removeCount, numVfs, pdevRef>>
    /\ UNCHANGED ext

\* @source linux-6.12.117 drivers/base/dd.c __device_release_driver "device_unbind_cleanup(dev);"
\* @source linux-6.12.117 drivers/base/dd.c device_release_driver_internal "__device_driver_unlock(dev, parent);"
\* @fidelity faithful: the PF driver's .remove has returned: dev->driver = NULL, device_unlock().
DeviceReleaseDriverUnlock(t) ==
    /\ At(t, "device_release_driver", "unlock")
    /\ bound' = [bound EXCEPT ![Dev(t)] = FALSE]
    /\ DeviceUnlock(t, Dev(t))
    /\ Return(t)
    /\ UNCHANGED <<rescanLock, rescanWarned, dead, added, removeCount, numVfs, pdevRef>>
    /\ UNCHANGED ext

-----------------------------------------------------------------------------
(* sriov_del_vfs(): remove every VF, under the rescan lock where the design *)
(* takes it there.                                                         *)

\* @source linux-6.12.117 drivers/pci/iov.c sriov_del_vfs "for (i = 0; i < iov->num_VFs; i++)" "pci_iov_remove_virtfn(dev, i);"
\* @source linux-6.12.117 drivers/pci/iov.c pci_iov_remove_virtfn "if (!virtfn)" "pci_stop_and_remove_bus_device(virtfn);"
\* @source linux-6.1.192 drivers/pci/iov.c sriov_del_vfs "pci_iov_remove_virtfn(dev, i);"
\* @source linux-mainline 05703271c3cd drivers/pci/iov.c sriov_del_vfs "pci_lock_rescan_remove();"
\* @source nechita-v11 patch1 drivers/pci/iov.c sriov_del_vfs "pci_lock_rescan_remove();"
\* @fidelity simplified: pci_iov_remove_virtfn()'s lookup (pci_get_domain_bus_and_slot(), NULL once the
\*   VF left the bus list) is left out: the model always calls pci_stop_and_remove_bus_device(VF), which
\*   returns without effect on a VF already removed (its ADDED bit clear and its guard set), the same
\*   outcome as the skipped call.  The sysfs links, virtfn_remove_bus() and the lookup's reference
\*   (which keeps the VF alive) touch no modelled state.
SriovDelVfs(t) ==
    /\ At(t, "sriov_del_vfs", "entry")
    /\ IF SriovDelVfsLocks_05703271c3cd
       THEN CanLockRescan(t) /\ LockRescan(t)
       ELSE UNCHANGED rescanLock
    /\ Call(t, IF VFs = 1 THEN "unlock" ELSE "vf2", "pci_stop_and_remove_bus_device", VfSeq[1])
    /\ UNCHANGED <<rescanWarned, deviceLock, deviceVars>>
    /\ UNCHANGED ext

\* @source linux-6.12.117 drivers/pci/iov.c sriov_del_vfs "pci_iov_remove_virtfn(dev, i);"
\* @fidelity faithful: the loop's next VF (designs with two VFs).
SriovDelVfsNext(t) ==
    /\ At(t, "sriov_del_vfs", "vf2")
    /\ Call(t, "unlock", "pci_stop_and_remove_bus_device", VfSeq[2])
    /\ UNCHANGED <<lockVars, deviceVars>>
    /\ UNCHANGED ext

\* @source nechita-v11 patch1 drivers/pci/iov.c sriov_del_vfs "pci_unlock_rescan_remove();"
\* @source linux-6.12.117 drivers/pci/iov.c sriov_disable "pci_iov_set_numvfs(dev, 0);"
\* @fidelity simplified: the unlock (where sriov_del_vfs() locks) and sriov_disable()'s num_VFs = 0, which
\*   the code does after sriov_del_vfs() returns, are one step: sound because every reader of num_VFs
\*   in the model (sriov_numvfs_store, the PF's driver release) holds device_lock(PF), which the thread
\*   running sriov_del_vfs() holds throughout.  The VF-enable and cfg-space writes are left out.
SriovDelVfsUnlock(t) ==
    /\ At(t, "sriov_del_vfs", "unlock")
    /\ numVfs' = 0
    /\ IF SriovDelVfsLocks_05703271c3cd THEN UnlockRescan(t) ELSE UNCHANGED <<rescanLock, rescanWarned>>
    /\ Return(t)
    /\ UNCHANGED <<deviceLock, bound, dead, added, removeCount, pdevRef>>
    /\ UNCHANGED ext

-----------------------------------------------------------------------------
(* Driver core sysfs: unbind and bind.                                      *)

\* @source linux-6.12.117 drivers/base/bus.c unbind_store "if (dev && dev->driver == drv) {" "device_driver_detach(dev);"
\* @source linux-6.12.117 drivers/base/dd.c device_driver_detach "device_release_driver_internal(dev, NULL, dev->parent);"
\* @source linux-6.1.192 drivers/base/bus.c unbind_store "device_driver_detach(dev);"
\* @fidelity simplified: bus_find_device_by_name() is left out (it finds the device until device_del()
\*   takes it off the bus, after which dev->driver is NULL anyway); the unlocked dev->driver check and the
\*   detach are as the code has them.
UnbindStore(t) ==
    /\ At(t, "unbind_store", "entry")
    /\ IF bound[Dev(t)]
       THEN TailCall(t, "device_release_driver", Dev(t))
       ELSE Return(t)
    /\ UNCHANGED <<lockVars, deviceVars>>
    /\ UNCHANGED ext

\* @source linux-6.12.117 drivers/base/bus.c bind_store "err = device_driver_attach(drv, dev);"
\* @source linux-6.12.117 drivers/base/dd.c device_driver_attach "__device_driver_lock(dev, dev->parent);"
\* @fidelity simplified: bus_find_device_by_name() and driver_match_device() are left out (the driver
\*   matches; a device off the bus is dead, which the probe checks).
BindStore(t) ==
    /\ At(t, "bind_store", "entry")
    /\ DeviceLock(t, Dev(t))
    /\ Goto(t, "probe")
    /\ UNCHANGED <<rescanLock, rescanWarned, deviceVars>>
    /\ UNCHANGED ext

\* @source linux-6.12.117 drivers/base/dd.c __driver_probe_device "if (dev->p->dead || !device_is_registered(dev))" "if (dev->driver)"
\* @source linux-6.1.192 drivers/base/dd.c __driver_probe_device "if (dev->p->dead || !device_is_registered(dev))"
\* @source linux-6.12.117 drivers/base/dd.c device_driver_attach "__device_driver_unlock(dev, dev->parent);"
\* @fidelity simplified: the driver's probe succeeds.  !device_is_registered() holds only after
\*   device_del(), which killed the device first, so dead alone decides.  The ADDED bit is not read
\*   here: a driver may bind between pci_stop_dev()'s release and device_del() (device_del() releases it
\*   again).
BindStoreProbe(t) ==
    /\ At(t, "bind_store", "probe")
    /\ bound' = [bound EXCEPT ![Dev(t)] = @ \/ ~dead[Dev(t)]]
    /\ DeviceUnlock(t, Dev(t))
    /\ Return(t)
    /\ UNCHANGED <<rescanLock, rescanWarned, dead, added, removeCount, numVfs, pdevRef>>
    /\ UNCHANGED ext

-----------------------------------------------------------------------------
(* sriov_numvfs_store(): echo 0 > sriov_numvfs on the PF.                   *)

\* @source linux-6.12.117 drivers/pci/iov.c sriov_numvfs_store "device_lock(&pdev->dev);"
\* @source linux-6.1.192 drivers/pci/iov.c sriov_numvfs_store "device_lock(&pdev->dev);"
\* @fidelity simplified: only "echo 0" is modelled; kstrtou16() and the total-VFs check are left out.
SriovNumvfsStore(t) ==
    /\ At(t, "sriov_numvfs_store", "entry")
    /\ DeviceLock(t, Dev(t))
    /\ Goto(t, "configure")
    /\ UNCHANGED <<rescanLock, rescanWarned, deviceVars>>
    /\ UNCHANGED ext

\* @source linux-6.12.117 drivers/pci/iov.c sriov_numvfs_store "if (num_vfs == pdev->sriov->num_VFs)" "if (!pdev->driver) {" "ret = pdev->driver->sriov_configure(pdev, 0);"
\* @source nechita-v11 patch1 drivers/pci/iov.c sriov_numvfs_store "ret = pdev->driver->sriov_configure(pdev, 0);"
\* @fidelity simplified: the PF driver has .sriov_configure, which for 0 is pci_disable_sriov(); no VFs
\*   (nothing to do) or no driver (-ENOENT): device_unlock and return.
SriovNumvfsStoreConfigure(t) ==
    /\ At(t, "sriov_numvfs_store", "configure")
    /\ IF ~bound[Dev(t)] \/ numVfs = 0
       THEN DeviceUnlock(t, Dev(t)) /\ Return(t)
       ELSE /\ IF NumvfsStoreLocks
               THEN Goto(t, "lock_rescan")
               ELSE Call(t, "unlock", "sriov_del_vfs", Dev(t))
            /\ UNCHANGED deviceLock
    /\ UNCHANGED <<rescanLock, rescanWarned, deviceVars>>
    /\ UNCHANGED ext

\* @source linux-6.12.117 drivers/pci/iov.c sriov_numvfs_store "pci_lock_rescan_remove();"
\* @source linux-6.1.192 drivers/pci/iov.c sriov_numvfs_store "pci_lock_rescan_remove();"
\* @fidelity faithful: a5338e365c45 (in 6.1.192 and 6.12.117): the rescan lock around sriov_configure(),
\*   taken under device_lock(PF); Nechita patch 1 removes it.
SriovNumvfsStoreLockRescan(t) ==
    /\ At(t, "sriov_numvfs_store", "lock_rescan")
    /\ CanLockRescan(t)
    /\ LockRescan(t)
    /\ Call(t, "unlock", "sriov_del_vfs", Dev(t))
    /\ UNCHANGED <<rescanWarned, deviceLock, deviceVars>>
    /\ UNCHANGED ext

\* @source linux-6.12.117 drivers/pci/iov.c sriov_numvfs_store "pci_unlock_rescan_remove();" "device_unlock(&pdev->dev);"
\* @fidelity faithful: the unlock of a5338e365c45's rescan lock (where taken) and device_unlock().
SriovNumvfsStoreUnlock(t) ==
    /\ At(t, "sriov_numvfs_store", "unlock")
    /\ IF NumvfsStoreLocks THEN UnlockRescan(t) ELSE UNCHANGED <<rescanLock, rescanWarned>>
    /\ DeviceUnlock(t, Dev(t))
    /\ Return(t)
    /\ UNCHANGED deviceVars
    /\ UNCHANGED ext

-----------------------------------------------------------------------------
ThreadStep(t) ==
    \/ RemoveStore(t)
    \/ RemoveStoreKillDevice(t)
    \/ RemoveStoreStopAndRemove(t)
    \/ PciStopAndRemoveBusDeviceLocked(t)
    \/ PciStopAndRemoveBusDeviceLockedKillDevice(t)
    \/ PciStopAndRemoveBusDeviceLockedLockRescan(t)
    \/ PciStopAndRemoveBusDeviceLockedUnlock(t)
    \/ PciStopDev(t)
    \/ PciStopDevAssignAdded(t)
    \/ PciDestroyDev(t)
    \/ DeviceDel(t)
    \/ PciDestroyDevPut(t)
    \/ DeviceReleaseDriver(t)
    \/ PciDeviceRemove(t)
    \/ DeviceReleaseDriverUnlock(t)
    \/ SriovDelVfs(t)
    \/ SriovDelVfsNext(t)
    \/ SriovDelVfsUnlock(t)
    \/ UnbindStore(t)
    \/ BindStore(t)
    \/ BindStoreProbe(t)
    \/ SriovNumvfsStore(t)
    \/ SriovNumvfsStoreConfigure(t)
    \/ SriovNumvfsStoreLockRescan(t)
    \/ SriovNumvfsStoreUnlock(t)

Finished(t) == stack[t] = << >>
\* All threads have returned: stuttering, so TLC does not call it a deadlock.
Terminated == (\A t \in Threads : Finished(t)) /\ UNCHANGED vars

Next == (\E t \in Threads : ThreadStep(t)) \/ Terminated

Spec == Init /\ [][Next]_vars /\ \A t \in Threads : WF_vars(ThreadStep(t))

-----------------------------------------------------------------------------
(* Invariants and properties                                                *)

\* The rescan lock is free exactly when its depth is 0; the plain mutex never
\* nests.
RescanLockWellFormedInv ==
    /\ (rescanLock.owner = NoOwner) <=> (rescanLock.depth = 0)
    /\ ~RescanLockReentrant_NechitaPatch1 => rescanLock.depth <= 1

\* Nobody unlocks the rescan lock while another task owns it (kernel WARN).
NoForeignRescanUnlockInv == ~rescanWarned

\* device_del() runs at most once per device: removing a device twice
\* corrupts the bus list and drops references that are not held.
NoDoubleRemoveInv == \A d \in Devices : removeCount[d] <= 1

\* No driver is bound to a device that has been removed.
NoUseAfterRemoveInv == \A d \in Devices : removeCount[d] > 0 => ~bound[d]

\* The TOCTOU: once a removal path has released the driver of d (remove_store
\* between its unbind and the locked removal, the proposal's
\* pci_stop_and_remove_bus_device_locked between its unbind and taking the rescan
\* lock, pci_stop_and_remove_bus_device from the end of pci_stop_dev()'s release
\* to the end of pci_destroy_dev()), no driver may bind to d again.  A remover
\* that found ADDED clear waits at "device_del" while, from v6.13, the remover
\* that cleared it may still be releasing (at "destroy" below its release frame).
RemovalReleasedDriver(t) ==
    /\ stack[t] # << >>
    /\ \/ Top(t).proc = "remove_store" /\ Top(t).pc = "stop_and_remove"
       \/ Top(t).proc = "pci_stop_and_remove_bus_device_locked" /\ Top(t).pc = "lock_rescan"
       \/ Top(t).proc = "pci_stop_and_remove_bus_device"
             /\ \/ Top(t).pc \in {"assign_added", "destroy", "del_done"}
                \/ Top(t).pc = "device_del" /\ ~RemoverAt(Dev(t), {"destroy"})
NoBindAfterRemovalStartInv ==
    \A t \in Threads : RemovalReleasedDriver(t) => ~bound[Dev(t)]

\* Under weak fairness every started operation returns.
AllOperationsFinish == \A t \in Threads : <>Finished(t)

THEOREM Spec => [](TypeOK /\ RescanLockWellFormedInv /\ NoForeignRescanUnlockInv
                   /\ NoDoubleRemoveInv /\ NoUseAfterRemoveInv /\ NoBindAfterRemovalStartInv)

-----------------------------------------------------------------------------
(* Swimlane view (make review): what the review shows of each thread, in    *)
(* the kernel's names.  TLC evaluates these operators on every state it     *)
(* writes to the state graph; whether a thread waits is the graph's answer  *)
(* (it has work left and no step of its own), what it waits for is         *)
(* SwimlaneNeeds.  No invariant or property reads them.  The review takes   *)
(* the design module's own operators whose names end in SwimlaneThreads,    *)
(* SwimlanePositionVars, SwimlanePosition, SwimlaneBusy, SwimlaneHolds and  *)
(* SwimlaneNeeds: a module that extends this one and has threads of its own *)
(* defines its own, prefixed (as ZNext is ZpciLifecycle's Next).            *)

LOCAL INSTANCE TLC  \* ToString

\* The columns: the sysfs writers, then the platform's hot-unplugs.
SwimlaneThreads == SelectSeq(<< "remove_store", "unbind_store", "bind_store", "sriov_numvfs_store",
                                "hotplug_pf", "hotplug_vf" >>, LAMBDA t : t \in Threads)
\* The variables the positions show: the review lists only the other variables' changes.
SwimlanePositionVars == {"stack"}

\* A frame as the call it is and its label: pci_stop_and_remove_bus_device(PF):entry.
SwimlaneFrame(fr) == fr.proc \o "(" \o fr.dev \o "):" \o fr.pc
\* Where t is (its top frame), or "" once it has returned.
SwimlanePosition(t) == IF stack[t] = << >> THEN "" ELSE SwimlaneFrame(Top(t))
\* t has work left: if it has no step, it waits.
SwimlaneBusy(t) == stack[t] # << >>

SwimlaneRescanLock == "pci_rescan_remove_lock"
SwimlaneDeviceLock(d) == "device_lock(" \o d \o ")"
\* The locks t holds: the rescan lock (with its depth when nested), then the device locks.
SwimlaneHolds(t) ==
    LET devs == SelectSeq(<< PF >> \o VfSeq, LAMBDA d : deviceLock[d] = t) IN
    (IF rescanLock.owner # t THEN << >>
     ELSE IF rescanLock.depth > 1
          THEN << SwimlaneRescanLock \o " (depth " \o ToString(rescanLock.depth) \o ")" >>
          ELSE << SwimlaneRescanLock >>)
    \o [k \in 1..Len(devs) |-> SwimlaneDeviceLock(devs[k])]

\* The lock a step waits for while another thread holds it (the lock of the
\* action's enabling condition), and who holds it; lock "" if the step never waits.
SwimlaneWait(lock, holders) == [lock |-> lock, holders |-> holders]
SwimlaneNoWait == SwimlaneWait("", {})
SwimlaneRescanWait == SwimlaneWait(SwimlaneRescanLock, {rescanLock.owner} \ {NoOwner})
SwimlaneDeviceWait(d) == SwimlaneWait(SwimlaneDeviceLock(d), {deviceLock[d]} \ {NoOwner})
\* What t's next step waits for, by the action at its top frame and its enabling condition.
SwimlaneNeeds(t) ==
    IF stack[t] = << >> THEN SwimlaneNoWait
    ELSE LET at == << Top(t).proc, Top(t).pc >> IN
    CASE \/ at = << "remove_store", "entry" >> /\ RemoveStoreKillsFirst_NechitaV11 \* RemoveStore: DeviceLock
         \/ at = << "pci_stop_and_remove_bus_device_locked", "entry" >> /\ LockedRemovalReleasesFirst_ProposalUnbindHotplug
         \/ at \in {<< "device_release_driver", "entry" >>,                  \* DeviceReleaseDriver: DeviceLock
                    << "bind_store", "entry" >>,                             \* BindStore: DeviceLock
                    << "sriov_numvfs_store", "entry" >>,                     \* SriovNumvfsStore: DeviceLock
                    << "pci_stop_and_remove_bus_device", "device_del" >>}    \* DeviceDel: deviceLock[d] = NoOwner
            -> SwimlaneDeviceWait(Dev(t))
      [] \/ at = << "pci_stop_and_remove_bus_device_locked", "entry" >> /\ ~LockedRemovalReleasesFirst_ProposalUnbindHotplug
         \/ at = << "sriov_del_vfs", "entry" >> /\ SriovDelVfsLocks_05703271c3cd \* SriovDelVfs: CanLockRescan
         \/ at \in {<< "pci_stop_and_remove_bus_device_locked", "lock_rescan" >>,
                    << "sriov_numvfs_store", "lock_rescan" >>}
            -> SwimlaneRescanWait
      [] OTHER -> SwimlaneNoWait
=============================================================================
