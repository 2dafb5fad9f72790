package pcilc.ref.xen;

import java.util.Arrays;

/**
 * The designs of spec/XenPirq.tla ({@code Designs}), by the spec's names, and the one operator where they
 * differ ({@code ReusesCachedPirq}).
 */
public enum XenPirqDesign {
    /** af42b8d12f8a: re-use the pirq cached in the MSI message if xen_irq_from_pirq() finds an irq for it. */
    XEN_PIRQ_CACHED("xen-pirq-cached"),
    /** c74fd80f2f41: always allocate a fresh pirq. */
    XEN_PIRQ_FRESH("xen-pirq-fresh");

    private final String specName;

    XenPirqDesign(String specName) {
        this.specName = specName;
    }

    public String specName() {
        return specName;
    }

    public static XenPirqDesign bySpecName(String name) {
        return Arrays.stream(values()).filter(d -> d.specName.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown design: " + name));
    }

    /** af42b8d12f8a: xen_hvm_setup_msi_irqs() re-uses the cached pirq; c74fd80f2f41 removed that. */
    public boolean reusesCachedPirq() {
        return this == XEN_PIRQ_CACHED;
    }

    @Override
    public String toString() {
        return specName;
    }
}
