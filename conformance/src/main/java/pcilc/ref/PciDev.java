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
    /** pci_dev_is_added(dev). */
    public volatile boolean isAdded = true;
    /** How often device_del() ran on this device. */
    public volatile int removeCount;
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

    public boolean isPhysfn() {
        return physfn == null;
    }

    @Override
    public String toString() {
        return name;
    }
}
