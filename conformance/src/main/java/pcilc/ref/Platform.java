package pcilc.ref;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The s390 platform (firmware) side: the state of each function (FID), the availability events (PEC)
 * raised for Linux and not yet handled, and how many more events the model lets the firmware raise. SCLP
 * configure/deconfigure requests from Linux change a function's state; CLP tells its state.
 */
public final class Platform {
    /** An availability event: the function, the PEC and the function handle it carries (ccdf->fh). */
    public record Event(String fid, String pec, ZpciFh fh) {
    }

    private final Map<String, ZpciState> state = new TreeMap<>();
    /** The platform's current handle of each function (at boot: handle 1, enabled by Linux). */
    private final Map<String, ZpciFh> fh = new TreeMap<>();
    private final ArrayDeque<Event> queue = new ArrayDeque<>();
    private int eventsLeft;
    private final List<String> fwFids;
    private final List<String> fwPecs;
    /** QEMU's s390 PCI host (the spec's FwQemu): device_del/device_add, unplug at the SCLP deconfigure. */
    private final boolean qemu;

    Platform(List<String> fids, List<String> fwFids, List<String> fwPecs, int events) {
        this(fids, fwFids, fwPecs, events, false);
    }

    Platform(List<String> fids, List<String> fwFids, List<String> fwPecs, int events, boolean qemu) {
        this.qemu = qemu;
        fids.forEach(f -> state.put(f, ZpciState.CONFIGURED));
        fids.forEach(f -> fh.put(f, new ZpciFh(1, true)));
        this.fwFids = fwFids;
        this.fwPecs = fwPecs;
        this.eventsLeft = events;
    }

    /** The platform states a function can move to with event {@code pec} (the firmware's rules). */
    public synchronized Set<ZpciState> next(String fid, String pec) {
        ZpciState s = state.get(fid);
        if (qemu) {
            // device_add of an unplugged function; device_del of a configured one (a deconfigure request,
            // unplug_requested) or of one in standby (unplugged at once)
            return switch (pec) {
                case "0x0301" -> s == ZpciState.RESERVED ? Set.of(ZpciState.CONFIGURED) : Set.of();
                case "0x0303" -> s == ZpciState.CONFIGURED ? Set.of(ZpciState.UNPLUGGING) : Set.of();
                case "0x0308" -> s == ZpciState.STANDBY ? Set.of(ZpciState.RESERVED) : Set.of();
                default -> Set.of();
            };
        }
        return switch (pec) {
            case "0x0301" -> s == ZpciState.STANDBY || s == ZpciState.RESERVED ? Set.of(ZpciState.CONFIGURED) : Set.of();
            case "0x0302" -> s == ZpciState.RESERVED ? Set.of(ZpciState.STANDBY) : Set.of();
            case "0x0303" -> s == ZpciState.CONFIGURED ? Set.of(ZpciState.CONFIGURED) : Set.of();
            case "0x0304" -> s == ZpciState.CONFIGURED ? Set.of(ZpciState.STANDBY, ZpciState.RESERVED) : Set.of();
            // "0x308 or 0x302 for multiple devices": its 0x0302 half only (as the spec's FwNext)
            case "0x0306" -> s == ZpciState.RESERVED ? Set.of(ZpciState.STANDBY) : Set.of();
            case "0x0308" -> s == ZpciState.STANDBY ? Set.of(ZpciState.RESERVED) : Set.of();
            default -> throw new IllegalArgumentException("unknown PEC " + pec);
        };
    }

