package pcilc.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The one canonical text of a spec value, the form in which the state graph stores TLC's states and the
 * conformance suites compare the implementation's snapshot with them: strings quoted (as TLC escapes them),
 * TRUE/FALSE, integers, sequences and functions on 1..n as {@code <<a, b>>}, records and other functions as
 * {@code [k |-> v]} sorted by key (the empty one is {@code <<>>}, as TLC prints it), sets as {@code {a, b}}
 * sorted by canonical text. Takes a parsed {@link TlaValue} or a Java value (String, Boolean, Integer/Long,
 * List, Map, Set: the implementation's snapshot, TLC's values in the graph writer).
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
        if (v instanceof TlaValue t) {
            append(b, parsed(t));
        } else if (v instanceof String s) {
            b.append('"').append(s.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
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

    /** A parsed value as the Java value of the same text (a record's keys are already text). */
    private static Object parsed(TlaValue v) {
        if (v instanceof TlaValue.Str s) {
            return s.value();
        }
        if (v instanceof TlaValue.Int i) {
            return i.value();
        }
        if (v instanceof TlaValue.Bool x) {
            return x.value();
        }
        if (v instanceof TlaValue.Seq q) {
            return q.items();
        }
        if (v instanceof TlaValue.Rec r) {
            return r.fields();
        }
        return new java.util.LinkedHashSet<>(((TlaValue.SetV) v).items());
    }

    private static void join(StringBuilder b, String open, Collection<String> parts, String close) {
        b.append(open).append(String.join(", ", parts)).append(close);
    }
}
