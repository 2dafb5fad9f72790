package pcilc.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names a cfg may give a value: the constants a module declares and the operators it defines (TLC lets a
 * cfg override a definition), its own and those of the modules it extends. TLC silently ignores a cfg
 * assignment to any other name, so a misspelt constant would leave the model as it was. Read from the
 * modules' text (comments and strings left out), not through SANY, which keeps static state.
 */
public final class ModuleNames {
    private static final Pattern COMMENT_OR_STRING =
            Pattern.compile("(?s)\\(\\*.*?\\*\\)|\\\\\\*[^\\n]*|\"[^\"\\\\\\n]*+(?:\\\\.[^\"\\\\\\n]*+)*+\"");
    private static final Pattern CONSTANTS = Pattern.compile("\\bCONSTANTS?\\b");
    private static final Pattern DECLARED = Pattern.compile("\\s*([A-Za-z_]\\w*)\\s*(?:\\([\\s_,]*\\))?\\s*(,?)");
    /** A definition: {@code Name ==}, {@code Name(p, q) ==}, {@code Name[x \in S] ==} (TLA+ has no == otherwise). */
    private static final Pattern DEFINED = Pattern.compile("\\b([A-Za-z_]\\w*)\\s*(?:\\([^()]*\\)|\\[[^\\[\\]]*\\])?\\s*==(?!=)");
    private static final Pattern EXTENDS = Pattern.compile("\\bEXTENDS\\s+([A-Za-z_]\\w*(?:\\s*,\\s*[A-Za-z_]\\w*)*)");
    private static final Pattern INSTANCE = Pattern.compile("\\bINSTANCE\\s+([A-Za-z_]\\w*)");

    final Set<String> constants = new TreeSet<>();
    final Set<String> defined = new TreeSet<>();

    /** The names of module {@code tla} and of every module it extends (in its directory or TLA+'s standard ones). */
    public static ModuleNames of(Path tla) {
        ModuleNames names = new ModuleNames();
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>();
        todo.add(tla.getFileName().toString().replaceFirst("\\.tla$", ""));
        while (!todo.isEmpty()) {
            String module = todo.poll();
            if (!seen.add(module)) {
                continue;
            }
            String text = source(tla.resolveSibling(module + ".tla"), module);
            if (text == null) {
                continue;  // SANY will say the module is missing
            }
            text = COMMENT_OR_STRING.matcher(text).replaceAll(" ");
            Matcher c = CONSTANTS.matcher(text);
            while (c.find()) {
                Matcher d = DECLARED.matcher(text);
                int at = c.end();
                while (d.region(at, text.length()).lookingAt()) {
                    names.constants.add(d.group(1));
                    if (d.group(2).isEmpty()) {
                        break;  // no comma: the list ends
                    }
                    at = d.end();
                }
            }
            Matcher def = DEFINED.matcher(text);
            while (def.find()) {
                names.defined.add(def.group(1));
            }
            Matcher ext = EXTENDS.matcher(text);
            while (ext.find()) {
                for (String m : ext.group(1).split(",")) {
                    todo.add(m.strip());
                }
            }
        }
        return names;
    }

    /**
     * The files of module {@code tla} and of every module it extends or instantiates, transitively, that are in
     * its directory (TLA+'s standard modules come with TLC): what a TLC run of it reads besides the cfg.
     */
    public static List<Path> files(Path tla) {
        List<Path> files = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>();
        todo.add(tla.getFileName().toString().replaceFirst("\\.tla$", ""));
        while (!todo.isEmpty()) {
            String module = todo.poll();
            Path file = tla.resolveSibling(module + ".tla");
            if (!seen.add(module) || !Files.isRegularFile(file)) {
                continue;  // a standard module, or a missing one (SANY says so when TLC runs)
            }
            files.add(file);
            String text = COMMENT_OR_STRING.matcher(source(file, module)).replaceAll(" ");
            for (Pattern p : List.of(EXTENDS, INSTANCE)) {
                Matcher m = p.matcher(text);
                while (m.find()) {
                    for (String name : m.group(1).split(",")) {
                        todo.add(name.strip());
                    }
                }
            }
        }
        return files;
    }

    public boolean assignable(String name) {
        return constants.contains(name) || defined.contains(name);
    }

    /** A declared constant one or two letters away from {@code name}, or null. */
    public String closestConstant(String name) {
        String best = null;
        int bestDistance = 3;
        for (String c : constants) {
            int d = distance(name, c);
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        return best;
    }

    private static String source(Path file, String module) {
        try {
            if (Files.isRegularFile(file)) {
                return Files.readString(file, StandardCharsets.UTF_8);
            }
            try (InputStream in = ModuleNames.class.getResourceAsStream("/tla2sany/StandardModules/" + module + ".tla")) {
                return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new ToolError(file + ": cannot read (" + AtomicFile.why(e) + ")");
        }
    }

    /** Levenshtein distance. */
    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                cur[j] = Math.min(Math.min(cur[j - 1], prev[j]) + 1, prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
