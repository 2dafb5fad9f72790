package pcilc.ref;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.function.Function;

/**
 * The s390 system of spec/ZpciLifecycle.tla: the PCI core of the design's {@link PciCoreFeatures} (the
 * same {@link PciCore} and {@link DriverCore} code, one PF and its VFs) with the zPCI architecture on top:
 * the platform (firmware), the zpci_dev instances in the model's memory, zpci_list, the locks, the event
 * handler, the hotplug slot's power attribute, and pcibios_release_device() at the last put of a pci_dev.
 */
public final class ZpciKernel extends Kernel {
    /** The model's constants: which functions exist, what the firmware may do, the threads. */
    public final ZpciModel model;
    public final Platform platform;
    public final Zpci zpci;
    public final ZpciEvent events;
    public final S390PciHpc hpc;
    /** The model's memory for zpci_dev: instance i lives in memory[i - 1]; null: never allocated. */
    private final ZpciDev[] memory;
    /** The kernel's WARNs and lockdep splats the invariants watch ("lockdep", "release-not-reserved", "selfdelete"). */
    private final Set<String> warned = new ConcurrentSkipListSet<>();
    /** The same as flags, for the invariants at every step point (cheap under Lincheck). */
    volatile boolean warnedLockdep;
    volatile boolean warnedReleaseNotReserved;
    volatile boolean warnedSelfDelete;
    volatile boolean warnedErrPtr;
    /** The model's functions and their pci_devs, as arrays (the invariants loop over them at every step point). */
    final String[] fidArray;
    final PciDev[] fidDevices;

    /** Design {@code design}: the PCI core {@code core} and the arch code of {@code model}'s features. */
    public ZpciKernel(String design, PciCoreFeatures core, ZpciModel model) {
        super(design, core);
        if (core.pciStopDevAtomic()) {
            throw new IllegalArgumentException("the zPCI designs run 6.12.117's PCI core: "
                    + PciCoreFeatures.PCI_STOP_DEV_ATOMIC + " = TRUE is not implemented for them");
        }
        this.model = model;
        this.platform = new Platform(model.fids(), model.fwFids(), model.fwPecs(), model.fwEvents(),
                model.features().fwQemu());
        this.memory = new ZpciDev[model.maxInst()];
        this.fidArray = model.fids().toArray(new String[0]);
        this.fidDevices = new PciDev[fidArray.length];
        for (int i = 0; i < fidArray.length; i++) {
            fidDevices[i] = device(fidArray[i]);
        }
        this.zpci = new Zpci(this);
        this.events = new ZpciEvent(this);
        this.hpc = new S390PciHpc(this);
        // At boot every function is configured, with its zdev and its pci_dev; the PF has its driver, the
        // VFs none. A device that is not a function of the model has no pci_dev.
        for (PciDev dev : devices()) {
            boolean present = model.fids().contains(dev.name());
            dev.isAdded = present;
            if (dev != pf || !present) {
                dev.driver = null;
            }
            if (!present) {
                dev.ref.put();  // no pci_dev: no reference
            }
        }
        pf.numVfs = model.fids().containsAll(model.vfs()) ? vfs.size() : 0;
        if (model.threads().contains("pdev_holder")) {
            pf.ref.get();  // the holder's reference (a driver, vfio or the network stack)
        }
        for (String f : model.fids()) {
            int inst = switch (f) {
                case "PF" -> 1;
                case "VF" -> 2;
                default -> 3;
            };
            ZpciDev zdev = new ZpciDev(inst, f, ZpciState.CONFIGURED);
            memory[inst - 1] = zdev;
            zpci.bootAdd(zdev, device(f));
        }
    }

    // --- the hooks of the PCI core ---------------------------------------------------------------------

    @Override
    protected boolean modelsPdevLifetime() {
        return true;
    }

    @Override
    protected void pcibiosReleaseDevice(PciDev dev) {
        zpci.pcibiosReleaseDevice(dev);
    }

    @Override
    protected Runnable operation(String name) {
        return switch (name) {
            case "firmware" -> events::firmware;
            case "zpci_event" -> events::handler;
            case "power_off" -> () -> hpc.disableSlot("PF");   // echo 0 > slots/<PF>/power
            case "power_on" -> () -> hpc.enableSlot("PF");     // echo 1 > slots/<PF>/power
            case "pdev_holder" -> () -> hpc.pdevHolder("PF");
            default -> super.operation(name);
        };
    }

