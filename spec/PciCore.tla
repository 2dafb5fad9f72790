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
(* The patch designs of the history are values of the constant Design;    *)
(* the operators under "Designs" say where the code differs.               *)
(***************************************************************************)
EXTENDS Naturals, Sequences, FiniteSets

CONSTANTS
    Design,     \* which patch design the kernel runs (see Designs)
    Threads     \* the concurrent operations, by name (see Task)

\* One PF with SR-IOV enabled and its VFs (one, or two where Block's deadlock A
\* needs them; see VFs): every documented race needs just these.
PF == "PF"
VF == "VF"
NoOwner == "none"

-----------------------------------------------------------------------------
(* Designs                                                                  *)

CoreDesigns == {
    "sriov-unlocked",       \* a5338e365c45: rescan lock in sriov_numvfs_store only
    "sriov-mutex",          \* 05703271c3cd: plain mutex in sriov_add_vfs/sriov_del_vfs
    "nechita-v9",           \* reentrant lock; remove_store is the locked stop-and-remove
    "nechita-v10",          \* remove_store releases the driver first
    "nechita-v11",          \* remove_store: device_lock; kill_device; device_unlock first
    "nechita-v11-hotplug",  \* v11, with a platform hot-unplug of the PF
    "proposal-unbind-hotplug" \* v11 patch 1; v11's kill-and-release moved from remove_store
                              \* into pci_stop_and_remove_bus_device_locked(), before the rescan lock
}
\* The s390 zPCI designs (module ZpciLifecycle, which extends this one).
ZpciDesigns == {
    "zpci-mainline",        \* the 2024-2025 series through 774a1fa880bc
    "zpci-pre-reuse",       \* before 4b1815a52d7e
    "zpci-pre-serialize",   \* before 774a1fa880bc
    "zpci-pre-selfdelete",  \* before 47c397844869
    "zpci-pre-dupput",      \* before 05a2538f2b48
    "zpci-sriov-deadlock",  \* mainline plus Nechita patch 1 (reentrant rescan lock)
    "zpci-sriov-selfdeadlock", \* mainline: Block's scenario B (sriov_numvfs_store vs a VF's release)
    "zpci-block-v3",        \* Block v3 on top of zpci-sriov-deadlock
    "zpci-block-v3-hotplug" \* Block v3 with Nechita v11
}
Designs == CoreDesigns \cup ZpciDesigns
ASSUME Design \in Designs

\* The PCI core of the zPCI designs: mainline has a5338e365c45 (plain mutex,
\* taken in sriov_numvfs_store); the Nechita-based ones have patch 1, and
\* zpci-block-v3-hotplug all of v11.
MainlineCore == {"sriov-unlocked"} \cup (ZpciDesigns \ {"zpci-sriov-deadlock", "zpci-block-v3", "zpci-block-v3-hotplug"})
NechitaV11 == {"nechita-v11", "nechita-v11-hotplug", "zpci-block-v3-hotplug"}

\* Nechita patch 1: pci_lock_rescan_remove() is reentrant (owner task + depth).
RescanLockReentrant == Design \notin {"sriov-mutex"} \cup MainlineCore
\* sriov_del_vfs() takes the rescan lock itself (05703271c3cd, Nechita patch 1).
SriovDelVfsLocks == Design \notin MainlineCore
\* a5338e365c45 takes the rescan lock in sriov_numvfs_store() instead.
NumvfsStoreLocks == Design \in MainlineCore
\* Nechita v10 patch 2: device_release_driver() before the locked removal.
RemoveStoreReleasesFirst == Design \in {"nechita-v10"} \cup NechitaV11
\* Nechita v11 patch 2: kill_device() before the release, so nothing can bind.
RemoveStoreKillsFirst == Design \in NechitaV11
\* The proposal for v11's known limitation: pci_stop_and_remove_bus_device_locked(),
\* which remove_store() and the hotplug drivers call, does v11's device_lock;
\* kill_device; device_unlock; device_release_driver() itself, before it takes the
\* rescan lock (and remove_store() calls it plainly again).  Every path then takes
\* device_lock(PF) before the rescan lock while the PF's driver can still be bound.
LockedRemovalReleasesFirst == Design = "proposal-unbind-hotplug"

