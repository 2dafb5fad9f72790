package pcilc.model;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Reads a value as TLC prints it: {@code "s"}, {@code -3}, {@code TRUE}, {@code <<a, b>>},
 * {@code [f |-> v, ...]}, {@code (k :> v @@ ...)}, {@code {a, b}}, {@code 1..3}, a model value. Bad input
 * is an {@link IllegalArgumentException} of one line naming the column and what was expected.
 */
public final class TlaValueParser {
    private final String text;
    private int pos;

    private TlaValueParser(String text) {
        this.text = text;
    }

    public static TlaValue parse(String text) {
        TlaValueParser p = new TlaValueParser(text);
        TlaValue v = p.value();
        p.skipSpace();
        if (p.pos < text.length()) {
            throw p.error("end of value");
        }
        return v;
    }

    private TlaValue value() {
        skipSpace();
        if (pos >= text.length()) {
            throw error("a value");
        }
        char c = text.charAt(pos);
        if (c == '"') {
            return new TlaValue.Str(string());
        }
        if (c == '-' || Character.isDigit(c)) {
            long n = integer();
            if (text.startsWith("..", pos)) {
                pos += 2;
                long to = integer();
                List<TlaValue> items = new ArrayList<>();
                for (long i = n; i <= to; i++) {
                    items.add(new TlaValue.Int(i));
                }
                return new TlaValue.SetV(items);
            }
            return new TlaValue.Int(n);
        }
        if (text.startsWith("<<", pos)) {
            pos += 2;
            return new TlaValue.Seq(list(">>"));
        }
        if (c == '{') {
            pos++;
            return new TlaValue.SetV(list("}"));
        }
        if (c == '[') {
            pos++;
            return record();
        }
        if (c == '(') {
            pos++;
            return function();
        }
        if (Character.isLetter(c) || c == '_') {
            String name = identifier();
            return switch (name) {
                case "TRUE" -> new TlaValue.Bool(true);
                case "FALSE" -> new TlaValue.Bool(false);
                default -> new TlaValue.Str(name); // a model value
            };
        }
        throw error("a value");
    }

    private List<TlaValue> list(String close) {
        List<TlaValue> items = new ArrayList<>();
        skipSpace();
        if (text.startsWith(close, pos)) {
            pos += close.length();
            return items;
        }
        while (true) {
            items.add(value());
            skipSpace();
            if (text.startsWith(close, pos)) {
                pos += close.length();
                return items;
            }
            expect(",", "',' or '" + close + "'");
        }
    }

    private TlaValue record() {
        TreeMap<String, TlaValue> fields = new TreeMap<>();
        while (true) {
            skipSpace();
            int at = pos;
            String name = identifier();
            if (name.isEmpty()) {
                throw error("a field name");
            }
            expect("|->", "'|->'");
            if (fields.put(name, value()) != null) {
                pos = at;
                throw error("a field name not seen before, not '" + name + "' again");
            }
            skipSpace();
            if (text.startsWith("]", pos)) {
                pos++;
                return new TlaValue.Rec(fields);
            }
            expect(",", "',' or ']'");
        }
    }

    /** {@code (k1 :> v1 @@ k2 :> v2)}, the opening parenthesis already read. */
    private TlaValue function() {
        TreeMap<String, TlaValue> fields = new TreeMap<>();
        while (true) {
            TlaValue key = value();
            expect(":>", "':>'");
            fields.put(key instanceof TlaValue.Str s ? s.value() : key.canonical(), value());
            skipSpace();
            if (text.startsWith(")", pos)) {
                pos++;
                return new TlaValue.Rec(fields);
            }
            expect("@@", "'@@' or ')'");
        }
    }

    private String string() {
        StringBuilder b = new StringBuilder();
        int start = pos++;
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == '"') {
                return b.toString();
            }
            if (c == '\\' && pos < text.length()) {
                char e = text.charAt(pos++);
                b.append(switch (e) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    default -> e;
                });
            } else {
                b.append(c);
            }
        }
        pos = start;
        throw error("a closing '\"' for the string");
    }

    private long integer() {
        int start = pos;
        if (pos < text.length() && text.charAt(pos) == '-') {
            pos++;
        }
        while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
            pos++;
        }
        try {
            return Long.parseLong(text.substring(start, pos));
        } catch (NumberFormatException e) {
            pos = start;
            throw error("an integer that fits in 64 bits");
        }
    }

    private String identifier() {
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
            pos++;
        }
        return text.substring(start, pos);
    }

    private void expect(String token, String what) {
        skipSpace();
        if (!text.startsWith(token, pos)) {
            throw error(what);
        }
        pos += token.length();
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private IllegalArgumentException error(String expected) {
        String found = pos >= text.length() ? "end of text"
                : "'" + text.substring(pos, Math.min(text.length(), pos + 12)).replace('\n', ' ') + "'";
        return new IllegalArgumentException("TLA+ value, column " + (pos + 1) + ": expected " + expected + ", found " + found);
    }
}