    /**
     * The liveness properties a terminated run violates: it stutters in its last state for ever, so
     * {@code P ~> Q} fails if that state has P and not Q. StandbyEventuallyUsable: a function the platform
     * has in standby has a live, listed, STANDBY zdev with its slot; ReservedEventuallyReleased: no live
     * RESERVED zdev is left.
     */
    @Override
    public List<String> violatedAtTermination() {
        List<String> out = new ArrayList<>();
        List<ZpciDev> inst = instances();
        boolean reservedLeft = inst.stream().anyMatch(z -> z != null && z.phase().equals("live")
                && z.state == ZpciState.RESERVED);
        if (reservedLeft) {
            out.add("ReservedEventuallyReleased");
        }
        for (String f : model.fids()) {
            boolean usable = inst.stream().anyMatch(z -> z != null && z.phase().equals("live") && zpci.listed(z)
                    && z.fid.equals(f) && z.state == ZpciState.STANDBY && z.hotplugSlot.registered);
            if (platform.clpGetState(f) == ZpciState.STANDBY && !usable) {
                out.add("StandbyEventuallyUsable");
                break;
            }
        }
        return out;
    }

    /**
     * Free-running (Lincheck), the firmware raises these events in order, as [fid, pec, new platform state]:
     * the ones of the design's documented interleaving, which the test sets before any task runs; none
     * otherwise (the firmware then raises nothing).
     */
    private volatile List<String[]> scriptedEvents = List.of();

    public void scriptEvents(List<String[]> events) {
        this.scriptedEvents = List.copyOf(events);
    }

    List<String[]> scriptedEvents() {
        return scriptedEvents;
    }

    /**
     * The parameters (f, pec, s, as the spec prints them) of every FirmwareEvent the platform allows now: the
     * choices a search over the implementation's states has for the firmware's next step.
     */
    public List<Map<String, String>> firmwareChoices() {
        List<Map<String, String>> out = new ArrayList<>();
        if (platform.eventsLeft() == 0) {
            return out;
        }
        for (String f : model.fwFids()) {
            for (String pec : model.fwPecs()) {
                for (ZpciState s : ZpciState.values()) {
                    if (platform.next(f, pec).contains(s)) {
                        out.add(Map.of("f", quote(f), "pec", quote(pec), "s", quote(s.specName())));
                    }
                }
            }
        }
        return out;
    }

    private static String quote(String s) {
        return "\"" + s + "\"";
    }

    /** Free-running: nothing but the firmware can still change anything (the firmware then gives up). */
    boolean quiescentExceptFirmware() {
        for (Task t : taskList()) {
            if (t.name().equals("firmware") || t.finished()) {
                continue;
            }
            if (t.name().equals("zpci_event") && platform.handlerIdle()) {
                continue;
            }
            return false;
        }
        return true;
    }

    // --- the model's memory ------------------------------------------------------------------------------

    /** kzalloc() of a zpci_dev: the lowest free instance (the spec's CreateAndAdd does the same). */
    synchronized ZpciDev kzallocZdev(String fid, ZpciState state) {
        for (int i = 0; i < memory.length; i++) {
            if (memory[i] == null) {
                memory[i] = new ZpciDev(i + 1, fid, state);
                return memory[i];
            }
        }
        throw new IllegalStateException("the model's memory for zpci_dev is exhausted (MaxInst " + memory.length + ")");
    }

    synchronized boolean hasFreeInstance() {
        for (ZpciDev z : memory) {
            if (z == null) {
                return true;
            }
        }
        return false;
    }

    /**
     * The model's memory itself (instance i at [i - 1], null: never allocated), for the invariants: read at a
     * step point, where no other task runs.
     */
    ZpciDev[] memory() {
        return memory;
    }

    /** The instances by number (null: never allocated). */
    synchronized List<ZpciDev> instances() {
        List<ZpciDev> out = new ArrayList<>();
        for (ZpciDev z : memory) {
            out.add(z);
        }
        return out;
    }

    /**
     * Free-running (no scheduler chooses), the firmware's answer to a CLP disable: the only one, or, with a
     * stale handle, "success" if the model allows it (as the code was modelled before the disable), else the
     * first allowed.
     */
    String freeDisableAnswer(List<String> answers) {
        return answers.contains("success") ? "success" : answers.get(0);
    }

