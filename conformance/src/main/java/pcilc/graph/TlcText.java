package pcilc.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

    /** One value as TLC prints it. */
    public static Object parseValue(String text) {
        return new Parser(text).parseAll();
    }

    /** A state as TLC prints it: lines {@code /\ var = value} (other lines are ignored), by variable name. */
    public static Map<String, Object> parseState(String text) {
        Map<String, Object> state = new TreeMap<>();
        for (String line : text.split("\n")) {
            Matcher v = VAR.matcher(line.strip());
            if (v.matches()) {
                state.put(v.group(1), parseValue(v.group(2)));
            }
        }
        return state;
    }

    /** TLC's value syntax: records/functions [k |-> v], sequences <<...>>, sets {...}, strings, naturals, booleans. */
    private static final class Parser {
        private final String s;
        private int i;

        Parser(String s) {
            this.s = s;
        }

        Object parseAll() {
            Object v = value();
            ws();
            if (i != s.length()) {
                throw error("trailing text");
            }
            return v;
        }

        private Object value() {
            ws();
            if (s.startsWith("<<", i)) {
                i += 2;
                List<Object> seq = new ArrayList<>();
                ws();
                while (!s.startsWith(">>", i)) {
                    seq.add(value());
                    ws();
                    if (s.charAt(i) == ',') {
                        i++;
                    }
                    ws();
                }
                i += 2;
                return seq;
            }
            char c = s.charAt(i);
            if (c == '{') {
                i++;
                java.util.Set<Object> set = new java.util.LinkedHashSet<>();
                ws();
                while (s.charAt(i) != '}') {
                    set.add(value());
                    ws();
                    if (s.charAt(i) == ',') {
                        i++;
                    }
                    ws();
                }
                i++;
                return set;
            }
            if (c == '[') {
                i++;
                Map<String, Object> rec = new TreeMap<>();
                while (true) {
                    ws();
                    String key = word();
                    ws();
                    expect("|->");
                    rec.put(key, value());
                    ws();
                    if (s.charAt(i) == ',') {
                        i++;
                    } else {
                        expect("]");
                        return rec;
                    }
                }
            }
            if (c == '-') {
                i++;
                return -(Long) value();
            }
            if (c == '"') {
                int end = s.indexOf('"', i + 1);
                String str = s.substring(i + 1, end);
                i = end + 1;
                return str;
            }
            String w = word();
            if (w.equals("TRUE") || w.equals("FALSE")) {
                return Boolean.valueOf(w.equals("TRUE"));
            }
            if (w.matches("\\d+")) {
                return Long.valueOf(w);
            }
            throw error("unexpected " + w);
        }

        private String word() {
            int start = i;
            while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
                i++;
            }
            if (start == i) {
                throw error("expected a name");
            }
            return s.substring(start, i);
        }

        private void expect(String t) {
            if (!s.startsWith(t, i)) {
                throw error("expected " + t);
            }
            i += t.length();
        }

        private void ws() {
            while (i < s.length() && s.charAt(i) == ' ') {
                i++;
            }
        }

        private IllegalArgumentException error(String what) {
            return new IllegalArgumentException(what + " at " + i + " in " + s);
        }
    }
}
