package pcilc.kernel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import pcilc.model.AtomicFile;
import pcilc.model.ToolError;

/**
 * One run of one scenario in a real kernel (docs/kernel-traces.md): the header the lab wrote and the
 * function-entry events ftrace recorded, in the buffer's order.
 */
public record KernelTrace(Path file, String kernel, String scenario, Map<String, String> devices,
                          Map<Integer, String> tasks, List<String> platformThreads, boolean hung, List<Event> events) {
    public static final String MAGIC = "# pcilc kernel trace 1";

    /**
     * A function entry: the task (comm and pid) that ran it, when, the function and its caller (the function
     * tracer's parent; null for a kprobe event), compiler suffixes such as .isra.0 dropped.
     */
    public record Event(int line, String comm, int pid, double time, String function, String parent) {
        String task() {
            return comm + "-" + pid;
        }
    }

    /** {@code   TASK-PID [CPU] FLAGS TIMESTAMP: REST}; the flags column is optional (ftrace's irq-info). */
    private static final Pattern LINE = Pattern.compile("\\s*(.+)-(\\d+)\\s+\\[(\\d+)\\]\\s+(?:\\S+\\s+)?(\\d+(?:\\.\\d+)?):\\s+(.*)");
    /** The function tracer: {@code FUNC <-PARENT}. */
    private static final Pattern FUNCTION = Pattern.compile("([\\w.]+)\\s+<-(\\S+)");
    /** A kprobe event: {@code EVENT: (FUNC+0x0/0x40) ARGS}. */
    private static final Pattern KPROBE = Pattern.compile("\\w+: \\(([\\w.]+)\\+0x0/0x[0-9a-f]+\\).*");

    public static KernelTrace read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ToolError(file + ": cannot read (" + AtomicFile.why(e) + ")");
        }
        if (lines.isEmpty() || !lines.get(0).equals(MAGIC)) {
            throw new ToolError(file + ":1: not a kernel trace (the first line must be \"" + MAGIC + "\")");
        }
        String kernel = null;
        String scenario = null;
        Boolean hung = null;
        Map<String, String> devices = new LinkedHashMap<>();
        Map<Integer, String> tasks = new LinkedHashMap<>();
        List<String> platform = new ArrayList<>();
        List<Event> events = new ArrayList<>();
        boolean inFtrace = false;
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            int n = i + 1;
            if (inFtrace) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (line.contains("LOST") && line.contains("EVENTS")) {
                    throw new ToolError(file + ":" + n + ": ftrace lost events here (its buffer overflowed): the trace"
                            + " is incomplete; trace fewer functions or enlarge buffer_size_kb");
                }
                Matcher m = LINE.matcher(line);
                if (!m.matches()) {
                    throw new ToolError(file + ":" + n + ": not an ftrace line (TASK-PID [CPU] FLAGS TIME: FUNCTION): " + line.strip());
                }
                String rest = m.group(5);
                Matcher f = FUNCTION.matcher(rest);
                Matcher k = KPROBE.matcher(rest);
                String function;
                String parent = null;
                if (f.matches()) {
                    function = f.group(1);
                    parent = plain(f.group(2));
                } else if (k.matches()) {
                    function = k.group(1);
                } else if (rest.startsWith("tracing_mark_write:")) {
                    continue;  // a marker the lab wrote: not kernel code
                } else {
                    throw new ToolError(file + ":" + n + ": neither a function entry (FUNC <-PARENT) nor a kprobe event: " + rest);
                }
                events.add(new Event(n, m.group(1).strip(), Integer.parseInt(m.group(2)), Double.parseDouble(m.group(4)),
                        plain(function), parent));
                continue;
            }
            String[] w = line.strip().split("\\s+");
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            switch (w[0]) {
                case "kernel" -> kernel = one(file, n, w);
                case "scenario" -> scenario = one(file, n, w);
                case "run" -> one(file, n, w);
                case "device" -> {
                    need(file, n, w, 3, "device MODEL-NAME KERNEL-NAME");
                    devices.put(w[1], w[2]);
                }
                case "task" -> {
                    need(file, n, w, 3, "task THREAD PID (or - for the platform)");
                    if (w[2].equals("-")) {
                        platform.add(w[1]);
                    } else {
                        try {
                            tasks.put(Integer.parseInt(w[2]), w[1]);
                        } catch (NumberFormatException e) {
                            throw new ToolError(file + ":" + n + ": task " + w[1] + ": '" + w[2] + "' is not a PID");
                        }
                    }
                }
                case "outcome" -> {
                    if (w.length >= 2 && w[1].equals("completed")) {
                        hung = false;
                    } else if (w.length >= 2 && w[1].equals("hung")) {
                        hung = true;
                    } else {
                        throw new ToolError(file + ":" + n + ": outcome must be 'completed' or 'hung SECONDS'");
                    }
                }
                case "ftrace" -> inFtrace = true;
                default -> throw new ToolError(file + ":" + n + ": unknown header line '" + w[0]
                        + "' (kernel, scenario, run, device, task, outcome, ftrace)");
            }
        }
        if (!inFtrace) {
            throw new ToolError(file + ":" + lines.size() + ": the trace is cut short: no 'ftrace' line (a lab run that died mid-write?)");
        }
        if (kernel == null || scenario == null || hung == null || tasks.isEmpty() && platform.isEmpty()) {
            throw new ToolError(file + ": the header lacks " + (kernel == null ? "'kernel'" : scenario == null ? "'scenario'"
                    : hung == null ? "'outcome'" : "any 'task' line"));
        }
        return new KernelTrace(file, kernel, scenario, devices, tasks, platform, hung, events);
    }

    /** A symbol without the compiler's suffix (.isra.0, .constprop.0, .part.0) or an offset (+0x1a/0x40). */
    static String plain(String symbol) {
        String s = symbol.replaceFirst("\\+0x.*", "");
        int dot = s.indexOf('.');
        return dot > 0 ? s.substring(0, dot) : s;
    }

    private static String one(Path file, int n, String[] w) {
        need(file, n, w, 2, w[0] + " VALUE");
        return w[1];
    }

    private static void need(Path file, int n, String[] w, int count, String form) {
        if (w.length != count) {
            throw new ToolError(file + ":" + n + ": expected '" + form + "'");
        }
    }
}
