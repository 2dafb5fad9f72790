package pcilc.ref.cfgaccess;

import java.util.Arrays;

/**
 * The designs of spec/CfgAccess.tla ({@code Designs}), by the spec's names, and the one operator where they
 * differ ({@code BlockIsLock}).
 */
public enum CfgAccessDesign {
    /** Before fb51ccbf217c: pci_block_user_cfg_access() BUG()s if the device is already blocked. */
    CFGACCESS_2011("cfgaccess-2011"),
    /** fb51ccbf217c: pci_cfg_access_lock() sleeps while blocked, _trylock() for atomic context. */
    CFGACCESS_LOCK("cfgaccess-lock"),
    /** Brian King's proposal (seed 003): block increments a count, unblock decrements it, no BUG. */
    CFGACCESS_BLOCKCOUNT("cfgaccess-blockcount");

    private final String specName;

    CfgAccessDesign(String specName) {
        this.specName = specName;
    }

    public String specName() {
        return specName;
    }

    public static CfgAccessDesign bySpecName(String name) {
        return Arrays.stream(values()).filter(d -> d.specName.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown design: " + name));
    }

    /**
     * fb51ccbf217c: blocking is a lock. pci_dev_reset() calls pci_cfg_access_lock() (sleeps while blocked)
     * instead of pci_block_user_cfg_access(); ipr calls pci_cfg_access_trylock() and retries from a timer.
     */
    public boolean blockIsLock() {
        return this == CFGACCESS_LOCK;
    }

    /**
     * Brian King, 2011-08-24: "Each call to pci_block increments a count. Each pci_unblock decrements the
     * count and only actually do the unblock if the count drops to zero." Otherwise the 2011 API.
     */
    public boolean blockCounts() {
        return this == CFGACCESS_BLOCKCOUNT;
    }

    @Override
    public String toString() {
        return specName;
    }
}
