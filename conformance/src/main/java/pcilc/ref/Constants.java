package pcilc.ref;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * A design's cfg constants as {@code pcilc.model.TlcText} parses them (the conformance data's constant
 * records): each feature and model constant is read by its spec name, and one the cfg does not set is an
 * error naming it (a cfg sets every constant its module declares).
 */
public final class Constants {
    private Constants() {
    }

    private static Object get(Map<String, Object> constants, String name) {
        Object v = constants.get(name);
        if (v == null) {
            throw new IllegalArgumentException("the cfg does not set the constant " + name);
        }
        return v;
    }

    public static boolean bool(Map<String, Object> constants, String name) {
        if (!(get(constants, name) instanceof Boolean b)) {
            throw new IllegalArgumentException("the constant " + name + " is not TRUE or FALSE: " + constants.get(name));
        }
        return b;
    }

    public static int number(Map<String, Object> constants, String name) {
        if (!(get(constants, name) instanceof Number n)) {
            throw new IllegalArgumentException("the constant " + name + " is not a number: " + constants.get(name));
        }
        return n.intValue();
    }

    /** A set of strings, sorted. */
    public static List<String> strings(Map<String, Object> constants, String name) {
        if (!(get(constants, name) instanceof Collection<?> c)) {
            throw new IllegalArgumentException("the constant " + name + " is not a set: " + constants.get(name));
        }
        return c.stream().map(String.class::cast).sorted().toList();
    }
}
