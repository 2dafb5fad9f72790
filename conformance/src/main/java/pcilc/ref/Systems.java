package pcilc.ref;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
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

    private static final List<Family> FAMILIES = List.of(
            new Family(names(Design.values()), THREADS_ONLY, (name, c) -> new Kernel(Design.bySpecName(name))),
            new Family(names(CfgAccessDesign.values()), THREADS_ONLY,
                    (name, c) -> new CfgAccessSystem(CfgAccessDesign.bySpecName(name))),
            new Family(names(XenPirqDesign.values()), THREADS_ONLY,
                    (name, c) -> new XenPirqSystem(XenPirqDesign.bySpecName(name))),
            new Family(names(ZpciDesign.values()), ZpciModel.CONSTANTS, (name, c) -> {
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
     * {@code constants} (values as {@code pcilc.graph.TlcText} parses them; Design names the model, which
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

    private static List<String> names(Enum<?>[] values) {
        return java.util.Arrays.stream(values).map(Object::toString).toList();
    }
}
