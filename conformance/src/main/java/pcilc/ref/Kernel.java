package pcilc.ref;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The system the spec models: one PF with SR-IOV enabled and one VF, both added and bound to their
 * drivers, the rescan lock of the design, the driver core and the PCI core code paths, and the tasks
 * (the spec's threads) that run operations on it. An architecture (s390 zPCI: {@link ZpciKernel}) extends
 * it with its own objects, threads, variables and invariants, and the hook at the last put of a pci_dev.
 */
public class Kernel extends SpecSystemBase {
    /** The design's name (its manifest row); the code asks {@link #features}, never the name. */
    private final String design;
    /** The feature constants of the design's cfg: which code runs. */
    public final PciCoreFeatures features;
    public final PciDev pf = new PciDev("PF");
    /** The first VF. */
    public final PciDev vf;
    /** The VFs in the order sriov_del_vfs() removes them. */
    public final List<PciDev> vfs;
    private final List<PciDev> devices;
    /**
     * The same as an array: the invariants walk it at every step point, and under Lincheck a loop over an
     * array costs far less than an iterator or a stream (measured: streams here doubled LincheckTest's time).
     */
    final PciDev[] deviceArray;
    public final RescanRemoveLock rescanLock;
    public final DriverCore driverCore;
    public final PciCore pci;
    /** The PF's driver: .remove and .sriov_configure(0) disable SR-IOV. */
    public final PciDriver pfDriver;
    /** The VF's driver: nothing of interest in its .remove. */
    public final PciDriver vfDriver;

    /**
     * 6d6d962a8dc2 (v6.13) and its companion: pci_stop_dev() test-and-clears PCI_DEV_ADDED and
     * pci_destroy_dev() test-and-sets PCI_DEV_REMOVED (the spec's PciStopDevAtomic_6d6d962a8dc2).
     */
    public final boolean pciStopDevAtomic;

    /** Design {@code design}: the code its cfg's feature constants select, with the PF and its VFs. */
    public Kernel(String design, PciCoreFeatures features) {
        this.design = design;
        this.features = features;
        this.pciStopDevAtomic = features.pciStopDevAtomic();
        List<PciDev> vfList = new ArrayList<>();
        for (String n : features.vfNames()) {
            vfList.add(new PciDev(n));
        }
        this.vfs = List.copyOf(vfList);
        this.vf = vfs.get(0);
        List<PciDev> all = new ArrayList<>();
        all.add(pf);
        all.addAll(vfs);
        this.devices = List.copyOf(all);
        this.deviceArray = all.toArray(new PciDev[0]);
        this.rescanLock = new RescanRemoveLock(features.rescanLockReentrant());
        this.driverCore = new DriverCore(this);
        this.pci = new PciCore(this);
        this.pfDriver = new PciDriver() {
            @Override
            public String name() {
                return "pf_driver";
            }

            @Override
            public void remove(PciDev dev) {
                pci.pciDisableSriov(dev);
            }

            @Override
            public void sriovConfigure(PciDev dev, int numVfs) {
                if (numVfs == 0) {
                    pci.pciDisableSriov(dev);
                }
            }
        };
        this.vfDriver = new PciDriver() {
            @Override
            public String name() {
                return "vf_driver";
            }

            @Override
            public void remove(PciDev dev) {
            }
        };
        for (PciDev v : vfs) {
            pf.virtfns.add(v);
            v.physfn = pf;
            v.driver = vfDriver;
        }
        pf.numVfs = vfs.size();
        pf.driver = pfDriver;
    }

    /** The PF, then its VFs. */
    public List<PciDev> devices() {
        return devices;
    }

    /** The spec's device names. */
    public PciDev device(String name) {
        for (PciDev d : deviceArray) {
            if (d.name().equals(name)) {
                return d;
            }
        }
        throw new IllegalArgumentException("no device " + name);
    }

    /**
     * Whether the lifetime of a pci_dev (its struct device reference count and the release at the last
     * put) is modelled: not in the PCI-core designs, whose spec keeps pdevRef constant.
     */
    protected boolean modelsPdevLifetime() {
        return false;
    }

    /** pcibios_release_device(): the architecture's hook in pci_release_dev(), at the last put of a pci_dev. */
    protected void pcibiosReleaseDevice(PciDev dev) {
    }

    /** The operation the spec thread {@code name} runs. */
    @Override
    protected Runnable operation(String name) {
        return Operations.of(this, name);
    }

    @Override
    public String design() {
        return design;
    }

    /** The spec's stack: the code before a first step point pushes frames onto it. */
    @Override
    protected String positionVariable() {
        return "stack";
    }

    // --- free-running invariant checks (Lincheck) -----------------------------------------------------

    @Override
    public Map<String, Object> snapshot() {
        return Snapshot.of(this);
    }

    @Override
    public List<String> invariants() {
        return Invariants.NAMES;
    }

    @Override
    public List<String> violatedInvariants() {
        return Invariants.violated(this);
    }
}
