------------------------------ MODULE CfgAccess ------------------------------
(***************************************************************************)
(* Blocking of user config-space access to one PCI device                  *)
(* (drivers/pci/access.c, the caller pci_dev_reset() in drivers/pci/pci.c, *)
(* and the ipr driver's adapter reset in drivers/scsi/ipr.c), before and   *)
(* after fb51ccbf217c ("PCI: Rework config space blocking services", 2011),*)
(* and Brian King's block-count proposal from the thread before it (seed  *)
(* 003, 2011-08-24: a count of blockers instead of BUG_ON).               *)
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
    Threads,    \* the concurrent threads, by name (see Role)
    \* fb51ccbf217c: blocking is a lock.  pci_cfg_access_lock() waits while the
    \* device is blocked; ipr calls pci_cfg_access_trylock() and, when it fails,
    \* retries from a timer (ipr_reset_block_config_access_wait()).  Before it,
    \* pci_block_user_cfg_access() sets the flag and BUG()s if it was already set.
    BlockIsLock_fb51ccbf217c,
    \* Brian King, 2011-08-24 (seed 003): "Each call to pci_block increments a
    \* count. Each pci_unblock decrements the count and only actually do the
    \* unblock if the count drops to zero."  The 2011 API otherwise (no sleeping
    \* block, ipr and pci_dev_reset() both call pci_block_user_cfg_access()).
    BlockCounts_King2011

ASSUME {BlockIsLock_fb51ccbf217c, BlockCounts_King2011} \subseteq BOOLEAN
\* The proposal is on the 2011 API, which fb51ccbf217c replaced.
ASSUME ~(BlockIsLock_fb51ccbf217c /\ BlockCounts_King2011)

NoOwner == "none"

(***************************************************************************)
(* What each thread runs.                                                  *)
(***************************************************************************)
ASSUME Threads \subseteq {"reset1", "reset2", "ipr_isr", "user_read"}
Role(t) == CASE t \in {"reset1", "reset2"} -> "reset"
             [] t = "ipr_isr"              -> "ipr"
             [] t = "user_read"            -> "user"
\* The ipr reset job runs from its interrupt handler and from a timer.
InterruptContext(t) == Role(t) = "ipr"

Labels == {"entry", "wait", "pcie_flr", "unblock", "timer", "start_bist", "bist_done", "done", "bug"}
\* Where a thread has blocked user access and works on the device.
BlockedSection == {"pcie_flr", "unblock", "start_bist", "bist_done"}

-----------------------------------------------------------------------------
VARIABLES
    pc,                 \* pc[t]: where thread t is (see Labels)
    blocked,            \* dev->block_cfg_access (block_ucfg_access before fb51ccbf217c)
    blockCount,         \* cfgaccess-blockcount: the proposed count of blocks (0 in the other designs)
    \* @ghost blockers: who holds a block; read only by invariants and the review's lock table.
    blockers,           \* ghost: the threads that blocked and have not unblocked yet
    waitQueue,          \* threads asleep on pci_cfg_wait, not yet woken
    \* @ghost bugHit: records that BUG_ON(was_blocked) fired; the BUG itself is the thread's label "bug".
    bugHit,             \* ghost: a thread hit BUG_ON(was_blocked)
    \* @ghost badUnblock: records WARN_ON(!blocked) or an unblock by a non-blocker; written, never read by an action.
    badUnblock,         \* ghost: an unblock by a thread that had not blocked (or WARN_ON(!blocked))
    \* @ghost userAccessInReset: records a user access during a reset; written, never read by an action.
    userAccessInReset   \* ghost: a user config access reached the device during a reset

blockVars == <<blocked, blockCount, blockers, waitQueue>>
ghostVars == <<bugHit, badUnblock, userAccessInReset>>
vars == <<pc, blockVars, ghostVars>>

TypeOK ==
    /\ pc \in [Threads -> Labels]
    /\ blocked \in BOOLEAN
    /\ blockCount \in 0..Cardinality(Threads)
    /\ blockers \subseteq Threads
    /\ waitQueue \subseteq Threads
    /\ bugHit \in BOOLEAN
    /\ badUnblock \in BOOLEAN
    /\ userAccessInReset \in BOOLEAN

Init ==
    /\ pc = [t \in Threads |-> "entry"]
    /\ blocked = FALSE
    /\ blockCount = 0
    /\ blockers = {}
    /\ waitQueue = {}
    /\ bugHit = FALSE
    /\ badUnblock = FALSE
    /\ userAccessInReset = FALSE

\* A reset of the device is in progress: between the FLR write and the
\* unblock (sysfs reset), between BIST and the restore (ipr adapter reset).
Resetting(t) ==
    \/ Role(t) = "reset" /\ pc[t] = "unblock"
    \/ Role(t) = "ipr" /\ pc[t] = "bist_done"

\* Set the flag for t (cfgaccess-blockcount: count one more block); where
\* the next step goes.
Block(t, next) ==
    /\ blocked' = TRUE
    /\ blockCount' = IF BlockCounts_King2011 THEN blockCount + 1 ELSE blockCount
    /\ blockers' = blockers \cup {t}
    /\ pc' = [pc EXCEPT ![t] = next]

\* pci_wait_cfg(): add t to pci_cfg_wait and schedule() with pci_lock dropped.
Sleep(t) ==
    /\ waitQueue' = waitQueue \cup {t}
    /\ pc' = [pc EXCEPT ![t] = "wait"]

\* pci_unblock_user_cfg_access() / pci_cfg_access_unlock(): WARN_ON(!blocked),
\* clear the flag, wake_up_all(&pci_cfg_wait).
\* cfgaccess-blockcount: decrement the count; only when it drops to zero
\* clear the flag and wake the waiters.
Unblock(t, next) ==
    /\ badUnblock' = (badUnblock \/ ~blocked \/ t \notin blockers)
    /\ blockers' = blockers \ {t}
    /\ IF BlockCounts_King2011
       THEN LET n == IF blockCount > 0 THEN blockCount - 1 ELSE 0 IN
            /\ blockCount' = n
            /\ IF n = 0 THEN blocked' = FALSE /\ waitQueue' = {}
                        ELSE UNCHANGED <<blocked, waitQueue>>
       ELSE /\ blocked' = FALSE
            /\ waitQueue' = {}
            /\ UNCHANGED blockCount
    /\ pc' = [pc EXCEPT ![t] = next]

-----------------------------------------------------------------------------
(* sysfs reset: reset_store -> pci_reset_function -> pci_dev_reset(dev, 0)  *)
(* (linux-3.1/3.2); 6.1/6.12: pci_reset_function -> pci_dev_lock.          *)

\* Before fb51ccbf217c: pci_block_user_cfg_access() sets the flag, drops
\* pci_lock, then BUG_ON(was_blocked): the oops kills the writer, the flag
\* stays set.  cfgaccess-blockcount: the same call counts one more block and
\* never BUGs.
\* @source linux-3.1 fb51ccbf217c^ drivers/pci/access.c pci_block_user_cfg_access "BUG_ON(was_blocked)"
\* @source linux-3.1 fb51ccbf217c^ drivers/pci/pci.c pci_dev_reset "pci_block_user_cfg_access(dev)"
\* @source blockcount-2011 seed003 drivers/pci/access.c pci_block_user_cfg_access "Each call to pci_block increments a count"
\* @fidelity faithful: was_blocked is read and the flag set in one pci_lock section, as in the code; the
\*   BUG_ON after the unlock is folded into the same step, sound because the flag is already set and the
\*   oopsing task takes no further step (label "bug").  The count design is the proposal as written in the
\*   mail (no patch exists): only the counting and the unblock-at-zero are modelled.
PciBlockUserCfgAccess(t) ==
    /\ ~BlockIsLock_fb51ccbf217c
    /\ Role(t) = "reset" /\ pc[t] = "entry"
    /\ IF blocked /\ ~BlockCounts_King2011
       THEN /\ bugHit' = TRUE
            /\ pc' = [pc EXCEPT ![t] = "bug"]
            /\ UNCHANGED <<blocked, blockCount, blockers>>
       ELSE Block(t, "pcie_flr") /\ UNCHANGED bugHit
    /\ UNCHANGED <<waitQueue, badUnblock, userAccessInReset>>

\* fb51ccbf217c: pci_cfg_access_lock(): might_sleep(); if blocked,
\* pci_wait_cfg(); then set the flag.
\* @source linux-3.2 fb51ccbf217c drivers/pci/pci.c pci_dev_reset "pci_cfg_access_lock(dev)"
\* @source linux-6.12.117 drivers/pci/access.c pci_cfg_access_lock "if (dev->block_cfg_access)" "pci_wait_cfg(dev);" "dev->block_cfg_access = 1;"
\* @source linux-6.1.192 drivers/pci/access.c pci_cfg_access_lock "pci_wait_cfg(dev);"
\* @source linux-6.12.117 drivers/pci/pci.c pci_dev_lock "device_lock(&dev->dev);" "pci_cfg_access_lock(dev);"
\* @source linux-6.12.117 drivers/pci/pci.c pci_reset_function "pci_dev_lock(dev);"
\* @fidelity simplified: the check and the set are one pci_lock section, as in the code.  device_lock() is
\*   left out: fb51ccbf217c takes it after the block, 6.1/6.12 (pci_dev_lock) before it, and 6.12 also locks
\*   the upstream bridge first; sound here because no other thread of the model takes device_lock, so
\*   either order gives the same interleavings of the block (two resets in 6.x serialise on device_lock
\*   before they reach the block: a subset of the modelled ones).
PciCfgAccessLock(t) ==
    /\ BlockIsLock_fb51ccbf217c
    /\ Role(t) = "reset" /\ pc[t] = "entry"
    /\ IF blocked
       THEN Sleep(t) /\ UNCHANGED <<blocked, blockCount, blockers>>
       ELSE Block(t, "pcie_flr") /\ UNCHANGED waitQueue
    /\ UNCHANGED ghostVars

\* pci_dev_specific_reset() -> pcie_flr(): the FLR bit is written; the
\* device does not answer config cycles until the reset completes.
\* @source linux-3.1 fb51ccbf217c^ drivers/pci/pci.c pcie_flr
\* @source linux-6.12.117 drivers/pci/pci.c pcie_flr "PCI_EXP_DEVCTL_BCR_FLR" "msleep(100);"
\* @source linux-6.1.192 drivers/pci/pci.c pcie_flr "msleep(100);"
\* @fidelity simplified: the FLR write is one step; the other reset methods (pci_dev_specific_reset,
\*   AF FLR, PM, bus reset) and 6.x's pci_dev_save_and_disable() are left out: each is a write to the
\*   device between block and unblock, the same step for the blocking question.
PcieFlr(t) ==
    /\ Role(t) = "reset" /\ pc[t] = "pcie_flr"
    /\ pc' = [pc EXCEPT ![t] = "unblock"]
    /\ UNCHANGED <<blockVars, ghostVars>>

\* msleep(100) has returned, the device is back; pci_dev_reset() unblocks.
\* @source linux-3.1 fb51ccbf217c^ drivers/pci/access.c pci_unblock_user_cfg_access "WARN_ON(!dev->block_ucfg_access)" "wake_up_all(&pci_ucfg_wait)"
\* @source blockcount-2011 seed003 drivers/pci/access.c pci_unblock_user_cfg_access "only actually do the unblock if the count drops to zero"
\* @fidelity faithful: WARN_ON, clear and wake_up_all in one pci_lock section, as in the 2011 code.  The
\*   count design decrements and clears/wakes only at zero, as the proposal says.
PciUnblockUserCfgAccess(t) ==
    /\ ~BlockIsLock_fb51ccbf217c
    /\ Role(t) = "reset" /\ pc[t] = "unblock"
    /\ Unblock(t, "done")
    /\ UNCHANGED <<bugHit, userAccessInReset>>

\* @source linux-3.2 fb51ccbf217c drivers/pci/access.c pci_cfg_access_unlock
\* @source linux-6.12.117 drivers/pci/access.c pci_cfg_access_unlock "WARN_ON(!dev->block_cfg_access);" "dev->block_cfg_access = 0;" "wake_up_all(&pci_cfg_wait);"
\* @source linux-6.1.192 drivers/pci/access.c pci_cfg_access_unlock "wake_up_all(&pci_cfg_wait);"
\* @source linux-6.12.117 drivers/pci/pci.c pci_dev_unlock "pci_cfg_access_unlock(dev);"
\* @fidelity simplified: 6.1/6.12 call wake_up_all() after dropping pci_lock (cdcb33f98244), fb51ccbf217c
\*   under it; one step here.  Sound: a woken waiter re-checks the flag under pci_lock (PciWaitCfg), and a
\*   waiter that has not slept yet sees the flag clear, so no wake-up is lost in either order.
PciCfgAccessUnlock(t) ==
    /\ BlockIsLock_fb51ccbf217c
    /\ Role(t) = "reset" /\ pc[t] = "unblock"
    /\ Unblock(t, "done")
    /\ UNCHANGED <<bugHit, userAccessInReset>>

-----------------------------------------------------------------------------
(* ipr: error interrupt -> adapter reset job (interrupt and timer context)  *)

\* ipr_isr() sees an error and starts the adapter reset job; its first step
\* blocks user config access.  Before fb51ccbf217c: pci_block_user_cfg_access()
\* in ipr_reset_start_bist() (BUG_ON(was_blocked), here in interrupt context;
\* cfgaccess-blockcount: count one more).  After:
\* ipr_reset_block_config_access_wait() -> pci_cfg_access_trylock(); on failure
\* ipr_reset_start_timer() and return (never sleeps).
\* @source linux-3.1 fb51ccbf217c^ drivers/scsi/ipr.c ipr_reset_start_bist "pci_block_user_cfg_access(ioa_cfg->pdev)"
\* @source linux-3.2 fb51ccbf217c drivers/scsi/ipr.c ipr_reset_block_config_access_wait "pci_cfg_access_trylock(ioa_cfg->pdev)"
\* @source linux-6.12.117 drivers/pci/access.c pci_cfg_access_trylock "locked = false;" "dev->block_cfg_access = 1;"
\* @source linux-6.12.117 drivers/scsi/ipr.c ipr_reset_block_config_access_wait "ipr_reset_start_timer(ipr_cmd," "Timed out waiting to lock config access. Resetting anyway."
\* @fidelity simplified: the interrupt, the job steps before the block (ipr_reset_alert,
\*   ipr_reset_block_config_access) and, before fb51ccbf217c, the step that blocks (ipr_reset_start_bist)
\*   are one step; they touch neither the flag nor the device's config answers.  The time_left fallback
\*   (reset without the block once the retries run out) is left out: see cfgaccess-lock.cfg.  ipr.c is not
\*   in the pinned trees' unpacked part (docs/audit/cfgaccess-xenpirq.md says how to unpack it); the 3.1 call site is read
\*   from Brian King's 2005 patch hunk, not from 3.1's file.
IprIsr(t) ==
    /\ Role(t) = "ipr" /\ pc[t] = "entry"
    /\ IF ~blocked \/ BlockCounts_King2011
       THEN Block(t, "start_bist") /\ UNCHANGED bugHit
       ELSE IF BlockIsLock_fb51ccbf217c
            THEN pc' = [pc EXCEPT ![t] = "timer"] /\ UNCHANGED <<blocked, blockCount, blockers, bugHit>>
            ELSE /\ bugHit' = TRUE
                 /\ pc' = [pc EXCEPT ![t] = "bug"]
                 /\ UNCHANGED <<blocked, blockCount, blockers>>
    /\ UNCHANGED <<waitQueue, badUnblock, userAccessInReset>>

\* ipr_reset_timer_done(): the job runs ipr_reset_block_config_access_wait()
\* again: pci_cfg_access_trylock(), or another timer.  (Its time_left
\* fallback is left out: see the cfgaccess-lock cfg.)
\* @source linux-3.2 fb51ccbf217c drivers/scsi/ipr.c ipr_reset_block_config_access_wait "ipr_reset_start_timer(ipr_cmd,"
\* @source linux-6.12.117 drivers/scsi/ipr.c ipr_reset_block_config_access_wait "if (pci_cfg_access_trylock(ioa_cfg->pdev)) {"
\* @fidelity simplified: the timer's expiry and the retry are one step, and the retry count (time_left) is
\*   unbounded; sound for safety (fewer retries are a prefix of these behaviours); for liveness the model
\*   needs weak fairness of the timer, which the kernel's timer gives.
IprResetTimerDone(t) ==
    /\ BlockIsLock_fb51ccbf217c
    /\ Role(t) = "ipr" /\ pc[t] = "timer"
    /\ IF ~blocked
       THEN Block(t, "start_bist")
       ELSE UNCHANGED <<pc, blocked, blockCount, blockers>>
    /\ UNCHANGED <<waitQueue, ghostVars>>

\* ipr_reset_start_bist(): the adapter runs BIST and stops answering on the bus.
\* @source linux-6.12.117 drivers/scsi/ipr.c ipr_reset_start_bist "pci_write_config_byte(ioa_cfg->pdev, PCI_BIST, PCI_BIST_START)" "ipr_reset_start_timer(ipr_cmd, IPR_WAIT_FOR_BIST_TIMEOUT);"
\* @source linux-3.1 fb51ccbf217c^ drivers/scsi/ipr.c ipr_reset_start_bist "pci_write_config_byte(ioa_cfg->pdev, PCI_BIST, PCI_BIST_START)"
\* @fidelity simplified: the BIST write is the kernel's own config access (pci_write_config_byte, not
\*   blocked); its failure path (unlock at once, IPR_IOASC_PCI_ACCESS_ERROR) and the MMIO BIST method are
\*   left out: both end the blocked section earlier, a prefix of the modelled one.
IprResetStartBist(t) ==
    /\ Role(t) = "ipr" /\ pc[t] = "start_bist"
    /\ pc' = [pc EXCEPT ![t] = "bist_done"]
    /\ UNCHANGED <<blockVars, ghostVars>>

