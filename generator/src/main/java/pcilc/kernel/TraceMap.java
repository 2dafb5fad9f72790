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
import pcilc.model.AtomicFile;
import pcilc.model.ToolError;

/**
 * A module's declared mapping from what the kernel's function trace shows to the spec's actions
 * (spec/traces/&lt;Module&gt;.map): {@code map FUNCTION [<-CALLER] ACTION...}, {@code ignore FUNCTION [<-CALLER] WHY},
 * {@code task THREAD FUNCTION}. With {@code <-CALLER} the line is about the entries of FUNCTION called from
 * CALLER (the function tracer's parent) only; the keys are FUNCTION or FUNCTION&lt;-CALLER.
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
                    boolean caller = w[2].startsWith("<-");
                    // the lab traces the symbol as written (zpci_free_iomap.constprop.0); events carry it plain
                    String key = KernelTrace.plain(w[1]) + (caller ? "<-" + KernelTrace.plain(w[2].substring(2)) : "");
                    int first = caller ? 3 : 2;
                    if (first >= w.length) {
                        throw new ToolError(where + "expected 'map FUNCTION [<-CALLER] ACTION...' or 'ignore FUNCTION [<-CALLER] WHY'");
                    }
                    if (mapped.containsKey(key) || ignored.containsKey(key)) {
                        throw new ToolError(where + "function " + key + " is declared twice");
                    }
                    if (w[0].equals("ignore")) {
                        ignored.put(key, String.join(" ", java.util.Arrays.copyOfRange(w, first, w.length)));
                        continue;
                    }
                    Set<String> as = new LinkedHashSet<>();
                    for (int k = first; k < w.length; k++) {
                        if (!actions.contains(w[k])) {
                            throw new ToolError(where + w[k] + " is not an action of the module");
                        }
                        as.add(w[k]);
                    }
                    mapped.put(key, as);
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

    /** The key that declares an entry of {@code function} from {@code caller} (null: none does). */
    public String keyOf(String function, String caller) {
        String qualified = function + "<-" + caller;
        if (caller != null && (mapped.containsKey(qualified) || ignored.containsKey(qualified))) {
            return qualified;
        }
        return mapped.containsKey(function) || ignored.containsKey(function) ? function : null;
    }
}
