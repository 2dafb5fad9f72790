package pcilc.ref.xen;

/**
 * One passed-through NVMe controller's {@code struct pci_dev} as MSI-X sees it: the MSI-X enable bit in its
 * config space (emulated by QEMU), its MSI-X table (the message of each entry, which caches the pirq), and
 * where its probe thread is.
 */
public final class MsixDev {
    /** MSI-X vectors the driver enables in the end ("all"). */
    public static final int NUM_VECTORS = 2;
    /** In a message: not a Xen pirq message (data != XEN_PIRQ_MSI_DATA). */
    public static final int NO_PIRQ = 0;

    public final String name;
    /** PCI_MSIX_FLAGS_ENABLE in the device's config space. */
    volatile boolean msixEnabled;
    /** The pirq in the message of MSI-X table entry v (index v, 1-based), or NO_PIRQ. Device memory. */
    final int[] msgPirq = new int[NUM_VECTORS + 1];
    /** Vectors asked for by the current pci_alloc_irq_vectors(). */
    volatile int nvec = 1;
    /** The entry xen_hvm_setup_msi_irqs() handles next (its for_each_pci_msi_entry cursor). */
    volatile int vec = 1;
    /** Where the probe thread is (the spec's pc[d]). */
    volatile String pc = "enable_one";

    public MsixDev(String name) {
        this.name = name;
    }
}