\* ipr_reset_bist_done(): the BIST timer has fired, the adapter is back;
\* unblock (pci_unblock_user_cfg_access() before fb51ccbf217c, since then
\* pci_cfg_access_unlock() if cfg_locked); the job then goes on to
\* ipr_reset_restore_cfg_space() with user access already allowed.
\* @source linux-6.12.117 drivers/scsi/ipr.c ipr_reset_bist_done "if (ioa_cfg->cfg_locked)" "pci_cfg_access_unlock(ioa_cfg->pdev);" "ipr_cmd->job_step = ipr_reset_restore_cfg_space;"
\* @source linux-3.2 fb51ccbf217c drivers/scsi/ipr.c ipr_reset_bist_done "pci_cfg_access_unlock(ioa_cfg->pdev)"
\* @source linux-3.1 fb51ccbf217c^ drivers/scsi/ipr.c ipr_reset_bist_done
\* @fidelity simplified: the audit found this step misnamed (it was IprResetRestoreCfgSpace): the unblock is
\*   in ipr_reset_bist_done, before the config space is restored.  The restore itself
\*   (pci_restore_state, a kernel access) comes after the unblock and is left out: no modelled invariant
\*   reads it.  The 3.1 body (pci_unblock_user_cfg_access there) is inferred from fb51ccbf217c's hunk.
IprResetBistDone(t) ==
    /\ Role(t) = "ipr" /\ pc[t] = "bist_done"
    /\ Unblock(t, "done")
    /\ UNCHANGED <<bugHit, userAccessInReset>>

