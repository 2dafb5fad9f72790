package pcilc.review;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import pcilc.model.Counterexample.State;
import pcilc.model.TlaValue;

/**
 * The locks of spec/PciCore.tla and spec/ZpciLifecycle.tla (which extends it): pci_rescan_remove_lock
 * ({@code rescanLock}, owner and depth), {@code device_lock} ({@code deviceLock[d]}), each zdev's
 * {@code state_lock} ({@code stateLock[i]}), {@code zpci_add_remove_lock} ({@code addRemoveLock}), and the
 * kernfs drain that zpci_release_device() waits on. A thread is its call stack {@code stack[t]}.
 */
final class PciCoreLocks implements ThreadLocks {
    static final String RESCAN = "pci_rescan_remove_lock";
    static final String ADD_REMOVE = "zpci_add_remove_lock";

    /** Columns in this order: the sysfs writers, the platform, the zPCI side. */
    private static final List<String> ORDER = List.of("remove_store", "unbind_store", "bind_store",
            "sriov_numvfs_store", "hotplug_pf", "hotplug_vf", "firmware", "zpci_event", "power_off", "power_on",
            "pdev_holder");

    private enum Needs { RESCAN, DEVICE_LOCK, STATE_LOCK, ADD_REMOVE, SLOT_DRAIN }

    /**
     * The lock each blocking step waits for, by the top frame's {@code proc:pc}: the lock in that action's
     * enabling condition (CanLockRescan, DeviceLock, deviceLock[d] = NoOwner, stateLock[i] = NoOwner,
     * addRemoveLock = NoOwner, no other thread in the slot's power attribute). Steps not listed never wait.
     */
    private static final Map<String, Needs> NEEDS = Map.ofEntries(
            Map.entry("remove_store:entry", Needs.DEVICE_LOCK),                        // v11: device_lock; kill_device
            Map.entry("pci_stop_and_remove_bus_device_locked:entry", Needs.RESCAN),
            Map.entry("pci_stop_and_remove_bus_device:remove", Needs.DEVICE_LOCK),     // device_del -> kill_device
            Map.entry("device_release_driver:entry", Needs.DEVICE_LOCK),
            Map.entry("sriov_del_vfs:entry", Needs.RESCAN),
            Map.entry("bind_store:entry", Needs.DEVICE_LOCK),
            Map.entry("sriov_numvfs_store:entry", Needs.DEVICE_LOCK),
            Map.entry("sriov_numvfs_store:lock_rescan", Needs.RESCAN),
            Map.entry("zpci_zdev_put:entry", Needs.ADD_REMOVE),
            Map.entry("zpci_add_device:entry", Needs.ADD_REMOVE),
            Map.entry("zpci_release_device:entry", Needs.SLOT_DRAIN),
            Map.entry("zpci_release_device:cleanup", Needs.RESCAN),
            Map.entry("pcibios_release_device:entry", Needs.RESCAN),                    // Block v3
            Map.entry("zpci_event_availability:state_lock", Needs.STATE_LOCK),
            Map.entry("disable_slot:lock", Needs.STATE_LOCK),
            Map.entry("enable_slot:lock", Needs.STATE_LOCK));

    private final boolean zpci;

    PciCoreLocks(String module) {
        this.zpci = module.equals("ZpciLifecycle");
    }

    public List<String> threads(State s) {
        return ThreadLocks.keysInOrder(s, "stack", ORDER);
    }

    public Set<String> positionVariables() {
        return Set.of("stack");
    }

    @Override
    public Map<String, String> actionThreads() {
        return Map.of("FirmwareEvent", "firmware");
    }

    public String position(State s, String thread) {
        TlaValue.Rec top = top(s, thread);
        if (top == null) {
            return thread.equals("zpci_event") && hasWork(s, thread) ? "next event: " + queueHead(s) : "";
        }
        return frameName(top) + ":" + ThreadLocks.str(top.get("pc"));
    }

    public boolean hasWork(State s, String thread) {
        if (thread.equals("firmware")) {
            return false; // the platform, not a kernel thread: it may stop at any time
        }
        if (thread.equals("zpci_event") && top(s, thread) == null) {
            return s.get("queue") instanceof TlaValue.Seq q && !q.items().isEmpty();
        }
        return top(s, thread) != null;
    }

    public List<String> holds(State s, String thread) {
        List<String> held = new ArrayList<>();
        if (s.get("rescanLock") instanceof TlaValue.Rec r && ThreadLocks.str(r.get("owner")).equals(thread)) {
            long depth = r.get("depth") instanceof TlaValue.Int i ? i.value() : 1;
            held.add(depth > 1 ? RESCAN + " (depth " + depth + ")" : RESCAN);
        }
        if (s.get("deviceLock") instanceof TlaValue.Rec r) {
            r.fields().forEach((d, owner) -> {
                if (ThreadLocks.str(owner).equals(thread)) {
                    held.add(deviceLock(d));
                }
            });
        }
        entries(s.get("stateLock")).forEach((i, owner) -> {
            if (ThreadLocks.str(owner).equals(thread)) {
                held.add(stateLock(s, i));
            }
        });
        if (ThreadLocks.str(s.get("addRemoveLock")).equals(thread)) {
            held.add(ADD_REMOVE);
        }
        return held;
    }

