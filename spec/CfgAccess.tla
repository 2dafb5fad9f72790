------------------------------ MODULE CfgAccess ------------------------------
(***************************************************************************)
(* Blocking of user config-space access to one PCI device                  *)
(* (drivers/pci/access.c, the caller pci_dev_reset() in drivers/pci/pci.c, *)
(* and the ipr driver's adapter reset in drivers/scsi/ipr.c), before and   *)
(* after fb51ccbf217c ("PCI: Rework config space blocking services", 2011).*)
(*                                                                         *)
(* The flag dev->block_cfg_access (block_ucfg_access before the rework) is *)
(* read and written under the raw spinlock pci_lock, so each function's   *)
(* critical section is one atomic step.  A thread that must wait goes on   *)
(* the wait queue pci_cfg_wait (pci_wait_cfg()): it is not runnable until  *)
(* an unblock wakes all waiters, and then re-checks the flag under        *)
(* pci_lock.                                                               *)
(*                                                                         *)
(* Threads, by name: "reset1", "reset2": echo 1 > .../reset (reset_store ->*)
(* pci_reset_function -> pci_dev_reset: block, function-level reset,       *)
(* unblock); "ipr_isr": the ipr driver's error interrupt, whose adapter    *)
(* reset job blocks and unblocks from interrupt and timer context (it must *)
(* not sleep); "user_read": a config read through sysfs/proc               *)
(* (pci_user_read_config_*; a write takes the same path).                  *)
(*                                                                         *)
(* One action is one atomic step of one thread, named after the kernel     *)
(* function it runs, with the thread as its parameter.                     *)
(***************************************************************************)
EXTENDS Naturals, FiniteSets

CONSTANTS
    Design,     \* which code the kernel runs (see Designs)
    Threads     \* the concurrent threads, by name (see Role)

NoOwner == "none"

-----------------------------------------------------------------------------
(* Designs                                                                  *)

Designs == {
    "cfgaccess-2011",   \* pci_block_user_cfg_access(): BUG_ON(already blocked), used as a lock by pci_dev_reset()
    "cfgaccess-lock"    \* fb51ccbf217c: pci_cfg_access_lock() sleeps, _trylock() for atomic context
}
ASSUME Design \in Designs

\* fb51ccbf217c: blocking is a lock.  pci_cfg_access_lock() waits while the
\* device is blocked; ipr calls pci_cfg_access_trylock() and, when it fails,
\* retries from a timer (ipr_reset_block_config_access_wait()).  Before it,
\* pci_block_user_cfg_access() sets the flag and BUG()s if it was already set.
BlockIsLock == Design = "cfgaccess-lock"

(***************************************************************************)
(* What each thread runs.                                                  *)
(***************************************************************************)
ASSUME Threads \subseteq {"reset1", "reset2", "ipr_isr", "user_read"}
Role(t) == CASE t \in {"reset1", "reset2"} -> "reset"
             [] t = "ipr_isr"              -> "ipr"
             [] t = "user_read"            -> "user"
\* The ipr reset job runs from its interrupt handler and from a timer.
InterruptContext(t) == Role(t) = "ipr"

Labels == {"entry", "wait", "pcie_flr", "unblock", "timer", "start_bist", "restore", "done", "bug"}

-----------------------------------------------------------------------------
VARIABLES
    pc,                 \* pc[t]: where thread t is (see Labels)
    blocked,            \* dev->block_cfg_access
    blocker,            \* ghost: the thread that set the flag, or NoOwner
    waitQueue,          \* threads asleep on pci_cfg_wait, not yet woken
    bugHit,             \* ghost: a thread hit BUG_ON(was_blocked)
    badUnblock,         \* ghost: an unblock by a thread that had not blocked (or WARN_ON(!blocked))
    userAccessInReset   \* ghost: a user config access reached the device during a reset

blockVars == <<blocked, blocker, waitQueue>>
ghostVars == <<bugHit, badUnblock, userAccessInReset>>
vars == <<pc, blockVars, ghostVars>>

TypeOK ==
    /\ pc \in [Threads -> Labels]
    /\ blocked \in BOOLEAN
    /\ blocker \in Threads \cup {NoOwner}
    /\ waitQueue \subseteq Threads
    /\ bugHit \in BOOLEAN
    /\ badUnblock \in BOOLEAN
    /\ userAccessInReset \in BOOLEAN

Init ==
    /\ pc = [t \in Threads |-> "entry"]
    /\ blocked = FALSE
    /\ blocker = NoOwner
    /\ waitQueue = {}
    /\ bugHit = FALSE
    /\ badUnblock = FALSE
    /\ userAccessInReset = FALSE

\* A reset of the device is in progress: between the FLR write and the
\* unblock (sysfs reset), between BIST and the restore (ipr adapter reset).
Resetting(t) ==
    \/ Role(t) = "reset" /\ pc[t] = "unblock"
    \/ Role(t) = "ipr" /\ pc[t] = "restore"

\* Set the flag for t; where the next step goes.
Block(t, next) ==
    /\ blocked' = TRUE
    /\ blocker' = t
    /\ pc' = [pc EXCEPT ![t] = next]

\* pci_wait_cfg(): add t to pci_cfg_wait and schedule() with pci_lock dropped.
Sleep(t) ==
    /\ waitQueue' = waitQueue \cup {t}
    /\ pc' = [pc EXCEPT ![t] = "wait"]

\* pci_unblock_user_cfg_access() / pci_cfg_access_unlock(): WARN_ON(!blocked),
\* clear the flag, wake_up_all(&pci_cfg_wait).
Unblock(t, next) ==
    /\ badUnblock' = (badUnblock \/ ~blocked \/ blocker # t)
    /\ blocked' = FALSE
    /\ blocker' = NoOwner
    /\ waitQueue' = {}
    /\ pc' = [pc EXCEPT ![t] = next]

-----------------------------------------------------------------------------
(* sysfs reset: pci_dev_reset(dev, 0)                                       *)

\* Before fb51ccbf217c: pci_block_user_cfg_access() sets the flag, drops
\* pci_lock, then BUG_ON(was_blocked): the oops kills the writer, the flag
\* stays set.
PciBlockUserCfgAccess(t) ==
    /\ ~BlockIsLock
    /\ Role(t) = "reset" /\ pc[t] = "entry"
    /\ IF blocked
       THEN /\ bugHit' = TRUE
            /\ pc' = [pc EXCEPT ![t] = "bug"]
            /\ UNCHANGED <<blocked, blocker>>
       ELSE Block(t, "pcie_flr") /\ UNCHANGED bugHit
    /\ UNCHANGED <<waitQueue, badUnblock, userAccessInReset>>

\* fb51ccbf217c: pci_cfg_access_lock(): might_sleep(); if blocked,
\* pci_wait_cfg(); then set the flag.
PciCfgAccessLock(t) ==
    /\ BlockIsLock
    /\ Role(t) = "reset" /\ pc[t] = "entry"
    /\ IF blocked
       THEN Sleep(t) /\ UNCHANGED <<blocked, blocker>>
       ELSE Block(t, "pcie_flr") /\ UNCHANGED waitQueue
    /\ UNCHANGED ghostVars

\* pci_dev_specific_reset() -> pcie_flr(): the FLR bit is written; the
\* device does not answer config cycles until the reset completes.
\* (device_lock(), taken after the block, is left out: no other thread here
\* takes it.)
PcieFlr(t) ==
    /\ Role(t) = "reset" /\ pc[t] = "pcie_flr"
    /\ pc' = [pc EXCEPT ![t] = "unblock"]
    /\ UNCHANGED <<blockVars, ghostVars>>

\* msleep(100) has returned, the device is back; pci_dev_reset() unblocks.
PciUnblockUserCfgAccess(t) ==
    /\ ~BlockIsLock
    /\ Role(t) = "reset" /\ pc[t] = "unblock"
    /\ Unblock(t, "done")
    /\ UNCHANGED <<bugHit, userAccessInReset>>

PciCfgAccessUnlock(t) ==
    /\ BlockIsLock
    /\ Role(t) = "reset" /\ pc[t] = "unblock"
    /\ Unblock(t, "done")
    /\ UNCHANGED <<bugHit, userAccessInReset>>

-----------------------------------------------------------------------------
(* ipr: error interrupt -> adapter reset job (interrupt and timer context)  *)

\* ipr_isr() sees an error and starts the adapter reset job; its first step
\* blocks user config access.  Before fb51ccbf217c: pci_block_user_cfg_access()
\* (BUG_ON(was_blocked), here in interrupt context).  After:
\* ipr_reset_block_config_access_wait() -> pci_cfg_access_trylock(); on failure
\* ipr_reset_start_timer() and return (never sleeps).
IprIsr(t) ==
    /\ Role(t) = "ipr" /\ pc[t] = "entry"
    /\ IF ~blocked
       THEN Block(t, "start_bist") /\ UNCHANGED bugHit
       ELSE IF BlockIsLock
            THEN pc' = [pc EXCEPT ![t] = "timer"] /\ UNCHANGED <<blocked, blocker, bugHit>>
            ELSE /\ bugHit' = TRUE
                 /\ pc' = [pc EXCEPT ![t] = "bug"]
                 /\ UNCHANGED <<blocked, blocker>>
    /\ UNCHANGED <<waitQueue, badUnblock, userAccessInReset>>

\* ipr_reset_timer_done(): the job runs ipr_reset_block_config_access_wait()
\* again: pci_cfg_access_trylock(), or another timer.  (Its time_left
\* fallback, "Timed out waiting to lock config access. Resetting anyway.",
\* is left out: see the cfgaccess-lock cfg.)
IprResetTimerDone(t) ==
    /\ BlockIsLock
    /\ Role(t) = "ipr" /\ pc[t] = "timer"
    /\ IF ~blocked
       THEN Block(t, "start_bist")
       ELSE UNCHANGED <<pc, blocked, blocker>>
    /\ UNCHANGED <<waitQueue, ghostVars>>

\* ipr_reset_start_bist(): the adapter runs BIST and stops answering on the bus.
IprResetStartBist(t) ==
    /\ Role(t) = "ipr" /\ pc[t] = "start_bist"
    /\ pc' = [pc EXCEPT ![t] = "restore"]
    /\ UNCHANGED <<blockVars, ghostVars>>

\* ipr_reset_restore_cfg_space(): the adapter is back; unblock
\* (pci_unblock_user_cfg_access(), after fb51ccbf217c pci_cfg_access_unlock()
\* as cfg_locked is set).
IprResetRestoreCfgSpace(t) ==
    /\ Role(t) = "ipr" /\ pc[t] = "restore"
    /\ Unblock(t, "done")
    /\ UNCHANGED <<bugHit, userAccessInReset>>

-----------------------------------------------------------------------------
(* User config access: pci_user_read_config_*()                             *)

\* Under pci_lock: if blocked, pci_wait_cfg(); then the read on the bus.
PciUserReadConfig(t) ==
    /\ Role(t) = "user" /\ pc[t] = "entry"
    /\ IF blocked
       THEN Sleep(t) /\ UNCHANGED userAccessInReset
       ELSE /\ userAccessInReset' = (userAccessInReset \/ \E r \in Threads : Resetting(r))
            /\ pc' = [pc EXCEPT ![t] = "done"]
            /\ UNCHANGED waitQueue
    /\ UNCHANGED <<blocked, blocker, bugHit, badUnblock>>

-----------------------------------------------------------------------------
(* pci_wait_cfg(): a woken waiter re-takes pci_lock and re-checks the flag. *)

\* Still blocked: sleep again.  Otherwise the caller goes on under pci_lock:
\* pci_cfg_access_lock() sets the flag, a user access reads the device.
PciWaitCfg(t) ==
    /\ pc[t] = "wait" /\ t \notin waitQueue
    /\ IF blocked
       THEN Sleep(t) /\ UNCHANGED <<blocked, blocker, userAccessInReset>>
       ELSE IF Role(t) = "reset"
            THEN Block(t, "pcie_flr") /\ UNCHANGED <<waitQueue, userAccessInReset>>
            ELSE /\ userAccessInReset' = (userAccessInReset \/ \E r \in Threads : Resetting(r))
                 /\ pc' = [pc EXCEPT ![t] = "done"]
                 /\ UNCHANGED <<blocked, blocker, waitQueue>>
    /\ UNCHANGED <<bugHit, badUnblock>>

-----------------------------------------------------------------------------
ThreadStep(t) ==
    \/ PciBlockUserCfgAccess(t)
    \/ PciCfgAccessLock(t)
    \/ PcieFlr(t)
    \/ PciUnblockUserCfgAccess(t)
    \/ PciCfgAccessUnlock(t)
    \/ IprIsr(t)
    \/ IprResetTimerDone(t)
    \/ IprResetStartBist(t)
    \/ IprResetRestoreCfgSpace(t)
    \/ PciUserReadConfig(t)
    \/ PciWaitCfg(t)

Finished(t) == pc[t] = "done"
\* All threads have returned: stuttering, so TLC does not call it a deadlock.
Terminated == (\A t \in Threads : Finished(t)) /\ UNCHANGED vars

Next == (\E t \in Threads : ThreadStep(t)) \/ Terminated

Spec == Init /\ [][Next]_vars /\ \A t \in Threads : WF_vars(ThreadStep(t))

-----------------------------------------------------------------------------
(* Invariants and properties                                                *)

\* No BUG: nobody blocks a device that is already blocked (the old API's
\* BUG_ON(was_blocked), which oopses and leaves the device blocked for good).
NoBugInv == ~bugHit

\* No user config access reaches the device while it is being reset (sysfs
\* FLR or ipr BIST): the device does not answer config cycles then.
NoUserAccessDuringResetInv == ~userAccessInReset

\* Only the thread that blocked the device unblocks it, and only while it is
\* blocked; and while blocked, the blocker is still inside its blocked section.
UnblockOnlyByBlockerInv ==
    /\ ~badUnblock
    /\ blocked => blocker # NoOwner /\ pc[blocker] \in {"pcie_flr", "unblock", "start_bist", "restore"}

\* No thread in interrupt context sleeps (on pci_cfg_wait or anywhere).
NoSleepInInterruptInv == \A t \in Threads : InterruptContext(t) => pc[t] # "wait"

\* A user access that has to wait eventually reaches the device.
WaitingUserProceeds == \A t \in Threads : Role(t) = "user" => (pc[t] = "wait" ~> Finished(t))

\* Under weak fairness every thread's operation returns.
AllOperationsFinish == \A t \in Threads : <>Finished(t)

THEOREM Spec => [](TypeOK /\ NoBugInv /\ NoUserAccessDuringResetInv /\ UnblockOnlyByBlockerInv
                   /\ NoSleepInInterruptInv)
=============================================================================