-----------------------------------------------------------------------------
(* User config access: pci_user_read_config_*()                             *)

\* Under pci_lock: if blocked, pci_wait_cfg(); then the read on the bus.
\* @source linux-3.1 fb51ccbf217c^ drivers/pci/access.c pci_user_read_config_dword "if (unlikely(dev->block_ucfg_access)) pci_wait_ucfg(dev);"
\* @source linux-6.12.117 drivers/pci/access.c PCI_USER_READ_CONFIG "if (unlikely(dev->block_cfg_access))" "pci_wait_cfg(dev);"
\* @source linux-6.1.192 drivers/pci/access.c PCI_USER_READ_CONFIG "pci_wait_cfg(dev);"
\* @fidelity faithful: the check, the sleep decision and the bus read are under pci_lock, one step as in
\*   the code (the functions are generated by the macro PCI_USER_READ_CONFIG; writes are the same path).
PciUserReadConfig(t) ==
    /\ Role(t) = "user" /\ pc[t] = "entry"
    /\ IF blocked
       THEN Sleep(t) /\ UNCHANGED userAccessInReset
       ELSE /\ userAccessInReset' = (userAccessInReset \/ \E r \in Threads : Resetting(r))
            /\ pc' = [pc EXCEPT ![t] = "done"]
            /\ UNCHANGED waitQueue
    /\ UNCHANGED <<blocked, blockCount, blockers, bugHit, badUnblock>>

