package pcilc.ref.cfgaccess;

/**
 * drivers/scsi/ipr.c: the error interrupt starts the adapter reset job, which runs from interrupt and timer
 * context (it must not sleep): block user config access, BIST, and unblock in ipr_reset_bist_done() (before
 * the config space is restored). Before fb51ccbf217c the job calls pci_block_user_cfg_access() (BUG if
 * already blocked; cfgaccess-blockcount: counted); from it on
 * ipr_reset_block_config_access_wait() calls pci_cfg_access_trylock() and, when that fails, re-arms its
 * timer. (The time_left fallback, "Timed out waiting to lock config access. Resetting anyway.", is left
 * out as in the spec: see spec/designs/cfgaccess-lock.cfg.)
 */
public final class Ipr {
    private final CfgAccessSystem sys;
    private final PciAccess access;

    Ipr(CfgAccessSystem sys) {
        this.sys = sys;
        this.access = sys.access;
    }

    /** ipr_isr(): an error interrupt; the reset job runs to its end (through its timer callbacks). */
    public void iprIsr(CfgDev dev) {
        sys.step("IprIsr", access.pciLock);
        if (sys.features.blockIsLock()) {
            if (!iprResetBlockConfigAccessWait(dev)) {
                while (true) {
                    sys.step("IprResetTimerDone", access.pciLock);
                    if (iprResetTimerDone(dev)) {
                        break;
                    }
                }
            }
        } else {
            access.pciBlockUserCfgAccess(dev);
        }
        sys.step("IprResetStartBist");
        iprResetStartBist(dev);
        sys.step("IprResetBistDone", access.pciLock);
        iprResetBistDone(dev);
    }

    /** ipr_reset_block_config_access_wait(): trylock, or ipr_reset_start_timer() and return. */
    boolean iprResetBlockConfigAccessWait(CfgDev dev) {
        if (access.pciCfgAccessTrylock(dev)) {
            return true; // ioa_cfg->cfg_locked = 1
        }
        sys.pc("timer"); // ipr_reset_start_timer()
        return false;
    }

    /** ipr_reset_timer_done(): the job runs ipr_reset_block_config_access_wait() again. */
    boolean iprResetTimerDone(CfgDev dev) {
        return iprResetBlockConfigAccessWait(dev);
    }

    /** ipr_reset_start_bist(): the adapter runs BIST and stops answering on the bus. */
    void iprResetStartBist(CfgDev dev) {
        dev.resetting.incrementAndGet();
        sys.pc("bist_done");
    }

    /**
     * ipr_reset_bist_done(): the BIST timer has fired, the adapter is back; unblock (then the job goes on to
     * ipr_reset_restore_cfg_space() with user access allowed again).
     */
    void iprResetBistDone(CfgDev dev) {
        dev.resetting.decrementAndGet();
        if (sys.features.blockIsLock()) {
            access.pciCfgAccessUnlock(dev); // cfg_locked
        } else {
            access.pciUnblockUserCfgAccess(dev);
        }
    }
}
