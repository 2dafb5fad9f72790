package pcilc.ref.xen;

import java.util.Map;
import java.util.Set;
import pcilc.ref.Constants;

/**
 * The feature constant of spec/XenPirq.tla, as a design's cfg sets it.
 *
 * @param reusesCachedPirq af42b8d12f8a: xen_hvm_setup_msi_irqs() re-uses the pirq cached in the MSI message
 *     if xen_irq_from_pirq() finds an irq for it; c74fd80f2f41 removed that.
 */
public record XenPirqFeatures(boolean reusesCachedPirq) {
    static final String REUSES_CACHED_PIRQ = "ReusesCachedPirq_af42b8d12f8a";
    /** The code's features; the module has no other constant (its threads are its Devices). */
    public static final Set<String> CODE = Set.of(REUSES_CACHED_PIRQ);
    public static final Set<String> CONSTANTS = CODE;

    public static XenPirqFeatures of(Map<String, Object> c) {
        return new XenPirqFeatures(Constants.bool(c, REUSES_CACHED_PIRQ));
    }
}