-----------------------------------------------------------------------------
(* pci_wait_cfg(): a woken waiter re-takes pci_lock and re-checks the flag. *)

\* Still blocked: sleep again.  Otherwise the caller goes on under pci_lock:
\* pci_cfg_access_lock() sets the flag, a user access reads the device.
\* @source linux-3.1 fb51ccbf217c^ drivers/pci/access.c pci_wait_ucfg "} while (dev->block_ucfg_access);"
\* @source linux-6.12.117 drivers/pci/access.c pci_wait_cfg "wait_event(pci_cfg_wait, !dev->block_cfg_access);" "} while (dev->block_cfg_access);"
\* @source linux-6.1.192 drivers/pci/access.c pci_wait_cfg "} while (dev->block_cfg_access);"
\* @fidelity simplified: 2011's loop (__add_wait_queue once, schedule, re-check) and 6.x's wait_event()
\*   (which checks the flag before sleeping, without pci_lock) both re-check under pci_lock after a
\*   wake-up; modelled as the 2011 loop.  Sound: wait_event() only skips a sleep the model would end at
\*   the next wake-up, and wake_up_all() wakes every sleeper, so no waiter misses an unblock.
PciWaitCfg(t) ==
    /\ pc[t] = "wait" /\ t \notin waitQueue
    /\ IF blocked
       THEN Sleep(t) /\ UNCHANGED <<blocked, blockCount, blockers, userAccessInReset>>
       ELSE IF Role(t) = "reset"
            THEN Block(t, "pcie_flr") /\ UNCHANGED <<waitQueue, userAccessInReset>>
            ELSE /\ userAccessInReset' = (userAccessInReset \/ \E r \in Threads : Resetting(r))
                 /\ pc' = [pc EXCEPT ![t] = "done"]
                 /\ UNCHANGED <<blocked, blockCount, blockers, waitQueue>>
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
    \/ IprResetBistDone(t)
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

