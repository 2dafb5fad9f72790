package pcilc.kernel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import pcilc.tlc.AtomicFile;
import pcilc.tlc.ToolError;

/**
 * A module's declared mapping from what the kernel's function trace shows to the spec's actions
 * (spec/traces/&lt;Module&gt;.map): {@code map FUNCTION ACTION...}, {@code ignore FUNCTION WHY},
 * {@code task THREAD FUNCTION}.
 */
public record TraceMap(Path file, Map<String, Set<String>> mapped, Map<String, String> ignored, Map<String, String> taskOf) {

    public static Path fileOf(Path specDir, String module) {
        return specDir.resolve("traces").resolve(module + ".map");
    }

    /** {@code actions}: the module's actions (a mapped name must be one of them). */
    public static TraceMap read(Path file, Collection<String> actions) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ToolError(file + ": cannot read the trace mapping (" + AtomicFile.why(e) + ")");
        }
        Map<String, Set<String>> mapped = new LinkedHashMap<>();
        Map<String, String> ignored = new LinkedHashMap<>();
        Map<String, String> taskOf = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = file + ":" + (i + 1) + ": ";
            String[] w = line.split("\\s+");
            if (w.length < 3) {
                throw new ToolError(where + "expected 'map FUNCTION ACTION...', 'ignore FUNCTION WHY' or 'task THREAD FUNCTION'");
            }
            switch (w[0]) {
                case "map", "ignore" -> {
                    if (mapped.containsKey(w[1]) || ignored.containsKey(w[1])) {
                        throw new ToolError(where + "function " + w[1] + " is declared twice");
                    }
                    if (w[0].equals("ignore")) {
                        ignored.put(w[1], line.substring(line.indexOf(w[1]) + w[1].length()).strip());
                        continue;
                    }
                    Set<String> as = new LinkedHashSet<>();
                    for (int k = 2; k < w.length; k++) {
                        if (!actions.contains(w[k])) {
                            throw new ToolError(where + w[k] + " is not an action of the module");
                        }
                        as.add(w[k]);
                    }
                    mapped.put(w[1], as);
                }
                case "task" -> {
                    if (w.length != 3) {
                        throw new ToolError(where + "expected 'task THREAD FUNCTION'");
                    }
                    taskOf.put(w[2], w[1]);
                }
                default -> throw new ToolError(where + "unknown keyword '" + w[0] + "' (map, ignore, task)");
            }
        }
        for (String f : taskOf.keySet()) {
            if (!mapped.containsKey(f) && !ignored.containsKey(f)) {
                throw new ToolError(file + ": 'task' names " + f + ", which is neither mapped nor ignored (so not traced)");
            }
        }
        return new TraceMap(file, mapped, ignored, taskOf);
    }

    /** Every action some function is mapped to: the observed ones. */
    public Set<String> observed() {
        Set<String> all = new LinkedHashSet<>();
        mapped.values().forEach(all::addAll);
        return all;
    }

    public boolean knows(String function) {
        return mapped.containsKey(function) || ignored.containsKey(function);
    }
}
