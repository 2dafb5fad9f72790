package pcilc.ref.cfgaccess;

import pcilc.ref.Mutex;
import pcilc.ref.Task;
import pcilc.ref.WaitQueue;

/**
 * drivers/pci/access.c: user config-space access blocking, in both versions. Before fb51ccbf217c:
 * {@code pci_block_user_cfg_access()} / {@code pci_unblock_user_cfg_access()}; from it on:
 * {@code pci_cfg_access_lock()}, {@code _trylock()}, {@code _unlock()}. Both keep the flag under the raw
 * spinlock {@code pci_lock} and let user accesses sleep on {@code pci_cfg_wait} while it is set.
 * The ghost bookkeeping of the spec (who blocked, where each thread is) is done by {@link CfgAccessSystem}
 * inside the same {@code pci_lock} sections.
 */
public final class PciAccess {
    /** The raw spinlock that guards every device's flag (a real lock; never held across a step point). */
    public final Mutex pciLock = new Mutex("pci_lock");
    /** pci_cfg_wait (pci_ucfg_wait before fb51ccbf217c). */
    public final WaitQueue pciCfgWait = new WaitQueue("pci_cfg_wait");

    private final CfgAccessSystem sys;

    PciAccess(CfgAccessSystem sys) {
        this.sys = sys;
    }

    // --- before fb51ccbf217c ------------------------------------------------------------------------

    /**
     * pci_block_user_cfg_access(): under pci_lock, was_blocked = flag, set the flag; then, with pci_lock
     * dropped ("if we BUG() inside the pci_lock, we're guaranteed to hose the machine"), BUG_ON(was_blocked).
     */
    public void pciBlockUserCfgAccess(CfgDev dev) {
        Task me = Task.current();
        boolean counts = sys.features.blockCounts();
        pciLock.lock();
        boolean wasBlocked = dev.blockCfgAccess;
        dev.blockCfgAccess = true;
        if (counts) {
            dev.blockCount++; // the proposal: count the block, never BUG
        }
        if (!wasBlocked || counts) {
            sys.blockedBy(me);
        }
        pciLock.unlock();
        if (wasBlocked && !counts) {
            sys.bug("drivers/pci/access.c: pci_block_user_cfg_access");
        }
    }

    /** pci_unblock_user_cfg_access(): WARN_ON(!blocked), clear the flag, wake_up_all(&pci_ucfg_wait). */
    public void pciUnblockUserCfgAccess(CfgDev dev) {
        unblock(dev);
    }

    // --- fb51ccbf217c --------------------------------------------------------------------------------

    /** pci_cfg_access_lock(): might_sleep(); if blocked, pci_wait_cfg(); set the flag. */
    public void pciCfgAccessLock(CfgDev dev) {
        Task me = Task.current();
        pciLock.lock();
        if (dev.blockCfgAccess) {
            pciWaitCfg(dev);
        }
        dev.blockCfgAccess = true;
        sys.blockedBy(me);
        pciLock.unlock();
    }

    /** pci_cfg_access_trylock(): set the flag unless it is set; never sleeps (atomic context). */
    public boolean pciCfgAccessTrylock(CfgDev dev) {
        Task me = Task.current();
        pciLock.lock();
        boolean locked = !dev.blockCfgAccess;
        if (locked) {
            dev.blockCfgAccess = true;
            sys.blockedBy(me);
        }
        pciLock.unlock();
        return locked;
    }

    /** pci_cfg_access_unlock(): WARN_ON(!blocked), clear the flag, wake_up_all(&pci_cfg_wait). */
    public void pciCfgAccessUnlock(CfgDev dev) {
        unblock(dev);
    }

    private void unblock(CfgDev dev) {
        Task me = Task.current();
        pciLock.lock();
        // WARN_ON(!dev->block_cfg_access): "a problem in the caller, but we don't need to kill them"
        sys.unblockedBy(me, dev.blockCfgAccess);
        if (sys.features.blockCounts()) {
            // the proposal: "only actually do the unblock if the count drops to zero"
            dev.blockCount = Math.max(dev.blockCount - 1, 0);
            if (dev.blockCount == 0) {
                dev.blockCfgAccess = false;
                pciCfgWait.wakeUpAll();
            }
        } else {
            dev.blockCfgAccess = false;
            pciCfgWait.wakeUpAll();
        }
        pciLock.unlock();
    }

    /**
     * pci_wait_cfg(), called and returning with pci_lock held: go on pci_cfg_wait, drop pci_lock, sleep;
     * once woken re-take pci_lock and re-check the flag (the spec's PciWaitCfg); sleep again while blocked.
     */
    void pciWaitCfg(CfgDev dev) {
        Task me = Task.current();
        do {
            pciCfgWait.add(me);
            sys.sleeping(me);
            pciLock.unlock();
            sys.step("PciWaitCfg", pciCfgWait, pciLock);
            pciCfgWait.schedule();
            pciLock.lock();
        } while (dev.blockCfgAccess);
    }

    // --- user config access --------------------------------------------------------------------------

    /** pci_user_read_config_dword() (sysfs/proc): under pci_lock, wait while blocked, then the bus read. */
    public void pciUserReadConfig(CfgDev dev) {
        sys.step("PciUserReadConfig", pciLock);
        pciLock.lock();
        if (dev.blockCfgAccess) {
            pciWaitCfg(dev);
        }
        sys.userAccess(Task.current(), dev);
        pciLock.unlock();
    }
}
