package pcilc.ref;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The abstraction function: the Java objects as the values of PciCore.tla's VARIABLES, by the spec's names.
 * Values are plain Java values comparable with TLC's: Boolean, Long, String, List (sequences) and sorted
 * Map&lt;String, Object&gt; (records, and functions with a string domain). Exact when every task is at a
 * step point or finished (as under the {@link StepScheduler}).
 */
public final class Snapshot {
    public static final String NO_OWNER = "none";

    private Snapshot() {
    }

    /** Variable name → value, sorted by name. */
    public static Map<String, Object> of(Kernel k) {
        Map<String, Object> s = new TreeMap<>();
        Map<String, Object> stack = new TreeMap<>();
        k.tasks().forEach((name, task) -> stack.put(name, frames(task.published())));
        s.put("stack", stack);
        Map<String, Object> rescan = new TreeMap<>();
        rescan.put("owner", owner(k.rescanLock.owner()));
        rescan.put("depth", (long) k.rescanLock.depth());
        s.put("rescanLock", rescan);
        s.put("rescanWarned", k.rescanLock.warned());
        s.put("deviceLock", perDevice(k, d -> owner(d.deviceLock.owner())));
        s.put("bound", perDevice(k, d -> d.driver != null));
        s.put("dead", perDevice(k, d -> d.dead));
        s.put("added", perDevice(k, d -> d.isAdded));
        s.put("removeCount", perDevice(k, d -> (long) d.removeCount));
        s.put("numVfs", (long) k.pf.numVfs);
        // The PCI-core designs do not model pci_dev lifetime: the spec keeps pdevRef at 1 (PciCore's Init).
        s.put("pdevRef", perDevice(k, d -> 1L));
        return s;
    }

    private static List<Object> frames(List<Frame> frames) {
        List<Object> out = new ArrayList<>();
        for (Frame f : frames) {
            Map<String, Object> rec = new TreeMap<>();
            rec.put("proc", f.proc());
            rec.put("pc", f.pc());
            rec.put("dev", f.dev());
            if (f.z() != null) {
                rec.put("zdev", (long) f.z().zdev());
                rec.put("ref", f.z().ref());
                rec.put("pdev", (long) f.z().pdev());
                rec.put("pec", f.z().pec());
                rec.put("fh", f.z().fh().spec());
            }
            out.add(rec);
        }
        return out;
    }

    static String owner(Task t) {
        return t == null ? NO_OWNER : t.name();
    }

    static Map<String, Object> perDevice(Kernel k, Function<PciDev, Object> f) {
        Map<String, Object> m = new TreeMap<>();
        for (PciDev d : k.devices()) {
            m.put(d.name(), f.apply(d));
        }
        return m;
    }
}
