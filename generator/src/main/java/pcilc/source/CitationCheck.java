package pcilc.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import pcilc.source.SourceMap.Action;
import pcilc.source.SourceMap.Citation;

/**
 * Verifies the source map's citations against the pinned kernel trees unpacked under {@code kernelSrc}
 * ({@code make sources}): the cited file exists, defines the cited function, and every quoted text occurs in
 * that function's body (whitespace-insensitive). Citations of trees that are not there (later mainline, patch
 * series, QEMU, Xen, or a pinned tree not fetched) are listed, not checked.
 */
public final class CitationCheck {
    /** The outcome: one line per error (file:line first), and the citations that could not be checked. */
    public record Result(int checked, List<String> errors, List<String> unchecked) {
    }

    private final Path kernelSrc;
    private final Map<Path, List<String>> files = new HashMap<>();

    public CitationCheck(Path kernelSrc) {
        this.kernelSrc = kernelSrc;
    }

    public Result run(SourceMap map) {
        List<String> errors = new ArrayList<>(map.problems());
        List<String> unchecked = new ArrayList<>();
        int checked = 0;
        for (Action a : map.actions()) {
            for (Citation c : a.citations()) {
                Path tree = kernelSrc.resolve(c.tree());
                if (!SourceMap.PINNED.contains(c.tree()) || !Files.isDirectory(tree)) {
                    unchecked.add(c.where() + ": " + a.name() + ": " + c.text()
                            + (SourceMap.PINNED.contains(c.tree()) ? " (not fetched: make sources)" : ""));
                    continue;
                }
                checked++;
                String why = verify(tree, c);
                if (why != null) {
                    errors.add(c.where() + ": " + a.name() + " cites " + c.text() + ": " + why);
                }
            }
        }
        return new Result(checked, errors, unchecked);
    }

    /** Why the citation does not hold in {@code tree}, or null. */
    private String verify(Path tree, Citation c) {
        Path file = tree.resolve(c.file()).normalize();
        if (!file.startsWith(tree) || !Files.isRegularFile(file)) {
            return "there is no file " + c.file() + " in " + c.tree();
        }
        List<String> lines = read(file);
        String body = body(lines, c.function());
        if (body == null) {
            return "no function " + c.function() + " is defined in " + c.file() + " of " + c.tree();
        }
        for (String q : c.quotes()) {
            if (!body.contains(squeeze(q))) {
                return c.function() + " in " + c.tree() + " does not read \"" + q + "\"";
            }
        }
        return null;
    }

    private List<String> read(Path file) {
        return files.computeIfAbsent(file, f -> {
            try {
                return Files.readAllLines(f, java.nio.charset.StandardCharsets.ISO_8859_1);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * The body of the definition of {@code function} in kernel style: a line at column 0 that names
     * {@code function(} (not a prototype: a '{' comes before any ';'), through the next line that is a lone
     * '}' at column 0; or a function-like macro {@code #define function(} with its continuation lines;
     * whitespace squeezed. Null when the file does not define it.
     */
    static String body(List<String> lines, String function) {
        Pattern name = Pattern.compile("(^|[^A-Za-z0-9_])" + Pattern.quote(function) + "\\s*\\(");
        Pattern macro = Pattern.compile("^#\\s*define\\s+" + Pattern.quote(function) + "\\(");
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (macro.matcher(l).find()) {
                // a function-like macro that defines functions (PCI_USER_READ_CONFIG): its continued lines
                StringBuilder b = new StringBuilder();
                for (int j = i; j < lines.size(); j++) {
                    String s = lines.get(j).stripTrailing();
                    b.append(s.endsWith("\\") ? s.substring(0, s.length() - 1) : s).append('\n');
                    if (!s.endsWith("\\")) {
                        break;
                    }
                }
                return squeeze(b.toString());
            }
            if (l.isEmpty() || Character.isWhitespace(l.charAt(0)) || l.startsWith("#") || l.startsWith("/")
                    || l.startsWith("*") || !name.matcher(l).find()) {
                continue;
            }
            int open = -1;
            for (int j = i; j < lines.size() && j < i + 12 && open < 0; j++) {
                String s = lines.get(j);
                int brace = s.indexOf('{');
                int semi = s.indexOf(';');
                if (semi >= 0 && (brace < 0 || semi < brace)) {
                    break;
                }
                if (brace >= 0) {
                    open = j;
                }
            }
            if (open < 0) {
                continue;
            }
            StringBuilder b = new StringBuilder();
            for (int j = i; j < lines.size(); j++) {
                b.append(lines.get(j)).append('\n');
                if (j > i && lines.get(j).startsWith("}")) {
                    break;
                }
            }
            return squeeze(b.toString());
        }
        return null;
    }

    static String squeeze(String s) {
        return s.replaceAll("\\s+", " ").trim();
    }
}
