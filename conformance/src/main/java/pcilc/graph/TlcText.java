package pcilc.graph;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * TLC's printed states and values, read back into the Java values that pcilc.ref.SpecValue prints in
 * canonical form: records/functions as sorted maps, sequences as lists, sets, strings, integers, booleans.
 */
public final class TlcText {
    private static final Pattern VAR = Pattern.compile("/\\\\ (\\w+) = (.*)");

    private TlcText() {
    }

    /** One value as TLC prints it ({@link TlaValueParser}; bad input: IllegalArgumentException naming the column). */
    public static Object parseValue(String text) {
        return toJava(TlaValueParser.parse(text));
    }

    /**
     * A state as TLC prints it: lines {@code /\ var = value} (other lines are ignored), by variable name. TLC
     * breaks a long value over lines that start with a blank: they continue the value of the line before.
     */
    public static Map<String, Object> parseState(String text) {
        java.util.List<String> lines = new java.util.ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.startsWith(" ") && !line.isBlank() && !lines.isEmpty()
                    && lines.get(lines.size() - 1).startsWith("/\\ ")) {
                lines.set(lines.size() - 1, lines.get(lines.size() - 1) + " " + line.strip());
            } else {
                lines.add(line.strip());
            }
        }
        Map<String, Object> state = new TreeMap<>();
        for (String line : lines) {
            Matcher v = VAR.matcher(line);
            if (v.matches()) {
                state.put(v.group(1), parseValue(v.group(2)));
            }
        }
        return state;
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
