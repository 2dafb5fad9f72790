package pcilc.ref.xen;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import pcilc.ref.SpecSystemBase;

/**
 * spec/XenPirq.tla's system: two NVMe controllers passed through to a Xen HVM guest, the guest's MSI-X and
 * Xen event code ({@link XenPci}, {@link XenEvents}), QEMU ({@link Qemu}) and the hypervisor's pirq table
 * ({@link Hypervisor}). The spec's threads are its devices: each runs its probe ({@link Nvme}).
 */
public final class XenPirqSystem extends SpecSystemBase {
    public static final String NO_DEVICE = "none";
    /** The spec's Devices: the thread names. */
    public static final List<String> DEVICES = List.of("nvme0", "nvme1");

    /** The design's name (its manifest row); the code asks {@link #features}, never the name. */
    private final String design;
    /** The feature constants of the design's cfg: which code runs. */
    public final XenPirqFeatures features;
    public final Map<String, MsixDev> devices = new TreeMap<>();
    public final Hypervisor hv = new Hypervisor();
    public final XenEvents events;
    public final Qemu qemu = new Qemu(hv);
    public final XenPci pci;
    public final Nvme nvme;

    public XenPirqSystem(String design, XenPirqFeatures features) {
        this.design = design;
        this.features = features;
        DEVICES.forEach(d -> devices.put(d, new MsixDev(d)));
        this.events = new XenEvents(hv, devices.values());
        this.pci = new XenPci(this);
        this.nvme = new Nvme(pci);
    }

    @Override
    public String design() {
        return design;
    }

    public MsixDev device(String name) {
        MsixDev d = devices.get(name);
        if (d == null) {
            throw new IllegalArgumentException("no device " + name);
        }
        return d;
    }

    @Override
    protected Runnable operation(String name) {
        MsixDev d = device(name);
        return () -> nvme.nvmeResetWork(d);
    }

    // --- the spec's view ----------------------------------------------------------------------------------

    @Override
    public Map<String, Object> snapshot() {
        Map<String, Object> s = new TreeMap<>();
        s.put("pc", perDevice(d -> d.pc));
        s.put("nvec", perDevice(d -> (long) d.nvec));
        s.put("vec", perDevice(d -> (long) d.vec));
        s.put("msixEnabled", perDevice(d -> d.msixEnabled));
        s.put("msgPirq", perDevice(d -> vectors(d.msgPirq)));
        s.put("irqPirq", perDevice(d -> vectors(events.irqPirqs(d))));
        s.put("hvPirq", hv.pirqTable());
        s.put("evtchn", hv.evtchnTable());
        return s;
    }

    private Map<String, Object> perDevice(Function<MsixDev, Object> f) {
        Map<String, Object> m = new TreeMap<>();
        devices.forEach((n, d) -> m.put(n, f.apply(d)));
        return m;
    }

    private static List<Object> vectors(int[] perVector) {
        List<Object> out = new ArrayList<>();
        for (int v = 1; v <= MsixDev.NUM_VECTORS; v++) {
            out.add((long) perVector[v]);
        }
        return out;
    }

    /** The spec's invariants, in its order (TypeOK holds by construction: see {@link pcilc.ref.SpecSystem#invariants}). */
    public static final List<String> INVARIANTS = List.of("TypeOK", "NoSharedPirqInv", "NoInitFailureInv");

    @Override
    public List<String> invariants() {
        return INVARIANTS;
    }

    @Override
    public List<String> violatedInvariants() {
        List<String> out = new ArrayList<>();
        if (!noSharedPirq()) {
            out.add("NoSharedPirqInv");
        }
        for (MsixDev d : devices.values()) {
            if (d.pc.equals("failed")) {
                out.add("NoInitFailureInv");
                break;
            }
        }
        return out;
    }

    /**
     * AllInitsComplete, at rest: a probe that ended anywhere but "done" (failed) never completes. Only a cfg
     * without NoInitFailureInv lets TLC reach such a state.
     */
    @Override
    public List<String> violatedAtTermination() {
        for (MsixDev d : devices.values()) {
            if (!d.pc.equals("done")) {
                return List.of("AllInitsComplete");
            }
        }
        return List.of();
    }

    /** No pirq is bound to irqs of two devices whose MSI-X is enabled. */
    private boolean noSharedPirq() {
        MsixDev[] devs = devices.values().toArray(new MsixDev[0]);
        for (int i = 0; i < devs.length; i++) {
            for (int j = i + 1; j < devs.length; j++) {
                if (devs[i].msixEnabled && devs[j].msixEnabled && share(devs[i], devs[j])) {
                    return false;
                }
            }
        }
        return true;
    }

    private boolean share(MsixDev a, MsixDev b) {
        int[] pa = events.irqPirqs(a);
        int[] pb = events.irqPirqs(b);
        for (int v = 1; v <= a.nvec; v++) {
            for (int w = 1; w <= b.nvec; w++) {
                if (pa[v] != MsixDev.NO_PIRQ && pa[v] == pb[w]) {
                    return true;
                }
            }
        }
        return false;
    }
}
