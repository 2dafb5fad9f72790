package pcilc.ref.cfgaccess;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import pcilc.ref.SpecSystemBase;
import pcilc.ref.Task;

/**
 * spec/CfgAccess.tla's system: one PCI device, the config-access code of {@link PciAccess}, and the threads
 * {@code reset1}, {@code reset2} (sysfs reset, {@link PciReset}), {@code ipr_isr} (the ipr error interrupt,
 * {@link Ipr}) and {@code user_read} (a user config read). Besides the kernel state it keeps the spec's
 * ghost variables ({@code blockers}, {@code blockCount}, {@code bugHit}, {@code badUnblock}, {@code userAccessInReset}) and each
 * thread's label ({@code pc}), updated inside the same {@code pci_lock} sections as the flag they describe,
 * so that free-running invariant checks (under {@code pci_lock}) see them consistent.
 */
public final class CfgAccessSystem extends SpecSystemBase {
    public static final String NO_OWNER = "none";
    /** Every thread name the spec knows. */
    public static final List<String> THREADS = List.of("reset1", "reset2", "ipr_isr", "user_read");

    /** What a thread runs (the spec's Role), and the label of its blocked section (the spec's Block(t, next)). */
    enum Role {
        RESET("pcie_flr"), IPR("start_bist"), USER(null);

        final String blockedLabel;

        Role(String blockedLabel) {
            this.blockedLabel = blockedLabel;
        }

        static Role of(String thread) {
            return switch (thread) {
                case "reset1", "reset2" -> RESET;
                case "ipr_isr" -> IPR;
                case "user_read" -> USER;
                default -> throw new IllegalArgumentException("unknown thread " + thread);
            };
        }
    }

    /** The thread's index in {@link #THREADS} (a switch: cheap where Lincheck instruments every access). */
    private static int index(String thread) {
        return switch (thread) {
            case "reset1" -> 0;
            case "reset2" -> 1;
            case "ipr_isr" -> 2;
            case "user_read" -> 3;
            default -> throw new IllegalArgumentException("unknown thread " + thread);
        };
    }

    /** The design's name (its manifest row); the code asks {@link #features}, never the name. */
    private final String design;
    /** The feature constants of the design's cfg: which code runs. */
    public final CfgAccessFeatures features;
    public final CfgDev dev = new CfgDev("dev");
    public final PciAccess access = new PciAccess(this);
    public final PciReset reset = new PciReset(this);
    public final Ipr ipr = new Ipr(this);

    // ghost state of the spec
    /** pc[t] by {@link #index}; null is "entry". Written by t (under pci_lock where the spec's invariants tie it to the flag). */
    private final String[] pc = new String[THREADS.size()];
    /** The spec's blockers, by {@link #index}: t blocked and has not unblocked yet. */
    private final boolean[] blockers = new boolean[THREADS.size()];
    private volatile boolean bugHit;
    private volatile boolean badUnblock;
    private volatile boolean userAccessInReset;

    public CfgAccessSystem(String design, CfgAccessFeatures features) {
        this.design = design;
        this.features = features;
    }

    @Override
    public String design() {
        return design;
    }

    @Override
    protected Runnable operation(String name) {
        Runnable op = switch (Role.of(name)) {
            case RESET -> () -> reset.resetStore(dev);       // echo 1 > reset
            case IPR -> () -> ipr.iprIsr(dev);
            case USER -> () -> access.pciUserReadConfig(dev); // read the config file
        };
        return () -> {
            try {
                op.run();
            } catch (Oops oops) {
                // do_exit(): the task is gone; it never finished its operation
            }
        };
    }

    // --- ghost bookkeeping (the spec's helpers Block, Sleep, Unblock) -----------------------------------

    /** The running thread's label moves on (the spec's pc[t]). */
    void pc(String label) {
        pc[index(Task.current().name())] = label;
    }

    /** Under pci_lock: t set the flag and enters its blocked section (Block(t, next)). */
    void blockedBy(Task t) {
        blockers[index(t.name())] = true;
        pc[index(t.name())] = Role.of(t.name()).blockedLabel;
    }

    /** Under pci_lock: t clears the flag (Unblock(t, "done")); WARN if it was not set or t had not set it. */
    void unblockedBy(Task t, boolean wasBlocked) {
        int i = index(t.name());
        if (!wasBlocked || !blockers[i]) {
            badUnblock = true;
        }
        blockers[i] = false;
        pc[i] = "done";
    }

    /** Under pci_lock: t goes to sleep on pci_cfg_wait (Sleep(t)). */
    void sleeping(Task t) {
        pc[index(t.name())] = "wait";
    }

