package pcilc.ref.systems;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import pcilc.ref.Design;
import pcilc.ref.Kernel;
import pcilc.ref.SpecSystem;
import pcilc.ref.ZpciDesign;
import pcilc.ref.ZpciKernel;
import pcilc.ref.ZpciModel;
import pcilc.ref.cfgaccess.CfgAccessDesign;
import pcilc.ref.cfgaccess.CfgAccessSystem;
import pcilc.ref.xen.XenPirqDesign;
import pcilc.ref.xen.XenPirqSystem;

/**
 * Every design of the spec's matrix that the implementation has, by spec name, on a model: the cfg's
 * constants. The threads are the scheduler's business; zPCI also reads the functions and the firmware's
 * choices ({@link ZpciModel}).
 */
public final class Systems {
    private record Family(List<String> designs, Set<String> constants,
            BiFunction<String, Map<String, Object>, SpecSystem> factory) {
    }

    private static final Set<String> THREADS_ONLY = Set.of("Design", "Threads");

    /** The PCI-core constant that says which tree's pci_stop_dev()/pci_destroy_dev() runs. */
    static final String PCI_STOP_DEV_ATOMIC = "PciStopDevAtomic_6d6d962a8dc2";

    private record CoreVariant(Design design, boolean pciStopDevAtomic) {
    }

    /**
     * Designs of the manifest whose cfg runs another Design's code on its own tree or threads (so that
     * Lincheck and the state search, which take a manifest name, can run them).
     */
    private static final Map<String, CoreVariant> CORE_VARIANTS = Map.of(
            "sriov-unlocked-v6-13", new CoreVariant(Design.SRIOV_UNLOCKED, true),
            "sriov-numvfs-remove", new CoreVariant(Design.SRIOV_UNLOCKED, false),
            "sriov-numvfs-hotplug", new CoreVariant(Design.SRIOV_UNLOCKED, false),
            "nechita-v11-numvfs-hotplug", new CoreVariant(Design.NECHITA_V11_HOTPLUG, true));

    private static final List<Family> FAMILIES = List.of(
            new Family(coreNames(), Set.of("Design", "Threads", PCI_STOP_DEV_ATOMIC), Systems::core),
            new Family(names(CfgAccessDesign.values()), THREADS_ONLY,
                    (name, c) -> new CfgAccessSystem(CfgAccessDesign.bySpecName(name))),
            new Family(names(XenPirqDesign.values()), THREADS_ONLY,
                    (name, c) -> new XenPirqSystem(XenPirqDesign.bySpecName(name))),
            new Family(names(ZpciDesign.values()), union(ZpciModel.CONSTANTS, PCI_STOP_DEV_ATOMIC), (name, c) -> {
                if (Boolean.TRUE.equals(c.get(PCI_STOP_DEV_ATOMIC))) {
                    throw new IllegalArgumentException("the zPCI designs run 6.12.117's PCI core: "
                            + PCI_STOP_DEV_ATOMIC + " = TRUE is not implemented for " + name);
                }
                ZpciDesign code = ZpciDesign.bySpecName(name);
                return new ZpciKernel(code, ZpciModel.of(code, c));
            }));

    private Systems() {
    }

    /** A fresh system (no task started) for design {@code name}, on its own cfg's model. */
    public static SpecSystem create(String name) {
        return create(name, Map.of());
    }

    /**
     * A fresh system running the code of design {@code code} on the model whose cfg constants are
     * {@code constants} (values as {@code pcilc.model.TlcText} parses them; Design names the model, which
     * may be another design's: the same threads and functions, other code).
     */
    public static SpecSystem create(String code, Map<String, Object> constants) {
        Family f = family(code);
        for (String name : constants.keySet()) {
            if (!f.constants().contains(name)) {
                throw new IllegalArgumentException("the implementation of " + code + " has no model constant " + name);
            }
        }
        return f.factory().apply(code, constants);
    }

    /** The spec names of every implemented design, in matrix order. */
    public static List<String> designs() {
        List<String> out = new ArrayList<>();
        FAMILIES.forEach(f -> out.addAll(f.designs()));
        return out;
    }

    private static Family family(String code) {
        for (Family f : FAMILIES) {
            if (f.designs().contains(code)) {
                return f;
            }
        }
        throw new IllegalArgumentException("the implementation has no design " + code);
    }

    /** A PCI-core kernel: the Design's code on the cfg's tree (its own cfg's when the constant is not given). */
    private static SpecSystem core(String name, Map<String, Object> c) {
        CoreVariant v = CORE_VARIANTS.get(name);
        Design design = v != null ? v.design() : Design.bySpecName(name);
        boolean atomic = v != null ? v.pciStopDevAtomic() : design.pciStopDevAtomic();
        Object given = c.get(PCI_STOP_DEV_ATOMIC);
        return new Kernel(design, given != null ? (Boolean) given : atomic);
    }

    private static List<String> coreNames() {
        List<String> out = new ArrayList<>(names(Design.values()));
        out.addAll(new java.util.TreeSet<>(CORE_VARIANTS.keySet()));
        return out;
    }

    private static Set<String> union(Set<String> a, String b) {
        Set<String> out = new java.util.HashSet<>(a);
        out.add(b);
        return Set.copyOf(out);
    }

    private static List<String> names(Enum<?>[] values) {
        return java.util.Arrays.stream(values).map(Object::toString).toList();
    }
}
