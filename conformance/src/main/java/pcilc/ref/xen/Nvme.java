package pcilc.ref.xen;

/**
 * drivers/nvme/host/pci.c, the probe's reset work (nvme_reset_work): nvme_pci_enable() enables one MSI-X
 * vector and requests its irq to talk to the controller; nvme_setup_io_queues() frees the vectors and
 * enables all of them. Both controllers probe concurrently.
 */
public final class Nvme {
    private final XenPci pci;

    Nvme(XenPci pci) {
        this.pci = pci;
    }

    /** nvme_reset_work() up to the I/O queues' irqs; a failure ends the probe (nvme_remove_dead_ctrl). */
    public void nvmeResetWork(MsixDev dev) {
        // nvme_pci_enable(): pci_alloc_irq_vectors(pdev, 1, 1, PCI_IRQ_ALL_TYPES); the admin queue's irq
        if (!pci.pciEnableMsixRange(dev, 1) || !pci.requestIrqs(dev)) {
            dev.pc = "failed";
            return;
        }
        dev.pc = "shutdown";
        // nvme_setup_io_queues(): pci_free_irq_vectors(), then all vectors
        pci.pciFreeIrqVectors(dev);
        if (!pci.pciEnableMsixRange(dev, MsixDev.NUM_VECTORS) || !pci.requestIrqs(dev)) {
            dev.pc = "failed";
            return;
        }
        dev.pc = "done";
    }
}