\* The VFs of the PF, in the order sriov_del_vfs() removes them.  Block's
\* deadlock A needs two VFs (the releaser of one waits while the other is removed).
VFs == IF Design \in {"zpci-sriov-deadlock", "zpci-block-v3"} THEN << "VF", "VF2" >> ELSE << "VF" >>
VFSet == {VFs[k] : k \in 1..Len(VFs)}
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
ASSUME Design \in CoreDesigns => Threads \subseteq CoreThreads

-----------------------------------------------------------------------------
VARIABLES
    stack,          \* stack[t]: thread t's call stack, top frame last; <<>> once finished
    rescanLock,     \* pci_rescan_remove_lock: [owner, depth]
    rescanWarned,   \* a thread unlocked the rescan lock without owning it (the WARN)
    deviceLock,     \* deviceLock[d]: the thread holding device_lock(d), or NoOwner
    bound,          \* bound[d]: a driver is bound to d
    dead,           \* dead[d]: dev->p->dead, set by kill_device()
    added,          \* added[d]: pci_dev_is_added(d), cleared when removal commits
    removeCount,    \* removeCount[d]: how often d went through device_del()
    numVfs,         \* PF's iov->num_VFs
    pdevRef         \* pdevRef[d]: the struct device kref of pci_dev d (zPCI designs only;
                    \* constant in the PCI-core designs, which do not model pci_dev lifetime)

\* The s390 zPCI state (module ZpciLifecycle describes it; constant in the
\* PCI-core designs).  Declared here so that every PCI-core action leaves it
\* unchanged and keeps its own name in TLC's traces.
VARIABLES pstate, queue, fwLeft, zfid, zstate, phase, kref, listed, slot, slotDeregs, iommu,
          stateLock, addRemoveLock, pdevZdev, warned, pfh, zfh
archVars == <<pstate, queue, fwLeft, zfid, zstate, phase, kref, listed, slot, slotDeregs, iommu,
              stateLock, addRemoveLock, pdevZdev, warned, pfh, zfh>>

lockVars == <<rescanLock, rescanWarned, deviceLock>>
deviceVars == <<bound, dead, added, removeCount, numVfs, pdevRef>>
vars == <<stack, lockVars, deviceVars, archVars>>

Frame(proc, pc, dev) == [proc |-> proc, pc |-> pc, dev |-> dev]
Procs == {"remove_store", "unbind_store", "bind_store", "sriov_numvfs_store",
          "pci_stop_and_remove_bus_device_locked", "pci_stop_and_remove_bus_device",
          "device_release_driver", "sriov_del_vfs"}
Labels == {"entry", "kill_device", "release", "stop_and_remove", "unlock", "remove", "probe", "configure",
           "lock_rescan", "vf2"}
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
    /\ numVfs \in 0..Len(VFs)
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
    /\ numVfs = Len(VFs)
    /\ pdevRef = [d \in Devices |-> 1]
    /\ pstate = << >> /\ queue = << >> /\ fwLeft = 0 /\ zfid = << >> /\ zstate = << >> /\ phase = << >>
    /\ kref = << >> /\ listed = << >> /\ slot = << >> /\ slotDeregs = << >> /\ iommu = << >>
    /\ stateLock = << >> /\ addRemoveLock = NoOwner /\ pdevZdev = << >> /\ warned = {}
    /\ pfh = << >> /\ zfh = << >>

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

(* pci_lock_rescan_remove(): the plain mutex blocks its own owner; the      *)
(* reentrant lock (Nechita patch 1) counts depth for the owner.            *)
CanLockRescan(t) ==
    \/ rescanLock.owner = NoOwner
    \/ RescanLockReentrant /\ rescanLock.owner = t
