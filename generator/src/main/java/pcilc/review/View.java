package pcilc.review;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import pcilc.model.TlcText;
import pcilc.model.AtomicFile;
import pcilc.model.ToolError;

/**
 * The swimlane view that TLC wrote next to a design's state graph (pcilc.tlc.ViewWriter), evaluating the
 * spec's swimlane operators on every state. UTF-8 text, one record per line, fields separated by tabs:
 * <pre>
 * # pcilc swimlane view 1                 first line
 * define &lt;kind&gt; &lt;name&gt; &lt;module&gt; &lt;line&gt; &lt;end&gt;  where a definition is: kind invariant, property (the cfg's),
 *                                         next (the next-state relation), next-disjunct (its operators without
 *                                         parameters: Terminated)
 * threads &lt;t&gt;...                        the columns, in the spec's order (SwimlaneThreads); none: no threads
 * positions &lt;var&gt;...                    the variables the positions show (SwimlanePositionVars)
 * value &lt;k&gt; &lt;text&gt;                     thread record k, canonical text: [busy, holds, needs |-> [holders, lock], position]
 * view &lt;state&gt; &lt;k&gt;...                  graph state: each thread's record, in column order
 * steps &lt;state&gt; &lt;t&gt;...                 the threads that can step in a state the graph has not all edges of
 *                                         (TLC stopped at a safety violation while expanding it)
 * error &lt;Module&gt;.tla &lt;line&gt; &lt;what&gt;       a swimlane operator is missing or fails there (no view records after it)
 * end &lt;states&gt;                           last line: the graph's state count (a file without it is truncated)
 * </pre>
 */
final class View {
    static final String MAGIC = "# pcilc swimlane view 1";

    /** One thread in one state, as the spec names it. */
    record Thread(String position, boolean busy, List<String> holds, String needs, Set<String> holders) {
    }

    /** Where a definition is: {@code module}'s lines {@code line..end}. */
    record Definition(String kind, String name, String module, int line, int end) {
    }

    final Path file;
    final List<String> threads = new ArrayList<>();
    final Set<String> positions = new LinkedHashSet<>();
    final List<Definition> definitions = new ArrayList<>();
    /** The spec's error in its swimlane operators: module file, line, what (null if none). */
    String[] error;
    private final List<Thread> values = new ArrayList<>();
    private final Map<Integer, int[]> states = new HashMap<>();
    private final Map<Integer, Set<String>> steps = new HashMap<>();

    private View(Path file) {
        this.file = file;
    }

    /** Thread {@code t}'s record in graph state {@code state}. */
    Thread at(int state, String t) {
        int[] row = states.get(state);
        if (row == null) {
            throw new ToolError(file + ": no view of state " + state + " (the view is not the graph's)");
        }
        return values.get(row[threads.indexOf(t)]);
    }

    /** The threads that can take a step in {@code state}, where TLC did not finish its edges; else null. */
    Set<String> steps(int state) {
        return steps.get(state);
    }

    /** The definitions of the kinds {@code kinds}, in the order TLC gave them. */
    List<Definition> definitions(Collection<String> kinds) {
        return definitions.stream().filter(d -> kinds.contains(d.kind())).toList();
    }

    static View read(Path file) {
        View v = new View(file);
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int n = 0;
            boolean ended = false;
            while ((line = r.readLine()) != null) {
                n++;
                String at = file + ":" + n + ": ";
                if (n == 1) {
                    need(line.equals(MAGIC), at, "not a swimlane view (first line is not \"" + MAGIC + "\")");
                    continue;
                }
                need(!ended, at, "text after the end line");
                String[] f = line.split("\t", -1);
                switch (f[0]) {
                    case "define" -> {
                        need(f.length == 6, at, "define needs kind, name, module, line and end line");
                        v.definitions.add(new Definition(f[1], f[2], f[3], number(f[4], at), number(f[5], at)));
                    }
                    case "threads" -> v.threads.addAll(List.of(f).subList(1, f.length));
                    case "positions" -> v.positions.addAll(List.of(f).subList(1, f.length));
                    case "value" -> {
                        need(f.length == 3 && number(f[1], at) == v.values.size(), at, "value numbers out of order");
                        v.values.add(thread(f[2], at));
                    }
                    case "view" -> {
                        need(f.length == v.threads.size() + 2, at, "a view needs one value per thread");
                        int[] row = new int[v.threads.size()];
                        for (int i = 0; i < row.length; i++) {
                            row[i] = number(f[i + 2], at);
                            need(row[i] < v.values.size(), at, "undefined value " + row[i]);
                        }
                        v.states.put(number(f[1], at), row);
                    }
                    case "steps" -> {
                        need(f.length >= 2, at, "steps needs the state");
                        v.steps.put(number(f[1], at), new LinkedHashSet<>(List.of(f).subList(2, f.length)));
                    }
                    case "error" -> {
                        need(f.length == 4, at, "error needs the module file, the line and what is wrong");
                        v.error = new String[] {f[1], f[2], f[3]};
                    }
                    case "end" -> ended = true;
                    default -> throw new ToolError(at + "unknown record \"" + f[0] + "\"");
                }
            }
            need(ended, file + ": ", "truncated (no end line after line " + n + ")");
        } catch (NoSuchFileException e) {
            throw new ToolError(file + ": no such file (TLC writes it with the state graph)");
        } catch (IOException e) {
            throw new ToolError(file + ": cannot read (" + AtomicFile.why(e) + ")");
        }
        return v;
    }

    @SuppressWarnings("unchecked")
    private static Thread thread(String text, String at) {
        try {
            Map<String, Object> r = (Map<String, Object>) TlcText.parseValue(text);
            Map<String, Object> needs = (Map<String, Object>) r.get("needs");
            Set<String> holders = new LinkedHashSet<>();
            ((Collection<Object>) needs.get("holders")).forEach(h -> holders.add(h.toString()));
            List<String> holds = ((List<Object>) r.get("holds")).stream().map(Object::toString).toList();
            return new Thread((String) r.get("position"), (Boolean) r.get("busy"), holds, (String) needs.get("lock"), holders);
        } catch (RuntimeException e) {
            throw new ToolError(at + "not a thread's record [busy, holds, needs |-> [holders, lock], position]: " + text);
        }
    }

    private static int number(String s, String at) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new ToolError(at + "not a number: \"" + s + "\"");
        }
    }

    private static void need(boolean ok, String at, String problem) {
        if (!ok) {
            throw new ToolError(at + problem);
        }
    }
}