    /** The firmware can raise an event now. */
    public synchronized boolean canRaise() {
        if (eventsLeft == 0) {
            return false;
        }
        for (String f : fwFids) {
            for (String pec : fwPecs) {
                if (!next(f, pec).isEmpty()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The firmware changes function {@code fid} to {@code to} and raises {@code pec} for Linux. */
    public synchronized void raise(String fid, String pec, ZpciState to) {
        if (eventsLeft == 0 || !fwFids.contains(fid) || !fwPecs.contains(pec) || !next(fid, pec).contains(to)) {
            throw new IllegalStateException("the firmware cannot raise " + pec + " on " + fid + " to " + to
                    + " (platform " + state + ", " + eventsLeft + " events left)");
        }
        state.put(fid, to);
        // a hard state change (0x0301, 0x0304) comes with a new, disabled handle; the others keep it
        if (pec.equals("0x0301") || pec.equals("0x0304")) {
            fh.put(fid, new ZpciFh(fh.get(fid).gen() + 1, false));
        }
        queue.add(new Event(fid, pec, fh.get(fid)));
        eventsLeft--;
        notifyAll();
    }

    public synchronized int eventsLeft() {
        return eventsLeft;
    }

    /** An event is queued for the handler. */
    public synchronized boolean eventPending() {
        return !queue.isEmpty();
    }

    /** The oldest queued event (the handler takes it). */
    public synchronized Event takeEvent() {
        Event e = queue.poll();
        if (e == null) {
            throw new IllegalStateException("no event queued");
        }
        handling = true;
        notifyAll();
        return e;
    }

    /** Neither a queued event nor one to come. */
    public synchronized boolean drained() {
        return queue.isEmpty() && eventsLeft == 0;
    }

    /** clp_get_state(). */
    public synchronized ZpciState clpGetState(String fid) {
        return state.get(fid);
    }

    /** sclp_pci_configure(): only a function in standby can be configured. */
    public synchronized boolean sclpConfigure(String fid) {
        if (state.get(fid) != ZpciState.STANDBY) {
            return false;
        }
        state.put(fid, ZpciState.CONFIGURED);
        notifyAll();
        return true;
    }

    /**
     * sclp_pci_deconfigure(): only a configured function can be deconfigured (to standby, disabled). QEMU
     * unplugs a function that device_del marked (s390_pci_perform_unplug: gone, RESERVED) and raises 0x0308.
     */
    public synchronized boolean sclpDeconfigure(String fid) {
        ZpciState s = state.get(fid);
        if (s != ZpciState.CONFIGURED && s != ZpciState.UNPLUGGING) {
            return false;
        }
        fh.put(fid, fh.get(fid).enabled(false));
        if (s == ZpciState.UNPLUGGING) {
            state.put(fid, ZpciState.RESERVED);
            queue.add(new Event(fid, "0x0308", fh.get(fid)));
        } else {
            state.put(fid, ZpciState.STANDBY);
        }
        notifyAll();
        return true;
    }

    /**
     * QEMU's answer to clp_enable_fh() with {@code h} (clp_service_call): the function found by the whole handle
     * (not unplugged, the handle not replaced) and not enabled yet; it is then enabled and ENABLED (configured),
     * a function in standby too. False: the enable fails.
     */
    public synchronized boolean qemuEnable(String fid, ZpciFh h) {
        ZpciFh cur = fh.get(fid);
        if (h.gen() != cur.gen() || state.get(fid) == ZpciState.RESERVED || cur.en()) {
            return false;
        }
        fh.put(fid, cur.enabled(true));
        if (state.get(fid) == ZpciState.STANDBY) {
            state.put(fid, ZpciState.CONFIGURED);
        }
        notifyAll();
        return true;
    }

    /**
     * QEMU's answer to zpci_unregister_ioat() with {@code h} (mpcifc_service_call, ZPCI_MOD_FC_DEREG_IOAT), for a
     * zdev whose DMA table is still set but whose IOAT is no longer registered: true if it is cc 1 (the handle is
     * the function's current one, enabled, not unplugged: -EIO), false if cc 3 (a handle it does not have
     * enabled) or no call (zdev_enabled() false). The spec's DmaExitFails without its dmaTable conjunct.
     */
    public synchronized boolean ioatDeregSeen(String fid, ZpciFh h) {
        return h.en() && h.equals(fh.get(fid)) && state.get(fid) != ZpciState.RESERVED;
    }

    public boolean qemu() {
        return qemu;
    }

    /** The platform's current handle of the function (clp_refresh_fh: CLP LIST PCI). */
    public synchronized ZpciFh currentFh(String fid) {
        return fh.get(fid);
    }

    /**
     * clp_enable_fh() with {@code h}: taken to succeed (as the spec has it); the platform's function is enabled
     * only when {@code h} is its current handle and the function is configured.
     */
    public synchronized void clpEnable(String fid, ZpciFh h) {
        ZpciFh cur = fh.get(fid);
        if (h.gen() == cur.gen() && state.get(fid) == ZpciState.CONFIGURED) {
            fh.put(fid, cur.enabled(true));
        }
    }

    /**
     * The answers the firmware may give to clp_disable_fh() with Linux's handle {@code h} (spec:
     * ClpDisableAnswers): "none" (not enabled: no CLP call), with the current handle "success" or "already",
     * with a replaced handle the platform choice {@code stale}.
     */
    public synchronized List<String> disableAnswers(String fid, ZpciFh h, List<String> stale) {
        ZpciFh cur = fh.get(fid);
        if (!h.en()) {
            return List.of("none");
        }
        if (h.gen() != cur.gen()) {
            return stale;
        }
        return List.of(cur.en() ? "success" : "already");
    }

    /** A successful CLP disable: the function is disabled; the answer's handle is the current one, disabled. */
    public synchronized ZpciFh clpDisabled(String fid) {
        fh.put(fid, fh.get(fid).enabled(false));
        return fh.get(fid);
    }

    /** pfh: function → handle. */
    synchronized Map<String, Object> fhSnapshot() {
        Map<String, Object> m = new TreeMap<>();
        fh.forEach((f, h) -> m.put(f, h.spec()));
        return m;
    }

    private boolean firmwareGone;
    private boolean handling;

    /** The firmware thread has ended (free-running: no more events will come). */
    public synchronized void firmwareGone() {
        firmwareGone = true;
        notifyAll();
    }

    public synchronized boolean firmwareHasGone() {
        return firmwareGone;
    }

    /** The handler has finished the event it took. */
    public synchronized void eventDone() {
        handling = false;
        notifyAll();
    }

    /** No event queued and none being handled. */
    public synchronized boolean handlerIdle() {
        return !handling && queue.isEmpty();
    }

    /** Waits (free-running only) until {@code cond} holds; returns it then. */
    public synchronized boolean await(java.util.function.BooleanSupplier cond, java.util.function.BooleanSupplier giveUp) {
        while (!cond.getAsBoolean() && !giveUp.getAsBoolean()) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return cond.getAsBoolean();
    }

    /** Wakes the waiters of {@link #await} (a kernel task finished). */
    public synchronized void wake() {
        notifyAll();
    }

    /** pstate: function → state name. */
    synchronized Map<String, Object> stateSnapshot() {
        Map<String, Object> m = new TreeMap<>();
        state.forEach((f, s) -> m.put(f, s.specName()));
        return m;
    }

    /** queue: the sequence of &lt;&lt;fid, pec&gt;&gt;. */
    synchronized List<Object> queueSnapshot() {
        List<Object> out = new ArrayList<>();
        queue.forEach(e -> out.add(List.of(e.fid(), e.pec(), e.fh().spec())));
        return out;
    }
}
