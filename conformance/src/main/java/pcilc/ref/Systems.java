package pcilc.ref;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Every design of the spec's matrix that the implementation has, by spec name. */
public final class Systems {
    private record Family(List<String> designs, Function<String, SpecSystem> factory) {
    }

    private static final List<Family> FAMILIES = List.of(
            new Family(names(Design.values()), name -> new Kernel(Design.bySpecName(name))),
            new Family(names(pcilc.ref.cfgaccess.CfgAccessDesign.values()),
                    name -> new pcilc.ref.cfgaccess.CfgAccessSystem(pcilc.ref.cfgaccess.CfgAccessDesign.bySpecName(name))),
            new Family(names(pcilc.ref.xen.XenPirqDesign.values()),
                    name -> new pcilc.ref.xen.XenPirqSystem(pcilc.ref.xen.XenPirqDesign.bySpecName(name))),
            new Family(names(ZpciDesign.values()), name -> new ZpciKernel(ZpciDesign.bySpecName(name))));

    private Systems() {
    }

    /** A fresh system (no task started) for design {@code name}. */
    public static SpecSystem create(String name) {
        for (Family f : FAMILIES) {
            if (f.designs().contains(name)) {
                return f.factory().apply(name);
            }
        }
        throw new IllegalArgumentException("the implementation has no design " + name);
    }

    /** The spec names of every implemented design, in matrix order. */
    public static List<String> designs() {
        List<String> out = new ArrayList<>();
        FAMILIES.forEach(f -> out.addAll(f.designs()));
        return out;
    }

    private static List<String> names(Enum<?>[] values) {
        return java.util.Arrays.stream(values).map(Object::toString).toList();
    }
}
