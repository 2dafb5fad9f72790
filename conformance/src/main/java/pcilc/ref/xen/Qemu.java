package pcilc.ref.xen;

/**
 * QEMU's emulation of a passed-through device's MSI-X (hw/xen/xen_pt_msi.c): it traps the guest's writes to
 * the MSI-X control word and table and maps or unmaps the device's pirqs in the hypervisor. QEMU &gt;= 2.1.0
 * (c976437c7dba, "free all the pirqs for msi/msix when driver unload") unmaps all of them when the guest
 * disables MSI-X.
 */
public final class Qemu {
    private final Hypervisor hv;

    Qemu(Hypervisor hv) {
        this.hv = hv;
    }

    /** The guest writes the MSI-X enable bit. */
    public void msixCtrlWrite(MsixDev dev, boolean enable) {
        dev.msixEnabled = enable;
        if (!enable) {
            hv.physdevUnmapPirqs(dev.name); // xen_pt_msix_disable() → xen_pt_msix_unmap
        }
    }

    /**
     * xen_pt_msix_update_one(): the entry's message names a pirq; map it for the device. A pirq mapped for
     * another device fails, and QEMU only logs it.
     */
    public void msixUpdateOne(MsixDev dev, int vector) {
        hv.physdevMapPirq(dev.msgPirq[vector], dev.name);
    }
}
