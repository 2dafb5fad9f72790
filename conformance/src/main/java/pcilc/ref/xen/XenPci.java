package pcilc.ref.xen;

/**
 * The MSI-X paths of an HVM guest: drivers/pci/msi.c ({@code pci_enable_msix_range()},
 * {@code pci_free_irq_vectors()}) with the Xen arch hooks of arch/x86/pci/xen.c
 * ({@code xen_hvm_setup_msi_irqs()}, {@code xen_teardown_msi_irq()}). Where the designs differ:
 * {@link #xenHvmSetupMsiIrqs}'s re-use of the pirq cached in the message (af42b8d12f8a, removed by
 * c74fd80f2f41).
 */
public final class XenPci {
    private final XenPirqSystem sys;
    private final XenEvents events;
    private final Qemu qemu;
    private final Hypervisor hv;

    XenPci(XenPirqSystem sys) {
        this.sys = sys;
        this.events = sys.events;
        this.qemu = sys.qemu;
        this.hv = sys.hv;
    }

    /**
     * pci_enable_msix_range() / pci_alloc_irq_vectors() for {@code nvec} vectors: msix_capability_init()
     * sets the MSI-X enable bit, then the arch set-up. Returns false when the set-up fails.
     */
    public boolean pciEnableMsixRange(MsixDev dev, int nvec) {
        sys.step("PciEnableMsixRange");
        dev.nvec = nvec;
        dev.vec = 1;
        qemu.msixCtrlWrite(dev, true);
        dev.pc = "setup";
        return xenHvmSetupMsiIrqs(dev) == 0;
    }

    /**
     * xen_hvm_setup_msi_irqs(), one step per vector: read the entry's message; before c74fd80f2f41 re-use its
     * pirq if it is a Xen pirq message and xen_irq_from_pirq() finds an irq for it (of any device); otherwise
     * xen_allocate_pirq_msi() (the hypervisor's highest free pirq) and write it into the message, on which
     * QEMU maps it; then xen_bind_pirq_msi_to_irq(). No free pirq: -ENODEV.
     */
    int xenHvmSetupMsiIrqs(MsixDev dev) {
        int nvec = dev.nvec;
        for (int v = 1; v <= nvec; v++) {
            sys.step("XenHvmSetupMsiIrqs");
            int pirq = dev.msgPirq[v]; // __pci_read_msi_msg()
            boolean reuse = sys.features.reusesCachedPirq() && pirq != MsixDev.NO_PIRQ && events.xenIrqFromPirq(pirq);
            if (!reuse) {
                pirq = hv.physdevGetFreePirq(dev.name); // xen_allocate_pirq_msi()
                if (pirq < 0) {
                    return -19; // -ENODEV
                }
                dev.msgPirq[v] = pirq; // xen_msi_compose_msg(), __pci_write_msi_msg()
            }
            // else: "xen: msi already bound to pirq=%d"
            qemu.msixUpdateOne(dev, v);
            events.xenBindPirqMsiToIrq(dev, v, pirq);
            dev.vec = v < nvec ? v + 1 : v;
            dev.pc = v < nvec ? "setup" : "startup";
        }
        return 0;
    }

    /**
     * pci_free_irq_vectors() as the driver's teardown runs it: free_irq() of each vector (shutdown_pirq()),
     * pci_disable_msix() (the enable bit cleared: QEMU unmaps the pirqs), free_msi_irqs() →
     * xen_teardown_msi_irq().
     */
    public void pciFreeIrqVectors(MsixDev dev) {
        sys.step("ShutdownPirq");
        for (int v = 1; v <= dev.nvec; v++) {
            events.shutdownPirq(dev, v); // free_irq()
        }
        dev.pc = "disable";
        sys.step("QemuDisableMsix");
        qemu.msixCtrlWrite(dev, false); // pci_disable_msix() → pci_msix_shutdown()
        dev.pc = "teardown";
        sys.step("XenTeardownMsiIrq");
        xenTeardownMsiIrq(dev); // free_msi_irqs()
        dev.pc = "enable_all";
    }

    /** xen_teardown_msi_irq() → xen_destroy_irq() for each entry; the MSI-X table keeps its messages. */
    void xenTeardownMsiIrq(MsixDev dev) {
        for (int v = 1; v <= dev.nvec; v++) {
            events.xenDestroyIrq(dev, v);
        }
    }

    /**
     * request_irq() for each vector → startup_pirq(); when one fails ("Failed to obtain physical IRQ") the
     * driver frees those it got and the probe fails.
     */
    public boolean requestIrqs(MsixDev dev) {
        sys.step("StartupPirq");
        for (int v = 1; v <= dev.nvec; v++) {
            if (!events.startupPirq(dev, v)) {
                for (int w = 1; w < v; w++) {
                    events.shutdownPirq(dev, w);
                }
                return false;
            }
        }
        return true;
    }
}