    /** Under pci_lock: t's user config access reaches the device. */
    void userAccess(Task t, CfgDev d) {
        if (d.resetting.get() > 0) {
            userAccessInReset = true;
        }
        pc[index(t.name())] = "done";
    }

    /** BUG(): the oops; the task never runs again. */
    void bug(String where) {
        bugHit = true;
        pc("bug");
        step("BUG", Oops.KILLED);
        throw new Oops(where);
    }

    // --- the spec's view ----------------------------------------------------------------------------------

    private String label(String thread) {
        String l = pc[index(thread)];
        return l == null ? "entry" : l;
    }

    @Override
    public Map<String, Object> snapshot() {
        Map<String, Object> s = new TreeMap<>();
        Map<String, Object> labels = new TreeMap<>();
        for (Task t : taskList()) {
            labels.put(t.name(), label(t.name()));
        }
        s.put("pc", labels);
        s.put("blocked", dev.blockCfgAccess);
        s.put("blockCount", dev.blockCount);
        Set<String> holding = new java.util.TreeSet<>();
        for (Task t : taskList()) {
            if (blockers[index(t.name())]) {
                holding.add(t.name());
            }
        }
        s.put("blockers", holding);
        s.put("waitQueue", Set.copyOf(access.pciCfgWait.sleeping()));
        s.put("bugHit", bugHit);
        s.put("badUnblock", badUnblock);
        s.put("userAccessInReset", userAccessInReset);
        return s;
    }

    /** The spec's invariants, in its order (TypeOK holds by construction: see {@link pcilc.ref.SpecSystem#invariants}). */
    public static final List<String> INVARIANTS = List.of("TypeOK", "NoBugInv", "NoUserAccessDuringResetInv",
            "UnblockOnlyByBlockerInv", "NoConcurrentKernelUsersInv", "NoSleepInInterruptInv");

    @Override
    public List<String> invariants() {
        return INVARIANTS;
    }

    @Override
    public List<String> violatedInvariants() {
        List<String> out = new ArrayList<>();
        if (bugHit) {
            out.add("NoBugInv");
        }
        if (userAccessInReset) {
            out.add("NoUserAccessDuringResetInv");
        }
        if (!unblockOnlyByBlocker()) {
            out.add("UnblockOnlyByBlockerInv");
        }
        if (!noConcurrentKernelUsers()) {
            out.add("NoConcurrentKernelUsersInv");
        }
        if (!noSleepInInterrupt()) {
            out.add("NoSleepInInterruptInv");
        }
        return out;
    }

    /** Only a blocker unblocks, only while blocked; blocked exactly while some blocker is in its blocked section. */
    private boolean unblockOnlyByBlocker() {
        if (badUnblock) {
            return false;
        }
        boolean any = false;
        for (int i = 0; i < blockers.length; i++) {
            if (blockers[i]) {
                any = true;
                if (!inBlockedSection(label(THREADS.get(i)))) {
                    return false;
                }
            }
        }
        return dev.blockCfgAccess == any;
    }

    private static boolean inBlockedSection(String label) {
        return switch (label) {
            case "pcie_flr", "unblock", "start_bist", "bist_done" -> true;
            default -> false;
        };
    }

    /** Jan Kiszka's objection: at most one kernel user inside a blocked section (resetting the device). */
    private boolean noConcurrentKernelUsers() {
        int n = 0;
        for (Task t : taskList()) {
            if (inBlockedSection(label(t.name()))) {
                n++;
            }
        }
        return n <= 1;
    }

    private boolean noSleepInInterrupt() {
        for (Task t : taskList()) {
            if (Role.of(t.name()) == Role.IPR && label(t.name()).equals("wait")) {
                return false;
            }
        }
        return true;
    }

    /**
     * Free-running steps are not atomic here, for two steps the atomic protocol cannot run: the ipr job's
     * timer re-arm (IprResetTimerDone) repeats without end while a reset holds the flag, a spin that Lincheck
     * cannot see the end of inside a step (its run hung); and BUG() kills its task at a step point that is
     * never enabled again, which the protocol would take for a sleeping task (a deadlock, not an oops).
     */
    @Override
    protected boolean atomicSteps() {
        return false;
    }

    /** Free-running: the flag, the ghosts and the labels they constrain change under pci_lock. */
    @Override
    protected List<String> violatedAtStepPoint() {
        access.pciLock.lock();
        try {
            return violatedInvariants();
        } finally {
            access.pciLock.unlock();
        }
    }
}