\* Only a thread that blocked the device unblocks it, and only while it is
\* blocked; the device is blocked exactly while some blocker is inside its
\* blocked section.
UnblockOnlyByBlockerInv ==
    /\ ~badUnblock
    /\ blocked <=> blockers # {}
    /\ \A b \in blockers : pc[b] \in BlockedSection

\* Jan Kiszka's objection to the block count (seed 003, 2011-08-25): "multiple
\* kernel users (!= sysfs access) fiddle with the config space in an
\* unsynchronized fashion.  Think of sysfs-triggered pci_reset_function while
\* your ipr driver does its accesses."  At most one kernel user is inside a
\* blocked section (resetting the device) at a time.
NoConcurrentKernelUsersInv == Cardinality({t \in Threads : pc[t] \in BlockedSection}) <= 1

\* No thread in interrupt context sleeps (on pci_cfg_wait or anywhere).
NoSleepInInterruptInv == \A t \in Threads : InterruptContext(t) => pc[t] # "wait"

\* A user access that has to wait eventually reaches the device.
WaitingUserProceeds == \A t \in Threads : Role(t) = "user" => (pc[t] = "wait" ~> Finished(t))

\* Under weak fairness every thread's operation returns.
AllOperationsFinish == \A t \in Threads : <>Finished(t)

