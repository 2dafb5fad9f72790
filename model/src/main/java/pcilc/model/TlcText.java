package pcilc.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * TLC's printed states and values, read back into the Java values that {@link SpecValue} prints in
 * canonical form: records/functions as sorted maps, sequences as lists, sets, strings, integers, booleans.
 */
public final class TlcText {
    private static final Pattern VARIABLE = Pattern.compile("(?:/\\\\ )?(\\w+) = (.*)");

    private TlcText() {
    }

    /** One value as TLC prints it ({@link TlaValueParser}; bad input: IllegalArgumentException naming the column). */
    public static Object parseValue(String text) {
        return toJava(TlaValueParser.parse(text));
    }

    /**
     * A state as TLC prints it, by variable name ({@link #variables}), each value as a Java value: bad input is
     * an IllegalArgumentException naming the column.
     */
    public static Map<String, Object> parseState(String text) {
        Map<String, Object> state = new TreeMap<>();
        variables(text).forEach((name, value) -> state.put(name, parseValue(value)));
        return state;
    }

    /**
     * The variables of a state as TLC prints it, name → value text, in TLC's order: lines {@code /\ var = value}
     * (a state of one variable has no {@code /\}); TLC breaks a long value over indented lines, which continue
     * the value before. Other lines (a trace's header, TLC's remarks) are left out.
     */
    public static Map<String, String> variables(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        String name = null;
        for (String line : text.split("\n")) {
            Matcher v = VARIABLE.matcher(line);
            if ((line.startsWith("/\\ ") || (name == null && out.isEmpty())) && v.matches()) {
                name = v.group(1);
                out.put(name, v.group(2));
            } else if (name != null && !line.isBlank() && Character.isWhitespace(line.charAt(0))) {
                out.put(name, out.get(name) + " " + line.strip());
            } else {
                name = null;
            }
        }
        return out;
    }

    /** The Java value of a parsed one: strings, longs, booleans, lists, sorted maps, sets. */
    static Object toJava(TlaValue v) {
        if (v instanceof TlaValue.Str s) {
            return s.value();
        }
        if (v instanceof TlaValue.Int i) {
            return i.value();
        }
        if (v instanceof TlaValue.Bool b) {
            return b.value();
        }
        if (v instanceof TlaValue.Seq q) {
            List<Object> out = new ArrayList<>();
            for (TlaValue item : q.items()) {
                out.add(toJava(item));
            }
            return out;
        }
        if (v instanceof TlaValue.Rec r) {
            Map<String, Object> out = new TreeMap<>();
            r.fields().forEach((k, item) -> out.put(k, toJava(item)));
            return out;
        }
        Set<Object> out = new LinkedHashSet<>();
        for (TlaValue item : ((TlaValue.SetV) v).items()) {
            out.add(toJava(item));
        }
        return out;
    }
}
