package pcilc.ref;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The system the spec models: one PF with SR-IOV enabled and one VF, both added and bound to their
 * drivers, the rescan lock of the design, the driver core and the PCI core code paths, and the tasks
 * (the spec's threads) that run operations on it. An architecture (s390 zPCI: {@link ZpciKernel}) extends
 * it with its own objects, threads, variables and invariants, and the hook at the last put of a pci_dev.
 */
public class Kernel extends SpecSystemBase {
    public final Design design;
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

    public Kernel(Design design) {
        this(design, List.of("VF"));
    }

    /** The PCI core of {@code design} with a PF whose VFs are named {@code vfNames}. */
    protected Kernel(Design design, List<String> vfNames) {
        this.design = design;
        List<PciDev> vfList = new ArrayList<>();
        for (String n : vfNames) {
            vfList.add(new PciDev(n));
        }
        this.vfs = List.copyOf(vfList);
        this.vf = vfs.get(0);
        List<PciDev> all = new ArrayList<>();
        all.add(pf);
        all.addAll(vfs);
        this.devices = List.copyOf(all);
        this.deviceArray = all.toArray(new PciDev[0]);
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
        return design.specName();
    }

    // --- free-running: atomic steps ------------------------------------------------------------------------

    /**
     * Free-running (no step scheduler: Lincheck), a step is atomic, as in the spec: a task's code from one step
     * point to the next runs inside its {@link StepAtomicity} (under Lincheck an ignored section, where Lincheck
     * never switches threads; else this lock). At a step point the task checks the invariants (every other
     * task is at a step point or finished), wakes the sleeping tasks whose guards its step has freed, and
     * starts its next step if its guards can be taken, else it sleeps until a step frees them. So Lincheck
     * switches threads only at step points (another task goes first: an interleaving of the spec) and where
     * a task sleeps or ends; a hang (every task asleep) is the spec's deadlock, and Lincheck reports it.
     *
     * <p>Why the task that stepped goes on by default: Lincheck 3.7 adds switch points to its tree only up to
     * the next switch it is forced to make (a thread that blocks or ends) and counts that switch against its
     * bound, so every forced switch before a bug's step puts the bug one level deeper (README).
     */
    private final StepAtomicity.Lock stepLock = new StepAtomicity.Lock();
    /** Lincheck's ignored sections, if its agent is attached (final: reading it is no switch point). */
    private final LincheckSections sections = LincheckSections.resolve();
    /** Written at a step point where another task could go first: Lincheck's switch point there. */
    private volatile boolean stepPoint;
    /** Every task's first step point has been published (only accessed inside a step). */
    private boolean firstStepPointsPublished;

    @Override
    protected void afterStep() {
        Task me = Task.current();
        StepAtomicity a = me.atomicity;
        if (me.controlled() || a == null) {  // stepped by the scheduler, or run by a unit test (not runThread)
            super.afterStep();
            return;
        }
        if (endStep(me, a)) {
            stepPoint = true;  // no wake-up was a switch point here
        }
        // The loop is inside the step: Lincheck does not see a loop's exit inside an ignored section, and
        // would take every step point for one more round of a spin loop (a forced switch every 10).
        a.enter(me);
        while (!guardsFree(me)) {
            me.sleepForGuards(a);
        }
    }

    /**
     * Before the first step: publishes every task's first step point ({@link Task#publishFirstStepPoint}),
     * so that the invariants see the spec's initial state whichever thread runs first, and no thread waits
     * for the others to arrive (a forced switch each).
     */
    private void publishFirstStepPoints() {
        Map<String, Object> before = stateWithoutStacks();
        for (Task u : taskList()) {
            u.publishFirstStepPoint(operation(u.name()));
        }
        Map<String, Object> after = stateWithoutStacks();
        if (!before.equals(after)) {
            throw new IllegalStateException("the code before a thread's first step point changed the state: "
                    + before + " -> " + after);
        }
        firstStepPointsPublished = true;
    }

    private Map<String, Object> stateWithoutStacks() {
        Map<String, Object> s = new TreeMap<>(snapshot());
        s.remove("stack");
        return s;
    }

    /**
     * {@code me}'s step is over (called inside it): checks the invariants, leaves the step and wakes the
     * sleeping tasks whose guards it freed. Returns whether a switch point is still needed: another task
     * could run now, and no wake-up (a monitor, itself a switch point) happened.
     */
    private boolean endStep(Task me, StepAtomicity a) {
        super.afterStep();
        Task[] wake = enabledSleepers(me);
        boolean othersCanGo = othersCanGo(me);
        a.leave(me);
        signal(wake);
        return othersCanGo && wake.length == 0;
    }

    /** The sleeping tasks whose guards can now be taken, marked awake (inside the step). */
    private Task[] enabledSleepers(Task me) {
        List<Task> wake = new ArrayList<>();
        for (Task t : taskList()) {
            if (t != me && t.sleepingForGuards && guardsFree(t)) {
                t.sleepingForGuards = false;
                wake.add(t);
            }
        }
        return wake.toArray(new Task[0]);
    }

    /** Whether a task other than {@code me} can run now (else a switch point there is one Lincheck wastes). */
    private boolean othersCanGo(Task me) {
        for (Task t : taskList()) {
            if (t != me && !t.finished() && !t.sleepingForGuards) {
                return true;
            }
        }
        return false;
    }

    private static void signal(Task[] wake) {
        for (Task t : wake) {
            t.stepSignal();
        }
    }

    private static boolean guardsFree(Task t) {
        for (Lockable l : t.guards()) {
            if (!l.couldLock(t)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void runThread(String name) {
        // Under Lincheck the section comes first: no shared access (a switch point) before the first step point.
        boolean inSection = sections != null && sections.enterIfAnalyzed();
        Task t = task(name);
        if (t.controlled()) {
            if (inSection) {
                throw new IllegalStateException("task " + name + " is stepped by the scheduler: not under Lincheck");
            }
            t.run(operation(name));
            return;
        }
        StepAtomicity a;
        if (inSection) {
            sections.entered(t);
            a = sections;
        } else {
            a = stepLock;
            a.enter(t);  // the code up to the first step point
        }
        t.atomicity = a;
        if (!firstStepPointsPublished) {
            publishFirstStepPoints();
        }
        try {
            t.run(operation(name));
        } catch (RuntimeException | Error e) {
            if (!LincheckSections.aborted(e)) {
                endStep(t, a);
            }
            throw e;
        }
        endStep(t, a);  // the state the task leaves: it is still inside its last step (its end is a switch point)
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
}
