package pcilc.model;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Just enough of TLC's cfg syntax to list a model's temporal properties and to check one at a time. */
public final class Cfg {
    private static final Pattern KEYWORD = Pattern.compile("\\b(CONSTANTS?|INIT|NEXT|SPECIFICATION|INVARIANTS?"
            + "|PROPERTY|PROPERTIES|CHECK_DEADLOCK|SYMMETRY|VIEW|CONSTRAINTS?|ACTION_CONSTRAINTS?|POSTCONDITION"
            + "|ALIAS)\\b");

    private static final Pattern ASSIGNMENT = Pattern.compile("\\b([A-Za-z_]\\w*)\\s*(<-|=)(?![>=])");

    private static final Pattern COMMENT = Pattern.compile("(?s)\\(\\*.*?\\*\\)|\\\\\\*[^\\n]*");

    /** The cfg with its comments blanked out: the same length and lines, so offsets give line numbers. */
    private final String text;

    public Cfg(String source) {
        this.text = uncommented(source);
    }

    private static String uncommented(String source) {
        return COMMENT.matcher(source).replaceAll(m -> m.group().replaceAll("[^\\n]", " "));
    }

    /** A name given a value or a substitute in a CONSTANT(S) section, and its line. */
    public record Assignment(String name, int line) {
    }

    /** Every {@code Name = value} and {@code Name <- Op} of the CONSTANT(S) sections, in order. */
    public List<Assignment> assignments() {
        List<Assignment> out = new ArrayList<>();
        Matcher keyword = KEYWORD.matcher(text);
        List<int[]> spans = new ArrayList<>();
        while (keyword.find()) {
            spans.add(new int[] {keyword.start(), keyword.end()});
        }
        for (int i = 0; i < spans.size(); i++) {
            if (text.startsWith("CONSTANT", spans.get(i)[0])) {
                int end = i + 1 < spans.size() ? spans.get(i + 1)[0] : text.length();
                Matcher m = ASSIGNMENT.matcher(text).region(spans.get(i)[1], end);
                while (m.find()) {
                    out.add(new Assignment(m.group(1), lineAt(m.start(1))));
                }
            }
        }
        return out;
    }

    /** The first line where {@code name} is written (outside comments), or 0. */
    public int lineOf(String name) {
        Matcher m = Pattern.compile("(?<![\\w\"])" + Pattern.quote(name) + "(?![\\w\"])").matcher(text);
        return m.find() ? lineAt(m.start()) : 0;
    }

    private int lineAt(int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** The names listed under PROPERTY / PROPERTIES, in order. */
    public List<String> properties() {
        return names("PROPERT");
    }

    /** The names listed under INVARIANT / INVARIANTS, in order. */
    public List<String> invariants() {
        return names("INVARIANT");
    }

    /** CHECK_DEADLOCK FALSE turns TLC's deadlock check off; it is on otherwise. */
    public boolean checksDeadlock() {
        List<String> values = names("CHECK_DEADLOCK");
        return values.isEmpty() || !values.get(values.size() - 1).equals("FALSE");
    }

    /**
     * The constants assigned in the CONSTANT(S) sections ({@code Name = value}), name → value as written, in
     * order. A substitution ({@code Name <- Op}: a module's definition replaced by another's) has no value: it
     * is not a model constant and is left out.
     */
    public java.util.Map<String, String> constants() {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        forEachSection((keyword, body) -> {
            if (keyword.startsWith("CONSTANT")) {
                Matcher m = ASSIGNMENT.matcher(body);
                List<String> names = new ArrayList<>();
                List<int[]> spans = new ArrayList<>();
                List<Boolean> substituted = new ArrayList<>();
                while (m.find()) {
                    names.add(m.group(1));
                    spans.add(new int[] {m.start(), m.end()});
                    substituted.add(m.group(2).equals("<-"));
                }
                for (int i = 0; i < names.size(); i++) {
                    int end = i + 1 < spans.size() ? spans.get(i + 1)[0] : body.length();
                    if (!substituted.get(i)) {
                        out.put(names.get(i), body.substring(spans.get(i)[1], end).strip());
                    }
                }
            }
        });
        return out;
    }

    private List<String> names(String keywordPrefix) {
        List<String> names = new ArrayList<>();
        forEachSection((keyword, body) -> {
            if (keyword.startsWith(keywordPrefix)) {
                for (String name : body.trim().split("\\s+")) {
                    if (!name.isEmpty()) {
                        names.add(name);
                    }
                }
            }
        });
        return names;
    }

    /** The same model with {@code property} as its only temporal property and no invariants. */
    public String temporalOnly(String property) {
        StringBuilder out = new StringBuilder();
        forEachSection((keyword, body) -> {
            if (!keyword.startsWith("PROPERT") && !keyword.startsWith("INVARIANT")) {
                out.append(keyword).append(body);
            }
        });
        return out.append("\nPROPERTY ").append(property).append('\n').toString();
    }

    private void forEachSection(java.util.function.BiConsumer<String, String> section) {
        Matcher m = KEYWORD.matcher(text);
        List<int[]> spans = new ArrayList<>();
        while (m.find()) {
            spans.add(new int[] {m.start(), m.end()});
        }
        for (int i = 0; i < spans.size(); i++) {
            int bodyEnd = i + 1 < spans.size() ? spans.get(i + 1)[0] : text.length();
            section.accept(text.substring(spans.get(i)[0], spans.get(i)[1]), text.substring(spans.get(i)[1], bodyEnd));
        }
    }
}
