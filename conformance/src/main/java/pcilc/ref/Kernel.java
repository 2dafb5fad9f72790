package pcilc.ref;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The system the spec models: one PF with SR-IOV enabled and one VF, both added and bound to their
 * drivers, the rescan lock of the design, the driver core and the PCI core code paths, and the tasks
 * (the spec's threads) that run operations on it.
 */
public final class Kernel implements SpecSystem {
    public final Design design;
    public final PciDev pf = new PciDev("PF");
    public final PciDev vf = new PciDev("VF");
    public final RescanRemoveLock rescanLock;
    public final DriverCore driverCore;
    public final PciCore pci;
    /** The PF's driver: .remove and .sriov_configure(0) disable SR-IOV. */
    public final PciDriver pfDriver;
    /** The VF's driver: nothing of interest in its .remove. */
    public final PciDriver vfDriver;

    private final Map<String, Task> tasks = new TreeMap<>();
    private volatile Task[] taskArray = new Task[0];
    /** Free-running mode: check the invariants at every step point and record the first violation. */
    private volatile boolean checkAtStepPoints;
    private final List<String> violations = Collections.synchronizedList(new ArrayList<>());

    public Kernel(Design design) {
        this.design = design;
        this.rescanLock = new RescanRemoveLock(design.rescanLockReentrant());
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
        pf.virtfns.add(vf);
        vf.physfn = pf;
        pf.numVfs = 1;
        pf.driver = pfDriver;
        vf.driver = vfDriver;
    }

    public List<PciDev> devices() {
        return List.of(pf, vf);
    }

    /** The spec's device names. */
    public PciDev device(String name) {
        return switch (name) {
            case "PF" -> pf;
            case "VF" -> vf;
            default -> throw new IllegalArgumentException("no device " + name);
        };
    }

    @Override
    public String design() {
        return design.specName();
    }

    @Override
    public synchronized Task task(String name) {
        Task t = tasks.get(name);
        if (t == null) {
            t = new Task(name);
            tasks.put(name, t);
            taskArray = tasks.values().toArray(new Task[0]);
        }
        return t;
    }

    @Override
    public Task[] taskList() {
        return taskArray;
    }

    /** The tasks by name, sorted. */
    public synchronized Map<String, Task> tasks() {
        return Collections.unmodifiableMap(new TreeMap<>(tasks));
    }

    @Override
    public void runThread(String name) {
        Task t = task(name);
        Runnable op = Operations.of(this, name);
        t.run(op);
        afterStep();
    }

    // --- free-running invariant checks (Lincheck) -----------------------------------------------------

    @Override
    public Map<String, Object> snapshot() {
        return Snapshot.of(this);
    }

    @Override
    public List<String> violatedInvariants() {
        return Invariants.violated(this);
    }

    @Override
    public void checkInvariantsAtStepPoints(boolean on) {
        this.checkAtStepPoints = on;
    }

    /**
     * A step point of the current task: the spec's action {@code action} starts here; {@code guards} are
     * the locks it takes before it changes anything (its enabling condition).
     */
    void step(String action, Lockable... guards) {
        Task.current().step(action, guards);
        afterStep();
    }

    private void afterStep() {
        if (checkAtStepPoints) {
            List<String> broken = Invariants.violated(this);
            if (!broken.isEmpty() && violations.isEmpty()) {
                violations.add(String.join(",", broken) + " at " + Snapshot.of(this));
            }
        }
    }

    @Override
    public List<String> violations() {
        synchronized (violations) {
            return List.copyOf(violations);
        }
    }
}
