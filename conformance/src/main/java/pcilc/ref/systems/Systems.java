package pcilc.ref.systems;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import pcilc.ref.Kernel;
import pcilc.ref.PciCoreFeatures;
import pcilc.ref.SpecSystem;
import pcilc.ref.ZpciKernel;
import pcilc.ref.ZpciModel;
import pcilc.ref.cfgaccess.CfgAccessFeatures;
import pcilc.ref.cfgaccess.CfgAccessSystem;
import pcilc.ref.xen.XenPirqFeatures;
import pcilc.ref.xen.XenPirqSystem;

/**
 * The spec modules the implementation has, each with the constants its cfgs set: a design's system is the
 * code its cfg's feature constants select, on the model its other constants give. The module is the one
 * whose constants the cfg sets, so a design that reuses existing features needs nothing here.
 */
public final class Systems {
    /**
     * One spec module: every constant it declares (a cfg sets them all), those that select the code (the
     * feature constants, named after commits and proposals), and how its system is built.
     */
    private record Module(String name, Set<String> constants, Set<String> code,
            BiFunction<String, Map<String, Object>, SpecSystem> factory) {
    }

    private static final List<Module> MODULES = List.of(
            new Module("PciCore", PciCoreFeatures.CONSTANTS, PciCoreFeatures.CODE,
                    (name, c) -> new Kernel(name, PciCoreFeatures.of(c))),
            new Module("ZpciLifecycle", PciCoreFeatures.union(PciCoreFeatures.CONSTANTS, ZpciModel.CONSTANTS),
                    PciCoreFeatures.union(PciCoreFeatures.CODE, ZpciModel.CODE), (name, c) -> {
                        PciCoreFeatures core = PciCoreFeatures.of(c);
                        return new ZpciKernel(name, core, ZpciModel.of(core, c));
                    }),
            new Module("CfgAccess", CfgAccessFeatures.CONSTANTS, CfgAccessFeatures.CODE,
                    (name, c) -> new CfgAccessSystem(name, CfgAccessFeatures.of(c))),
            new Module("XenPirq", XenPirqFeatures.CONSTANTS, XenPirqFeatures.CODE,
                    (name, c) -> new XenPirqSystem(name, XenPirqFeatures.of(c))));

    private Systems() {
    }

    /**
     * A fresh system (no task started) for design {@code design}, whose cfg sets {@code constants} (values as
     * {@code pcilc.model.TlcText} parses them). Constants that are no implemented module's are refused.
     */
    public static SpecSystem create(String design, Map<String, Object> constants) {
        return module(constants).factory().apply(design, constants);
    }

    /** The spec module whose constants the cfg sets (spec/manifest.tsv's module column). */
    public static String moduleOf(Map<String, Object> constants) {
        return module(constants).name();
    }

    /**
     * The model {@code model} (a design's cfg constants) with the code of another design: its feature
     * constants replaced by those of {@code code} (the other design's cfg constants, of the same module).
     */
    public static Map<String, Object> withCodeOf(Map<String, Object> model, Map<String, Object> code) {
        Module m = module(model);
        if (module(code) != m) {
            throw new IllegalArgumentException("a design of module " + moduleOf(code) + " cannot run on a model of "
                    + m.name());
        }
        Map<String, Object> out = new LinkedHashMap<>(model);
        m.code().forEach(name -> out.put(name, code.get(name)));
        return out;
    }

    private static Module module(Map<String, Object> constants) {
        Set<String> given = constants.keySet();
        for (Module m : MODULES) {
            if (m.constants().equals(given)) {
                return m;
            }
        }
        // the closest module says what is missing or unknown
        Module near = MODULES.stream().max(Comparator.comparingLong(
                m -> given.stream().filter(m.constants()::contains).count() * 2 - m.constants().size())).orElseThrow();
        Set<String> missing = new TreeSet<>(near.constants());
        missing.removeAll(given);
        Set<String> unknown = new TreeSet<>(given);
        unknown.removeAll(near.constants());
        throw new IllegalArgumentException("the implementation has no module with these constants (closest: "
                + near.name() + (missing.isEmpty() ? "" : ", which also needs " + missing)
                + (unknown.isEmpty() ? "" : ", which has no constant " + unknown) + ")");
    }
}
