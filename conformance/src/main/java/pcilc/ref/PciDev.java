package pcilc.ref;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@code struct pci_dev} with its {@code struct device}: device_lock, the bound driver, {@code dev->p->dead}
 * (kill_device), pci_dev_is_added(), how often it went through device_del(), and for a PF its VFs.
 */
public final class PciDev {
    private final String name;
    /** device_lock(dev). */
    public final Mutex deviceLock;
    /** dev->driver; null when no driver is bound. */
    public volatile PciDriver driver;
    /** dev->p->dead, set by kill_device(). */
    public volatile boolean dead;
    /**
     * On the bus: the bus's reference and bus->devices entry, dropped by pci_destroy_dev()'s list_del() and
     * put_device() (the spec's added).
     */
    public volatile boolean isAdded = true;
    /** How often device_del() ran on this device (kobject_del(): kobj.parent is NULL once it is > 0). */
    public volatile int removeCount;
    /**
     * Removers of this device past pci_stop_dev()'s clear of PCI_DEV_ADDED (the spec's frames at "destroy",
     * "device_del", "del_done"), past pci_destroy_dev()'s guard ("device_del", "del_done"), and, from v6.13,
     * at "destroy" below their own release. The spec reads both bits off the frames (PciDevIsAdded,
     * PciDevRemoved); these counts are the same reading.
     */
    public volatile int cleared;
    public volatile int deleting;
    public volatile int releasing;
    /** For a PF: iov->num_VFs and the VFs. */
    public volatile int numVfs;
    public final List<PciDev> virtfns = new ArrayList<>();
    /** For a VF: its PF. */
    public PciDev physfn;
    /** The struct device reference count (modelled for the zPCI designs only: see Kernel#modelsPdevLifetime). */
    public final Kref ref = new Kref(1);
    /** pdev->sysdata: the architecture's data (s390: the zpci_dev the pci_dev holds a reference to). */
    public volatile Object sysdata;

    public PciDev(String name) {
        this.name = name;
        this.deviceLock = new Mutex("device_lock(" + name + ")");
    }

    public String name() {
        return name;
    }

    /** pci_dev_is_added(): PCI_DEV_ADDED, set while on the bus until a remover clears it. */
    public boolean pciDevIsAdded() {
        return isAdded && cleared == 0;
    }

    /** PCI_DEV_REMOVED (v6.13), set by pci_destroy_dev()'s test-and-set; before it, kobj.parent cleared. */
    public boolean pciDevRemoved() {
        return removeCount > 0 || deleting > 0;
    }

    public boolean isPhysfn() {
        return physfn == null;
    }

    @Override
    public String toString() {
        return name;
    }
}