THEOREM Spec => [](TypeOK /\ NoBugInv /\ NoUserAccessDuringResetInv /\ UnblockOnlyByBlockerInv
                   /\ NoConcurrentKernelUsersInv /\ NoSleepInInterruptInv)

-----------------------------------------------------------------------------
(* Swimlane view (make review): what the review shows of each thread.  TLC  *)
(* evaluates these on every state it writes to the state graph; whether a  *)
(* thread waits is the graph's answer (work left, no step of its own).  No  *)
(* invariant or property reads them.  The lock is the device's user        *)
(* config-space block, which pci_dev_reset() uses as a lock.  (No          *)
(* Sequences here: each symbol more in this module can change the order in *)
(* which TLC lists the variables, and with it the generated suites.)       *)

\* The columns: the two sysfs resets, ipr's reset job, the user read (those of Threads, in this order).
SwimlaneThreads ==
    LET order == << "reset1", "reset2", "ipr_isr", "user_read" >>
        used == {k \in 1..4 : order[k] \in Threads}
        nth(n) == CHOOSE k \in used : Cardinality({j \in used : j < k}) = n - 1
    IN [n \in 1..Cardinality(used) |-> order[nth(n)]]
\* The variables the positions show: the review lists only the other variables' changes.
SwimlanePositionVars == {"pc"}

\* Where t is, or "" once it has returned.
SwimlanePosition(t) ==
    CASE pc[t] = "done" -> ""
      [] pc[t] = "bug"  -> "BUG() (oops: the thread is gone)"
      [] pc[t] = "wait" -> "pci_wait_cfg (asleep on pci_cfg_wait)"
      [] OTHER          -> pc[t]
\* t has work left: if it has no step, it waits (an oopsed thread is gone).
SwimlaneBusy(t) == pc[t] \notin {"done", "bug"}
\* The block t holds (one of the blockers while the device is blocked).
SwimlaneHolds(t) == IF blocked /\ t \in blockers THEN << "block_cfg_access" >> ELSE << >>
\* Only pci_wait_cfg() waits (PciWaitCfg: off the wait queue, which the last
\* unblock empties); the blockers keep it asleep.
SwimlaneNeeds(t) ==
    IF pc[t] = "wait"
    THEN [lock |-> "block_cfg_access (wake-up on pci_cfg_wait)", holders |-> IF blocked THEN blockers ELSE {}]
    ELSE [lock |-> "", holders |-> {}]
=============================================================================
