package pcilc.ref;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The canonical text of a spec value, the form in which the conformance graph stores TLC's states
 * (pcilc.graph.TlaValue#canonical): strings quoted, TRUE/FALSE, integers, sequences and functions
 * on 1..n as {@code <<a, b>>}, records and other functions as {@code [k |-> v]} sorted by key, sets as
 * {@code {a, b}} sorted by canonical text. Java side: String, Boolean, Integer/Long, List, Map, Set.
 */
public final class SpecValue {
    private SpecValue() {
    }

    public static String format(Object v) {
        StringBuilder b = new StringBuilder();
        append(b, v);
        return b.toString();
    }

    private static void append(StringBuilder b, Object v) {
        if (v instanceof String s) {
            b.append('"').append(s).append('"');
        } else if (v instanceof Boolean x) {
            b.append(x ? "TRUE" : "FALSE");
        } else if (v instanceof Integer || v instanceof Long) {
            b.append(v);
        } else if (v instanceof List<?> l) {
            join(b, "<<", l.stream().map(SpecValue::format).toList(), ">>");
        } else if (v instanceof Set<?> s) {
            join(b, "{", s.stream().map(SpecValue::format).sorted().toList(), "}");
        } else if (v instanceof Map<?, ?> m) {
            if (m.isEmpty()) {
                b.append("<<>>");
                return;
            }
            Map<String, Object> sorted = new TreeMap<>();
            m.forEach((k, x) -> sorted.put(k.toString(), x));
            List<String> parts = new ArrayList<>();
            sorted.forEach((k, x) -> parts.add(k + " |-> " + format(x)));
            join(b, "[", parts, "]");
        } else {
            throw new IllegalArgumentException("no spec value for " + (v == null ? "null" : v.getClass().getName()));
        }
    }

    private static void join(StringBuilder b, String open, Collection<String> parts, String close) {
        b.append(open).append(String.join(", ", parts)).append(close);
    }
}