LockRescan(t) == rescanLock' = [owner |-> t, depth |-> rescanLock.depth + 1]
(* pci_unlock_rescan_remove(): owner != current is WARN_ON and return.     *)
UnlockRescan(t) ==
    IF rescanLock.owner # t
    THEN rescanWarned' = TRUE /\ UNCHANGED rescanLock
    ELSE /\ rescanLock' = IF rescanLock.depth = 1 THEN [owner |-> NoOwner, depth |-> 0]
                          ELSE [rescanLock EXCEPT !.depth = @ - 1]
         /\ UNCHANGED rescanWarned

DeviceLock(t, d) == deviceLock[d] = NoOwner /\ deviceLock' = [deviceLock EXCEPT ![d] = t]
DeviceUnlock(t, d) == deviceLock' = [deviceLock EXCEPT ![d] = NoOwner]

-----------------------------------------------------------------------------
(* remove_store(): sysfs "remove" of the device.                            *)

\* Entry. Before Nechita v10 it is pci_stop_and_remove_bus_device_locked();
\* v10 releases the driver first; v11 first takes device_lock to kill_device().
RemoveStore(t) ==
    /\ At(t, "remove_store", "entry")
    /\ CASE RemoveStoreKillsFirst ->
                DeviceLock(t, Dev(t)) /\ Goto(t, "kill_device") /\ UNCHANGED <<rescanLock, rescanWarned>>
         [] RemoveStoreReleasesFirst ->
                Call(t, "stop_and_remove", "device_release_driver", Dev(t)) /\ UNCHANGED lockVars
         [] OTHER ->
                TailCall(t, "pci_stop_and_remove_bus_device_locked", Dev(t)) /\ UNCHANGED lockVars
    /\ UNCHANGED deviceVars
    /\ UNCHANGED archVars

\* v11: kill_device() under device_lock, device_unlock(), then release the driver.
RemoveStoreKillDevice(t) ==
    /\ At(t, "remove_store", "kill_device")
    /\ dead' = [dead EXCEPT ![Dev(t)] = TRUE]
    /\ DeviceUnlock(t, Dev(t))
    /\ Call(t, "stop_and_remove", "device_release_driver", Dev(t))
    /\ UNCHANGED <<rescanLock, rescanWarned, bound, added, removeCount, numVfs, pdevRef>>
    /\ UNCHANGED archVars

\* v10/v11: the driver is released; now the locked stop-and-remove.
RemoveStoreStopAndRemove(t) ==
    /\ At(t, "remove_store", "stop_and_remove")
    /\ TailCall(t, "pci_stop_and_remove_bus_device_locked", Dev(t))
    /\ UNCHANGED <<lockVars, deviceVars>>
    /\ UNCHANGED archVars

-----------------------------------------------------------------------------
(* pci_stop_and_remove_bus_device_locked() and its unlocked core.           *)

\* Entry: pci_lock_rescan_remove(); in the proposal, first device_lock() for
\* kill_device().
PciStopAndRemoveBusDeviceLocked(t) ==
    /\ At(t, "pci_stop_and_remove_bus_device_locked", "entry")
    /\ IF LockedRemovalReleasesFirst
       THEN DeviceLock(t, Dev(t)) /\ Goto(t, "kill_device") /\ UNCHANGED <<rescanLock, rescanWarned>>
       ELSE /\ CanLockRescan(t)
            /\ LockRescan(t)
            /\ Call(t, "unlock", "pci_stop_and_remove_bus_device", Dev(t))
            /\ UNCHANGED <<rescanWarned, deviceLock>>
    /\ UNCHANGED deviceVars
    /\ UNCHANGED archVars