    public Optional<Wait> needs(State s, String thread) {
        TlaValue.Rec top = top(s, thread);
        Needs needs;
        if (top == null) {
            // Block v3: the event handler takes the rescan lock before it dequeues.
            needs = thread.equals("zpci_event") && hasWork(s, thread) ? Needs.RESCAN : null;
        } else {
            needs = NEEDS.get(ThreadLocks.str(top.get("proc")) + ":" + ThreadLocks.str(top.get("pc")));
        }
        if (needs == null) {
            return Optional.empty();
        }
        return Optional.of(switch (needs) {
            case RESCAN -> new Wait(RESCAN, owners(s.get("rescanLock") instanceof TlaValue.Rec r ? r.get("owner") : null));
            case DEVICE_LOCK -> {
                String d = ThreadLocks.str(top.get("dev"));
                yield new Wait(deviceLock(d), owners(s.get("deviceLock") instanceof TlaValue.Rec r ? r.get(d) : null));
            }
            case STATE_LOCK -> {
                String i = ThreadLocks.str(top.get("zdev"));
                yield new Wait(stateLock(s, i), owners(entries(s.get("stateLock")).get(i)));
            }
            case ADD_REMOVE -> new Wait(ADD_REMOVE, owners(s.get("addRemoveLock")));
            case SLOT_DRAIN -> new Wait("slot power attribute (kernfs drain)", inPowerAttribute(s, thread,
                    ThreadLocks.str(top.get("zdev"))));
        });
    }

    /** One thread's disjunct of Next: PciCore's ThreadStep(t); ZpciLifecycle's ZNext adds its steps and the firmware's. */
    public String stepAction() {
        return zpci ? "KernelStep(t) \\/ (\\E f \\in FwFids, pec \\in FwPecs, s \\in States : FirmwareEvent(t, f, pec, s))"
                : "ThreadStep(t)";
    }

    public String threadSet() {
        return "Threads";
    }

    /** InPowerAttr(u, i): the threads other than {@code thread} running in the power attribute of zdev i. */
    private static List<String> inPowerAttribute(State s, String thread, String zdev) {
        List<String> inside = new ArrayList<>();
        if (s.get("stack") instanceof TlaValue.Rec stacks) {
            stacks.fields().forEach((u, stack) -> {
                if (!u.equals(thread) && stack instanceof TlaValue.Seq frames && frames.items().stream().anyMatch(
                        f -> f instanceof TlaValue.Rec r && Set.of("disable_slot", "enable_slot")
                                .contains(ThreadLocks.str(r.get("proc"))) && ThreadLocks.str(r.get("zdev")).equals(zdev))) {
                    inside.add(u);
                }
            });
        }
        return inside;
    }

    private static List<String> owners(TlaValue owner) {
        String o = ThreadLocks.str(owner);
        return o.isEmpty() || o.equals("none") ? List.of() : List.of(o);
    }

    static String deviceLock(String device) {
        return "device_lock(" + device + ")";
    }

    /** zdev i's state_lock, named with its FID: {@code state_lock(PF zdev 1)}. */
    private static String stateLock(State s, String instance) {
        String fid = ThreadLocks.str(entries(s.get("zfid")).get(instance));
        return "state_lock(" + (fid.isEmpty() ? "" : fid + " ") + "zdev " + instance + ")";
    }

    /** The frame as a call: {@code proc(dev)}, with the zdev instance and the event for zPCI frames. */
    private static String frameName(TlaValue.Rec frame) {
        StringBuilder b = new StringBuilder(ThreadLocks.str(frame.get("proc"))).append('(')
                .append(ThreadLocks.str(frame.get("dev")));
        if (frame.get("zdev") instanceof TlaValue.Int z && z.value() != 0) {
            b.append(" zdev ").append(z.value());
        }
        String pec = ThreadLocks.str(frame.get("pec"));
        if (!pec.isEmpty() && !pec.equals("none")) {
            b.append(' ').append(pec);
        }
        return b.append(')').toString();
    }

    private static String queueHead(State s) {
        if (s.get("queue") instanceof TlaValue.Seq q && !q.items().isEmpty()
                && q.items().get(0) instanceof TlaValue.Seq event) {
            return event.items().stream().map(ThreadLocks::str).reduce((a, b) -> a + " " + b).orElse("");
        }
        return "";
    }

    private static TlaValue.Rec top(State s, String thread) {
        if (s.get("stack") instanceof TlaValue.Rec stacks && stacks.get(thread) instanceof TlaValue.Seq frames
                && !frames.items().isEmpty() && frames.items().get(frames.items().size() - 1) instanceof TlaValue.Rec f) {
            return f;
        }
        return null;
    }

    /** A function on 1..n (printed as a sequence) or on strings, keyed by the key's text. */
    private static Map<String, TlaValue> entries(TlaValue v) {
        if (v instanceof TlaValue.Rec r) {
            return r.fields();
        }
        Map<String, TlaValue> m = new java.util.LinkedHashMap<>();
        if (v instanceof TlaValue.Seq q) {
            for (int i = 0; i < q.items().size(); i++) {
                m.put(Integer.toString(i + 1), q.items().get(i));
            }
        }
        return m;
    }
}
