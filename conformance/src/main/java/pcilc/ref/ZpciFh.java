package pcilc.ref;

import java.util.Map;
import java.util.TreeMap;

/**
 * A function handle (u32 fh) as spec/ZpciLifecycle.tla has it: which of the platform's handles of the function
 * it is ({@code gen}: the firmware hands out a new one with 0x0301 and 0x0304) and its enable bit
 * (zdev_enabled(): bit 31). {@link #NONE} is a zero handle (kzalloc).
 */
public record ZpciFh(int gen, boolean en) {
    public static final ZpciFh NONE = new ZpciFh(0, false);

    public ZpciFh enabled(boolean e) {
        return new ZpciFh(gen, e);
    }

    /** The spec's record [gen |-> g, en |-> e]. */
    public Map<String, Object> spec() {
        Map<String, Object> m = new TreeMap<>();
        m.put("gen", (long) gen);
        m.put("en", en);
        return m;
    }
}
