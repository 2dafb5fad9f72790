package pcilc.ref.xen;

import java.util.Map;
import java.util.TreeMap;

/**
 * drivers/xen/events/events_base.c, the guest side: each guest irq of an MSI-X vector is bound to a pirq
 * (irq_info), looked up and changed under {@code irq_mapping_update_lock}; starting an irq binds an event
 * channel to its pirq in the hypervisor, shutting it down closes it. (The lock is a monitor: no step of the
 * spec waits for it.)
 */
public final class XenEvents {
    /** irq_mapping_update_lock. */
    final Object irqMappingUpdateLock = new Object();
    private final Hypervisor hv;
    /** Device → per vector (1-based) the pirq its guest irq is bound to, or NO_PIRQ when it has no irq. */
    private final Map<String, int[]> irqPirq = new TreeMap<>();

    XenEvents(Hypervisor hv, Iterable<MsixDev> devices) {
        this.hv = hv;
        devices.forEach(d -> irqPirq.put(d.name, new int[MsixDev.NUM_VECTORS + 1]));
    }

    /** xen_irq_from_pirq(): whether some irq of the guest, of any device, is bound to {@code pirq}. */
    public boolean xenIrqFromPirq(int pirq) {
        synchronized (irqMappingUpdateLock) {
            for (int[] pirqs : irqPirq.values()) {
                for (int v = 1; v <= MsixDev.NUM_VECTORS; v++) {
                    if (pirqs[v] == pirq) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    /** xen_bind_pirq_msi_to_irq(): a guest irq for the vector, bound to {@code pirq}. */
    public void xenBindPirqMsiToIrq(MsixDev dev, int vector, int pirq) {
        synchronized (irqMappingUpdateLock) {
            irqPirq.get(dev.name)[vector] = pirq;
        }
    }

    /** xen_destroy_irq(): the vector's guest irq is freed (an HVM guest does not unmap the pirq). */
    public void xenDestroyIrq(MsixDev dev, int vector) {
        synchronized (irqMappingUpdateLock) {
            irqPirq.get(dev.name)[vector] = MsixDev.NO_PIRQ;
        }
    }

    /** The pirq the vector's irq is bound to (NO_PIRQ if none); only the device's own thread changes it. */
    public int pirqOf(MsixDev dev, int vector) {
        synchronized (irqMappingUpdateLock) {
            return irqPirq.get(dev.name)[vector];
        }
    }

    /** startup_pirq() → __startup_pirq(): EVTCHNOP_bind_pirq; "Failed to obtain physical IRQ" when it fails. */
    public boolean startupPirq(MsixDev dev, int vector) {
        return hv.evtchnopBindPirq(pirqOf(dev, vector), dev.name);
    }

    /** shutdown_pirq(): EVTCHNOP_close of the irq's event channel, if it has one. */
    public void shutdownPirq(MsixDev dev, int vector) {
        int pirq = pirqOf(dev, vector);
        if (pirq != MsixDev.NO_PIRQ && dev.name.equals(hv.evtchnBoundBy(pirq))) {
            hv.evtchnopClose(pirq);
        }
    }

    /** The irqs' pirqs of {@code dev}, per vector (1-based; index 0 unused): for the snapshot and the invariant. */
    int[] irqPirqs(MsixDev dev) {
        return irqPirq.get(dev.name).clone();
    }
}
