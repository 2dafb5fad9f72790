package pcilc.ref;

/**
 * {@code struct zpci_dev} (arch/s390/include/asm/pci.h): the function's FID, its state, the kref, the
 * state_lock, its hotplug slot and its IOMMU sysfs directory. {@link #inst} is the instance number of the
 * allocator's memory it lives in (the spec's Inst): several instances of one FID can exist in the old
 * designs.
 */
public final class ZpciDev {
    public final int inst;
    public final String fid;
    /** zdev->fh: the function handle Linux uses for CLP requests (zpci_update_fh). */
    public volatile ZpciFh fh = ZpciFh.NONE;
    /** zdev->state; only changed under state_lock (and at creation). */
    public volatile ZpciState state;
    /** zdev->kref: zero until zpci_add_device's kref_init(). */
    public final Kref kref = new Kref(0);
    /** zdev->state_lock (bcb5d6c76903). */
    public final Mutex stateLock;
    /** zdev->hotplug_slot with its sysfs "power" attribute. */
    public final HotplugSlot hotplugSlot;
    /**
     * 6.1.y's zdev->dma_table with the IOAT the platform has registered for it (the spec's dmaTable): "none"
     * (NULL), "reg" (set, IOAT registered), "dereg" (still set, the IOAT already deregistered). Only the code
     * before bcb5d6c76903 changes it (the spec's DmaModelled).
     */
    public volatile String dmaTable = "none";
    /** The IOMMU sysfs directory (named after the FID) exists: zpci_init_iommu() to zpci_destroy_iommu(). */
    public volatile boolean iommuSysfs;
    /** kref_init() has run (zpci_add_device). */
    volatile boolean initialized;
    /** kfree_rcu(zdev) has run: the memory is gone (kept here so the abstraction can tell a use after free). */
    volatile boolean freed;

    ZpciDev(int inst, String fid, ZpciState state) {
        this.inst = inst;
        this.fid = fid;
        this.state = state;
        this.stateLock = new Mutex("state_lock(" + inst + ")");
        this.hotplugSlot = new HotplugSlot(fid);
    }

    /** The spec's phase of the instance's memory: new, live, released (kref dropped to 0), freed. */
    String phase() {
        if (freed) {
            return "freed";
        }
        if (!initialized) {
            return "new";
        }
        return kref.read() <= 0 ? "released" : "live";
    }

    @Override
    public String toString() {
        return "zdev" + inst + "(" + fid + ")";
    }

    /** {@code struct hotplug_slot} of the zdev (drivers/pci/hotplug/s390_pci_hpc.c): registered or not. */
    public static final class HotplugSlot {
        /** .../slots/&lt;fid&gt;/power. */
        public final SysfsAttr power;
        public volatile boolean registered;
        /** How often pci_hp_deregister() ran on it. */
        public volatile int deregistrations;

        HotplugSlot(String fid) {
            this.power = new SysfsAttr("slots/" + fid + "/power");
        }
    }
}
