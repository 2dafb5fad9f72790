package pcilc.ref.cfgaccess;

import java.util.concurrent.atomic.AtomicInteger;

/** The parts of one {@code struct pci_dev} that config-access blocking uses. */
public final class CfgDev {
    public final String name;
    /** dev->block_cfg_access (block_ucfg_access before fb51ccbf217c); guarded by pci_lock. */
    volatile boolean blockCfgAccess;
    /** cfgaccess-blockcount: the proposed count of blocks (0 in the other designs); guarded by pci_lock. */
    volatile int blockCount;
    /**
     * Resets in progress on the device (a function-level reset or the ipr adapter's BIST): the device does
     * not answer config cycles while it is above 0.
     */
    final AtomicInteger resetting = new AtomicInteger();

    public CfgDev(String name) {
        this.name = name;
    }

    public boolean blocked() {
        return blockCfgAccess;
    }
}