    /**
     * The choices (parameter a) of task {@code t}'s next step if it is ZpciDisableDevice (or ZpciReleaseDeviceDisable), or null: a search
     * over the implementation's states gives each answer as its own move.
     */
    public List<Map<String, String>> disableChoices(Task t) {
        List<Frame> frames = t.published();
        if (frames.isEmpty()) {
            return null;
        }
        Frame top = frames.get(frames.size() - 1);
        // ZpciDisableDevice, or the pre-series release's ZpciReleaseDeviceDisable (6.1.y)
        boolean disables = top.proc().equals("zpci_deconfigure_device") || top.proc().equals("zpci_release_device");
        if (!disables || !top.pc().equals("disable")) {
            return null;
        }
        ZpciDev zdev = memory[top.z().zdev() - 1];
        List<Map<String, String>> out = new ArrayList<>();
        for (String a : platform.disableAnswers(zdev.fid, zdev.fh, model.clpStaleDisableAnswers())) {
            out.add(Map.of("a", quote(a)));
        }
        return out;
    }

    /**
     * The choices (parameter a) of task {@code t}'s next step if it is ClpAdd on an entry that creates a zdev
     * and zpci_create_device() can fail, or null (ClpAdd's a is then "ok").
     */
    public List<Map<String, String>> createChoices(Task t) {
        List<Frame> frames = t.published();
        if (frames.isEmpty() || !model.createDeviceCanFail()) {
            return null;
        }
        Frame top = frames.get(frames.size() - 1);
        if (!top.proc().equals("__clp_add") || !top.pc().equals("entry") || !events.clpAddCreates(top.dev())) {
            return null;
        }
        return List.of(Map.of("a", quote("fail")), Map.of("a", quote("ok")));
    }

    void warn(String what) {
        switch (what) {
            case "lockdep" -> warnedLockdep = true;
            case "release-not-reserved" -> warnedReleaseNotReserved = true;
            case "selfdelete" -> warnedSelfDelete = true;
            case "errptr" -> warnedErrPtr = true;
            default -> throw new IllegalArgumentException("unknown warning " + what);
        }
        warned.add(what);
    }

    public Set<String> warned() {
        return Set.copyOf(warned);
    }

    // --- the spec's view ----------------------------------------------------------------------------------

    @Override
    public boolean terminated() {
        for (Task t : taskList()) {
            if (!t.published().isEmpty()) {
                return false;
            }
        }
        return !platform.eventPending();
    }

    @Override
    public Map<String, Object> snapshot() {
        Map<String, Object> s = Snapshot.of(this);
        s.put("pdevRef", Snapshot.perDevice(this, d -> (long) d.ref.read()));
        s.put("pstate", platform.stateSnapshot());
        s.put("queue", platform.queueSnapshot());
        s.put("fwLeft", (long) platform.eventsLeft());
        List<ZpciDev> inst = instances();
        s.put("zfid", perInst(inst, z -> z == null ? "none" : z.fid));
        s.put("zstate", perInst(inst, z -> z == null ? "Configured" : z.state.specName()));
        s.put("phase", perInst(inst, z -> z == null ? "free" : z.phase()));
        s.put("kref", perInst(inst, z -> z == null ? 0L : (long) z.kref.read()));
        s.put("listed", perInst(inst, z -> z != null && zpci.listed(z)));
        s.put("slot", perInst(inst, z -> z != null && z.hotplugSlot.registered));
        s.put("slotDeregs", perInst(inst, z -> z == null ? 0L : (long) z.hotplugSlot.deregistrations));
        s.put("iommu", perInst(inst, z -> z != null && z.iommuSysfs));
        s.put("stateLock", perInst(inst, z -> z == null ? Snapshot.NO_OWNER : Snapshot.owner(z.stateLock.owner())));
        s.put("addRemoveLock", Snapshot.owner(zpci.addRemoveLock.owner()));
        s.put("pdevZdev", Snapshot.perDevice(this, d -> d.sysdata == null ? 0L : (long) ((ZpciDev) d.sysdata).inst));
        s.put("warned", new TreeSet<>(warned));
        s.put("pfh", platform.fhSnapshot());
        s.put("zfh", perInst(inst, z -> z == null ? ZpciFh.NONE.spec() : z.fh.spec()));
        s.put("dmaTable", perInst(inst, z -> z == null ? "none" : z.dmaTable));
        return s;
    }

    private static List<Object> perInst(List<ZpciDev> inst, Function<ZpciDev, Object> f) {
        List<Object> out = new ArrayList<>();
        inst.forEach(z -> out.add(f.apply(z)));
        return out;
    }

    @Override
    public List<String> invariants() {
        return ZpciInvariants.NAMES;
    }

    @Override
    public List<String> violatedInvariants() {
        return ZpciInvariants.violated(this);
    }
}