\* Proposal: kill_device() under device_lock, device_unlock(), then release the
\* driver outside the rescan lock (a PF driver's .remove takes it in sriov_del_vfs()).
PciStopAndRemoveBusDeviceLockedKillDevice(t) ==
    /\ At(t, "pci_stop_and_remove_bus_device_locked", "kill_device")
    /\ dead' = [dead EXCEPT ![Dev(t)] = TRUE]
    /\ DeviceUnlock(t, Dev(t))
    /\ Call(t, "lock_rescan", "device_release_driver", Dev(t))
    /\ UNCHANGED <<rescanLock, rescanWarned, bound, added, removeCount, numVfs, pdevRef>>
    /\ UNCHANGED archVars

\* Proposal: the driver is released and nothing can bind; now pci_lock_rescan_remove()
\* and the stop-and-remove (whose device_release_driver() finds no driver).
PciStopAndRemoveBusDeviceLockedLockRescan(t) ==
    /\ At(t, "pci_stop_and_remove_bus_device_locked", "lock_rescan")
    /\ CanLockRescan(t)
    /\ LockRescan(t)
    /\ Call(t, "unlock", "pci_stop_and_remove_bus_device", Dev(t))
    /\ UNCHANGED <<rescanWarned, deviceLock, deviceVars>>
    /\ UNCHANGED archVars

PciStopAndRemoveBusDeviceLockedUnlock(t) ==
    /\ At(t, "pci_stop_and_remove_bus_device_locked", "unlock")
    /\ UnlockRescan(t)
    /\ Return(t)
    /\ UNCHANGED <<deviceLock, deviceVars>>
    /\ UNCHANGED archVars

\* pci_stop_dev(): only a device that is still added is stopped; the check
\* and the removal that clears the flag are separate steps (safe only under
\* the rescan lock).
PciStopDev(t) ==
    /\ At(t, "pci_stop_and_remove_bus_device", "entry")
    /\ IF added[Dev(t)]
       THEN Call(t, "remove", "device_release_driver", Dev(t))
       ELSE Return(t)
    /\ UNCHANGED <<lockVars, deviceVars>>
    /\ UNCHANGED archVars

\* pci_dev_assign_added(dev, false); pci_destroy_dev() -> device_del(), which
\* takes device_lock for kill_device(); then put_device() drops the bus's
\* reference.  On s390 (zPCI designs) the last put runs pci_release_dev() ->
\* pcibios_release_device(), which drops the pdev's zpci_dev reference (module
\* ZpciLifecycle); the PCI-core designs do not model pci_dev lifetime.
PciRemoveBusDevice(t) ==
    /\ At(t, "pci_stop_and_remove_bus_device", "remove")
    /\ deviceLock[Dev(t)] = NoOwner
    /\ added' = [added EXCEPT ![Dev(t)] = FALSE]
    /\ dead' = [dead EXCEPT ![Dev(t)] = TRUE]
    /\ removeCount' = [removeCount EXCEPT ![Dev(t)] = @ + 1]
    /\ IF Design \in ZpciDesigns
       THEN /\ pdevRef' = [pdevRef EXCEPT ![Dev(t)] = @ - 1]
            /\ IF pdevRef[Dev(t)] = 1
               THEN TailCall(t, "pcibios_release_device", Dev(t))
               ELSE Return(t)
       ELSE Return(t) /\ UNCHANGED pdevRef
    /\ UNCHANGED <<lockVars, bound, numVfs>>
    /\ UNCHANGED archVars

