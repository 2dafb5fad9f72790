package pcilc.ref.cfgaccess;

/**
 * drivers/pci/pci.c: {@code echo 1 > .../reset} (reset_store → pci_reset_function → pci_dev_reset(dev, 0)):
 * block user config access, function-level reset, unblock. Where the designs differ: the 2011 code blocks
 * with pci_block_user_cfg_access() (BUG if already blocked), fb51ccbf217c with pci_cfg_access_lock().
 */
public final class PciReset {
    private final CfgAccessSystem sys;
    private final PciAccess access;

    PciReset(CfgAccessSystem sys) {
        this.sys = sys;
        this.access = sys.access;
    }

    /** reset_store(): the sysfs "reset" attribute. */
    public void resetStore(CfgDev dev) {
        pciDevReset(dev);
    }

    /** pci_dev_reset(dev, probe = 0). (device_lock(), taken after the block, is left out as in the spec.) */
    void pciDevReset(CfgDev dev) {
        if (sys.features.blockIsLock()) {
            sys.step("PciCfgAccessLock", access.pciLock);
            access.pciCfgAccessLock(dev);
        } else {
            sys.step("PciBlockUserCfgAccess", access.pciLock);
            access.pciBlockUserCfgAccess(dev);
        }
        sys.step("PcieFlr");
        pcieFlr(dev);
        // msleep(100): the device is back.
        if (sys.features.blockIsLock()) {
            sys.step("PciCfgAccessUnlock", access.pciLock);
            dev.resetting.decrementAndGet();
            access.pciCfgAccessUnlock(dev);
        } else {
            sys.step("PciUnblockUserCfgAccess", access.pciLock);
            dev.resetting.decrementAndGet();
            access.pciUnblockUserCfgAccess(dev);
        }
    }

    /** pcie_flr(): the FLR bit is written; the device does not answer config cycles until it is back. */
    void pcieFlr(CfgDev dev) {
        dev.resetting.incrementAndGet();
        sys.pc("unblock");
    }
}
