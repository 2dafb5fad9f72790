package pcilc.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The source map of the spec (docs/source-map.md): for every action of every module its {@code @source}
 * citations and its {@code @fidelity}, the {@code @ghost} variables, and the {@code @tree} of every design.
 * Read from the comment lines of {@code spec/*.tla} and {@code spec/designs/*.cfg}; problems of form (an
 * action without a citation, a malformed tag) are collected, each naming its file and line.
 */
public final class SourceMap {
    /** Where a tag or an action is: the file as the user names it, and its 1-based line. */
    public record Where(String file, int line) {
        @Override
        public String toString() {
            return file + ":" + line;
        }
    }

    /** {@code @source TREE [REV] FILE FUNCTION ["quoted" ...]}: rev is the commit or patch for a tree not pinned. */
    public record Citation(Where where, String tree, String rev, String file, String function, List<String> quotes) {
        /** The citation as written, without its quotes. */
        public String text() {
            return tree + (rev.isEmpty() ? "" : " " + rev) + " " + file + " " + function;
        }
    }

    public record Action(String module, String name, Where where, List<Citation> citations, String kind, String fidelity) {
    }

    public record Ghost(String module, String name, Where where, String text) {
    }

    public record Design(String name, Where where, String tree) {
    }

    /** The trees a citation may name that `make sources` unpacks, and whose citations the check verifies. */
    public static final List<String> PINNED = List.of("linux-6.1.192", "linux-6.12.117", "linux-6.1.176");
    public static final List<String> KINDS = List.of("faithful", "simplified", "open");

    private static final Pattern DEF = Pattern.compile("^([A-Za-z][A-Za-z0-9_]*)\\s*(\\([^)]*\\))?\\s*==");
    private static final Pattern CALL = Pattern.compile("\\b([A-Z][A-Za-z0-9_]*)\\(");
    private static final Pattern TAG = Pattern.compile("^\\\\\\*\\s?@(\\w+)\\b\\s*(.*)$");
    private static final Pattern GHOST = Pattern.compile("\\\\\\*\\s?@ghost\\s+(\\w+)\\s*:\\s*(.*)$");
    private static final Pattern TREE = Pattern.compile("^\\\\\\*\\s?@tree\\s+(\\S.*)$");
    private static final Pattern QUOTE = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final List<Action> actions = new ArrayList<>();
    private final List<Ghost> ghosts = new ArrayList<>();
    private final List<Design> designs = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    private SourceMap() {
    }

    public List<Action> actions() {
        return actions;
    }

    public List<Ghost> ghosts() {
        return ghosts;
    }

    public List<Design> designs() {
        return designs;
    }

    /** Problems of form, each one line starting with file:line. */
    public List<String> problems() {
        return problems;
    }

    /** Reads the modules of {@code specDir} and the designs of {@code specDir/designs}. */
    public static SourceMap read(Path specDir) {
        SourceMap map = new SourceMap();
        for (Path module : list(specDir, ".tla")) {
            map.readModule(module, shown(specDir, module));
        }
        for (Path cfg : list(specDir.resolve("designs"), ".cfg")) {
            map.readDesign(cfg, shown(specDir, cfg));
        }
        return map;
    }

    /** A file as the user names it: relative to the folder that holds the spec folder (spec/PciCore.tla). */
    private static String shown(Path specDir, Path file) {
        return specDir.getParent() == null ? file.toString() : specDir.getParent().relativize(file).toString();
    }

    private static List<Path> list(Path dir, String suffix) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> lines(Path p) {
        try {
            return Files.readAllLines(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void readModule(Path path, String name) {
        String module = path.getFileName().toString().replaceFirst("\\.tla$", "");
        List<String> lines = lines(path);
        // every definition, with the lines of its body (the definition line and the indented lines after it)
        Map<String, Integer> defLine = new LinkedHashMap<>();
        Map<String, String> body = new LinkedHashMap<>();
        Map<String, Boolean> hasParams = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = DEF.matcher(lines.get(i));
            if (m.find()) {
                StringBuilder b = new StringBuilder(stripComment(lines.get(i).substring(m.end())));
                for (int j = i + 1; j < lines.size() && !lines.get(j).isEmpty() && Character.isWhitespace(lines.get(j).charAt(0)); j++) {
                    b.append('\n').append(stripComment(lines.get(j)));
                }
                defLine.putIfAbsent(m.group(1), i);
                body.putIfAbsent(m.group(1), b.toString());
                hasParams.putIfAbsent(m.group(1), m.group(2) != null);
            }
        }
        for (int i = 0; i < lines.size(); i++) {
            Matcher g = GHOST.matcher(lines.get(i));
            if (g.find()) {
                ghosts.add(new Ghost(module, g.group(1), new Where(name, i + 1), g.group(2).trim() + continuation(lines, i)));
            }
        }
        // the actions: from Next (a parameterless …Next), every operator called through …Step operators
        Set<String> called = new LinkedHashSet<>();
        java.util.ArrayDeque<String> todo = new java.util.ArrayDeque<>();
        body.keySet().stream().filter(op -> op.endsWith("Next") && !hasParams.get(op)).forEach(todo::add);
        Set<String> seen = new LinkedHashSet<>(todo);
        while (!todo.isEmpty()) {
            Matcher c = CALL.matcher(body.get(todo.pop()));
            while (c.find()) {
                String op = c.group(1);
                if (!body.containsKey(op) || !seen.add(op)) {
                    continue;
                }
                if (op.endsWith("Step")) {
                    todo.add(op);
                } else {
                    called.add(op);
                }
            }
        }
        called.stream().sorted((a, b) -> defLine.get(a) - defLine.get(b))
                .forEach(a -> actions.add(action(module, a, name, lines, defLine.get(a))));
    }

    private static String stripComment(String line) {
        int c = line.indexOf("\\*");
        return c < 0 ? line : line.substring(0, c);
    }

    /** The action defined at line index {@code def}, with the tags of the comment block right above it. */
    private Action action(String module, String op, String file, List<String> lines, int def) {
        int start = def;
        while (start > 0 && isComment(lines.get(start - 1))) {
            start--;
        }
        Where at = new Where(file, def + 1);
        List<Citation> citations = new ArrayList<>();
        String kind = null;
        String fidelity = "";
        for (int i = start; i < def; i++) {
            Matcher t = TAG.matcher(lines.get(i).trim());
            if (!t.find()) {
                continue;
            }
            Where w = new Where(file, i + 1);
            String rest = t.group(2);
            switch (t.group(1)) {
                case "source" -> {
                    Citation c = citation(w, rest);
                    if (c != null) {
                        citations.add(c);
                    }
                }
                case "fidelity" -> {
                    int colon = rest.indexOf(':');
                    String k = colon < 0 ? rest.trim() : rest.substring(0, colon).trim();
                    if (kind != null) {
                        problems.add(w + ": " + op + " has a second @fidelity; an action has exactly one");
                    } else if (!KINDS.contains(k) || (!k.equals("faithful") && (colon < 0 || rest.substring(colon + 1).isBlank()))) {
                        problems.add(w + ": @fidelity of " + op + " must read 'faithful', 'simplified: …' or 'open: …' (what is left out and why, or what it depends on, after the colon)");
                        kind = "?";
                    } else {
                        kind = k;
                        fidelity = (colon < 0 ? "" : rest.substring(colon + 1).trim()) + continuation(lines, i);
                    }
                }
                case "ghost" -> {
                    // read above, wherever it stands
                }
                default -> problems.add(w + ": unknown tag @" + t.group(1) + " (docs/source-map.md: @source, @fidelity, @ghost)");
            }
        }
        if (citations.isEmpty()) {
            problems.add(at + ": action " + op + " cites no kernel source (an @source line right above it; docs/source-map.md)");
        }
        if (kind == null) {
            problems.add(at + ": action " + op + " has no @fidelity line (faithful, simplified or open; docs/source-map.md)");
            kind = "?";
        }
        return new Action(module, op, at, citations, kind, fidelity);
    }

    private static boolean isComment(String line) {
        String s = line.trim();
        return s.startsWith("\\*") || s.startsWith("(*");
    }

    /** The text of the comment lines after line index i that go on a tag: indented two or more spaces. */
    private static String continuation(List<String> lines, int i) {
        StringBuilder b = new StringBuilder();
        for (int j = i + 1; j < lines.size(); j++) {
            String s = lines.get(j).trim();
            if (!s.startsWith("\\*  ") || s.substring(2).trim().startsWith("@")) {
                break;
            }
            b.append(' ').append(s.substring(2).trim());
        }
        return b.toString();
    }

    private Citation citation(Where w, String rest) {
        List<String> quotes = new ArrayList<>();
        Matcher q = QUOTE.matcher(rest);
        int firstQuote = rest.length();
        while (q.find()) {
            firstQuote = Math.min(firstQuote, q.start());
            quotes.add(q.group(1).replace("\\\"", "\"").replace("\\\\", "\\"));
        }
        String[] words = rest.substring(0, firstQuote).trim().split("\\s+");
        boolean pinned = words.length > 0 && PINNED.contains(words[0]);
        int wanted = pinned ? 3 : 4;
        if (words.length != wanted || !rest.substring(firstQuote).replaceAll(QUOTE.pattern(), "").isBlank()) {
            problems.add(w + ": @source must read '" + (pinned ? words[0] + " FILE FUNCTION" : "TREE REV FILE FUNCTION")
                    + " [\"quoted source text\" ...]' (docs/source-map.md): " + rest.trim());
            return null;
        }
        return pinned ? new Citation(w, words[0], "", words[1], words[2], quotes)
                : new Citation(w, words[0], words[1], words[2], words[3], quotes);
    }

    private void readDesign(Path path, String file) {
        String design = path.getFileName().toString().replaceFirst("\\.cfg$", "");
        List<String> lines = lines(path);
        String tree = null;
        for (int i = 0; i < lines.size() && isComment(lines.get(i)); i++) {
            Matcher t = TREE.matcher(lines.get(i).trim());
            if (t.find()) {
                tree = t.group(1).trim();
                designs.add(new Design(design, new Where(file, i + 1), tree));
                break;
            }
        }
        if (tree == null) {
            problems.add(file + ":1: design " + design + " does not name the kernel tree it models (a '\\* @tree …' line in its header; docs/source-map.md)");
        }
    }
}