-----------------------------------------------------------------------------
(* device_release_driver(): device_lock, the driver's .remove, unlock.      *)

DeviceReleaseDriver(t) ==
    /\ At(t, "device_release_driver", "entry")
    /\ DeviceLock(t, Dev(t))
    /\ Goto(t, "release")
    /\ UNCHANGED <<rescanLock, rescanWarned, deviceVars>>
    /\ UNCHANGED archVars

\* __device_release_driver() -> pci_device_remove() -> driver .remove.  A PF
\* driver's .remove calls pci_disable_sriov() -> sriov_del_vfs().
PciDeviceRemove(t) ==
    /\ At(t, "device_release_driver", "release")
    /\ IF bound[Dev(t)] /\ Dev(t) = PF /\ numVfs > 0
       THEN /\ Call(t, "unlock", "sriov_del_vfs", PF)
            /\ UNCHANGED <<deviceLock, bound>>
       ELSE /\ bound' = [bound EXCEPT ![Dev(t)] = FALSE]
            /\ DeviceUnlock(t, Dev(t))
            /\ Return(t)
    /\ UNCHANGED <<rescanLock, rescanWarned, dead, added, removeCount, numVfs, pdevRef>>
    /\ UNCHANGED archVars

\* The PF driver's .remove has returned: unbound, device_unlock().
DeviceReleaseDriverUnlock(t) ==
    /\ At(t, "device_release_driver", "unlock")
    /\ bound' = [bound EXCEPT ![Dev(t)] = FALSE]
    /\ DeviceUnlock(t, Dev(t))
    /\ Return(t)
    /\ UNCHANGED <<rescanLock, rescanWarned, dead, added, removeCount, numVfs, pdevRef>>
    /\ UNCHANGED archVars

-----------------------------------------------------------------------------
(* sriov_del_vfs(): remove every VF, under the rescan lock where the design *)
(* takes it there.                                                         *)

SriovDelVfs(t) ==
    /\ At(t, "sriov_del_vfs", "entry")
    /\ IF SriovDelVfsLocks
       THEN CanLockRescan(t) /\ LockRescan(t)
       ELSE UNCHANGED rescanLock
    \* pci_iov_remove_virtfn() -> pci_stop_and_remove_bus_device(VF), for each VF
    /\ Call(t, IF Len(VFs) = 1 THEN "unlock" ELSE "vf2", "pci_stop_and_remove_bus_device", VFs[1])
    /\ UNCHANGED <<rescanWarned, deviceLock, deviceVars>>
    /\ UNCHANGED archVars

\* The next VF (designs with two VFs).
SriovDelVfsNext(t) ==
    /\ At(t, "sriov_del_vfs", "vf2")
    /\ Call(t, "unlock", "pci_stop_and_remove_bus_device", VFs[2])
    /\ UNCHANGED <<lockVars, deviceVars>>
    /\ UNCHANGED archVars

\* The VFs are gone: num_VFs = 0, and pci_unlock_rescan_remove() if locked.
SriovDelVfsUnlock(t) ==
    /\ At(t, "sriov_del_vfs", "unlock")
    /\ numVfs' = 0
    /\ IF SriovDelVfsLocks THEN UnlockRescan(t) ELSE UNCHANGED <<rescanLock, rescanWarned>>
    /\ Return(t)
    /\ UNCHANGED <<deviceLock, bound, dead, added, removeCount, pdevRef>>
    /\ UNCHANGED archVars

-----------------------------------------------------------------------------
(* Driver core sysfs: unbind and bind.                                      *)

\* unbind_store(): dev->driver == drv is checked without the lock, then
\* device_driver_detach() -> device_release_driver().
UnbindStore(t) ==
    /\ At(t, "unbind_store", "entry")
    /\ IF bound[Dev(t)]
       THEN TailCall(t, "device_release_driver", Dev(t))
       ELSE Return(t)
    /\ UNCHANGED <<lockVars, deviceVars>>
    /\ UNCHANGED archVars

\* bind_store() -> device_driver_attach(): device_lock.
BindStore(t) ==
    /\ At(t, "bind_store", "entry")
    /\ DeviceLock(t, Dev(t))
    /\ Goto(t, "probe")
    /\ UNCHANGED <<rescanLock, rescanWarned, deviceVars>>
    /\ UNCHANGED archVars

\* __driver_probe_device(): -ENODEV if dev->p->dead or no longer added;
\* otherwise the driver binds.  Then device_unlock().
BindStoreProbe(t) ==
    /\ At(t, "bind_store", "probe")
    /\ bound' = [bound EXCEPT ![Dev(t)] = @ \/ (~dead[Dev(t)] /\ added[Dev(t)])]
    /\ DeviceUnlock(t, Dev(t))
    /\ Return(t)
    /\ UNCHANGED <<rescanLock, rescanWarned, dead, added, removeCount, numVfs, pdevRef>>
    /\ UNCHANGED archVars

-----------------------------------------------------------------------------
(* sriov_numvfs_store(): echo 0 > sriov_numvfs on the PF.                   *)

SriovNumvfsStore(t) ==
    /\ At(t, "sriov_numvfs_store", "entry")
    /\ DeviceLock(t, Dev(t))
    /\ Goto(t, "configure")
    /\ UNCHANGED <<rescanLock, rescanWarned, deviceVars>>
    /\ UNCHANGED archVars

\* No driver (-ENOENT) or no VFs: device_unlock and return.  Otherwise the
\* driver's sriov_configure(0) -> pci_disable_sriov() -> sriov_del_vfs().
SriovNumvfsStoreConfigure(t) ==
    /\ At(t, "sriov_numvfs_store", "configure")
    /\ IF ~bound[Dev(t)] \/ numVfs = 0
       THEN DeviceUnlock(t, Dev(t)) /\ Return(t)
       ELSE /\ IF NumvfsStoreLocks
               THEN Goto(t, "lock_rescan")
               ELSE Call(t, "unlock", "sriov_del_vfs", Dev(t))
            /\ UNCHANGED deviceLock
    /\ UNCHANGED <<rescanLock, rescanWarned, deviceVars>>
    /\ UNCHANGED archVars

\* a5338e365c45: pci_lock_rescan_remove() around sriov_configure().
SriovNumvfsStoreLockRescan(t) ==
    /\ At(t, "sriov_numvfs_store", "lock_rescan")
    /\ CanLockRescan(t)
    /\ LockRescan(t)
    /\ Call(t, "unlock", "sriov_del_vfs", Dev(t))
    /\ UNCHANGED <<rescanWarned, deviceLock, deviceVars>>
    /\ UNCHANGED archVars

SriovNumvfsStoreUnlock(t) ==
    /\ At(t, "sriov_numvfs_store", "unlock")
    /\ IF NumvfsStoreLocks THEN UnlockRescan(t) ELSE UNCHANGED <<rescanLock, rescanWarned>>
    /\ DeviceUnlock(t, Dev(t))
    /\ Return(t)
    /\ UNCHANGED deviceVars
    /\ UNCHANGED archVars

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
    \/ PciRemoveBusDevice(t)
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
    /\ ~RescanLockReentrant => rescanLock.depth <= 1

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
\* lock, pci_stop_and_remove_bus_device between pci_stop_dev and device_del), no
\* driver may bind to d again.
RemovalReleasedDriver(t) ==
    /\ stack[t] # << >>
    /\ \/ Top(t).proc = "remove_store" /\ Top(t).pc = "stop_and_remove"
       \/ Top(t).proc = "pci_stop_and_remove_bus_device_locked" /\ Top(t).pc = "lock_rescan"
       \/ Top(t).proc = "pci_stop_and_remove_bus_device" /\ Top(t).pc = "remove"
NoBindAfterRemovalStartInv ==
    \A t \in Threads : RemovalReleasedDriver(t) => ~bound[Dev(t)]

\* Under weak fairness every started operation returns.
AllOperationsFinish == \A t \in Threads : <>Finished(t)

THEOREM Spec => [](TypeOK /\ RescanLockWellFormedInv /\ NoForeignRescanUnlockInv
                   /\ NoDoubleRemoveInv /\ NoUseAfterRemoveInv /\ NoBindAfterRemovalStartInv)
=============================================================================
