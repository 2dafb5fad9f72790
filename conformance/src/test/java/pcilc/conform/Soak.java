package pcilc.conform;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * {@code make soak}: runs the concurrency-sensitive tests again and again, each repetition in a JVM of its own
 * (as CI runs them), and counts the failures of each test over all repetitions.
 *
 * <ul>
 *   <li>{@code run OUT.tsv SELECTOR...}: one repetition; a selector is a class ({@code pcilc.ref.LincheckTest})
 *       or a package ({@code pcilc.generated.*}); writes one line per test, {@code pass|fail <TAB> test <TAB>
 *       first line of the failure}. Exit status 0 even when tests fail: the summary judges.</li>
 *   <li>{@code summarize DIR N}: reads the {@code *.tsv} of the N repetitions under DIR and prints a Markdown
 *       table, one row per test of a class with few tests (a Lincheck design, a free-running design) and one row per class of a
 *       generated suite; exit status 1 if any test failed in any repetition, a repetition did not finish (its JVM
 *       died: no {@code .tsv}), or a repetition is missing a test the others ran.</li>
 * </ul>
 */
public final class Soak {
    /** A class with more tests than this (a generated suite) is summed up in one row. */
    private static final int ROWS_PER_CLASS = 50;

    private Soak() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length >= 3 && args[0].equals("run")) {
            run(Path.of(args[1]), List.of(args).subList(2, args.length));
            System.exit(0);
        } else if (args.length == 3 && args[0].equals("summarize")) {
            try {
                System.exit(summarize(Path.of(args[1]), Integer.parseInt(args[2]), System.out) ? 0 : 1);
            } catch (IllegalArgumentException e) {
                System.err.println("error: " + e.getMessage());
                System.exit(2);
            }
        } else {
            System.err.println("usage: Soak run OUT.tsv SELECTOR... | Soak summarize DIR N");
            System.exit(2);
        }
    }

    static void run(Path out, List<String> selectors) throws IOException {
        List<DiscoverySelector> select = new ArrayList<>();
        for (String s : selectors) {
            select.add(s.endsWith(".*") ? selectPackage(s.substring(0, s.length() - 2)) : selectClass(s));
        }
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(select).build();
        Launcher launcher = LauncherFactory.create();
        Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(tmp, StandardCharsets.UTF_8))) {
            launcher.execute(request, new TestExecutionListener() {
                private TestPlan plan;

                @Override
                public void testPlanExecutionStarted(TestPlan testPlan) {
                    plan = testPlan;
                }

                @Override
                public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                    // a container that fails (a class that cannot start) counts as a failed test of its own
                    if (!id.isTest() && result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
                        return;
                    }
                    boolean ok = result.getStatus() == TestExecutionResult.Status.SUCCESSFUL;
                    String why = result.getThrowable().map(Soak::firstLine).orElse("");
                    w.println((ok ? "pass" : "fail") + "\t" + name(plan, id) + "\t" + why);
                }
            });
        }
        Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** {@code Class \t display name under the class}, e.g. {@code LincheckTest \t agreesWithTlc / zpci-mainline}. */
    private static String name(TestPlan plan, TestIdentifier id) {
        List<String> path = new ArrayList<>();
        String cls = "?";
        for (Optional<TestIdentifier> t = Optional.of(id); t.isPresent(); t = plan.getParent(t.get())) {
            TestIdentifier x = t.get();
            Optional<String> className = x.getSource().filter(s -> s instanceof ClassSource)
                    .map(s -> ((ClassSource) s).getClassName());
            if (className.isPresent()) {
                cls = className.get().replaceFirst("^.*\\.", "").replaceFirst("\\$.*", "");
                break;
            }
            path.add(0, x.getDisplayName());
        }
        return cls + "\t" + String.join(" / ", path);
    }

    /** A display name cut to a table cell (a counterexample test is named after its whole trace). */
    private static String shortened(String name) {
        return name.length() <= 100 ? name : name.substring(0, 99) + "…";
    }

    private static String firstLine(Throwable t) {
        String m = t.getMessage() == null ? "" : t.getMessage().strip();
        String line = m.lines().filter(l -> !l.isBlank()).findFirst().orElse("");
        return (t.getClass().getSimpleName() + ": " + line).replace('\t', ' ');
    }

    /** The table; false if any test failed or was missing in some repetition. */
    static boolean summarize(Path dir, int expected, java.io.PrintStream out) throws IOException {
        List<Path> runs;
        try (Stream<Path> s = Files.list(dir)) {
            runs = s.filter(p -> p.toString().endsWith(".tsv")).sorted().toList();
        }
        if (runs.isEmpty()) {
            out.println("error: " + dir + ": no repetition finished (no .tsv file)");
            return false;
        }
        // class -> test -> [runs seen, failures]; class -> first failure message
        Map<String, Map<String, int[]>> tests = new TreeMap<>();
        Map<String, String> firstFailure = new TreeMap<>();
        for (Path run : runs) {
            for (String line : Files.readAllLines(run, StandardCharsets.UTF_8)) {
                String[] f = line.split("\t", -1);
                if (f.length < 4) {
                    throw new IllegalArgumentException(run + ": not a soak line: " + line);
                }
                int[] c = tests.computeIfAbsent(f[1], k -> new TreeMap<>()).computeIfAbsent(f[2], k -> new int[2]);
                c[0]++;
                if (f[0].equals("fail")) {
                    c[1]++;
                    firstFailure.putIfAbsent(f[1] + "\t" + f[2], f[3]);
                }
            }
        }
        int n = runs.size();
        boolean clean = n == expected;
        out.println("| test | runs | failures | first failure |");
        out.println("| --- | --- | --- | --- |");
        for (Map.Entry<String, Map<String, int[]>> cls : tests.entrySet()) {
            Map<String, int[]> byTest = cls.getValue();
            int failures = 0;
            int seen = 0;
            for (int[] c : byTest.values()) {
                failures += c[1];
                seen += c[0];
                clean &= c[1] == 0 && c[0] == n;
            }
            if (byTest.size() > ROWS_PER_CLASS) {
                String first = byTest.keySet().stream().map(t -> firstFailure.get(cls.getKey() + "\t" + t))
                        .filter(java.util.Objects::nonNull).findFirst().orElse("");
                out.printf("| %s (%d tests each run) | %d | %d | %s |%n", cls.getKey(), byTest.size(),
                        seen / byTest.size(), failures, first);
            } else {
                for (Map.Entry<String, int[]> t : byTest.entrySet()) {
                    out.printf("| %s %s | %d | %d | %s |%n", cls.getKey(), shortened(t.getKey()), t.getValue()[0],
                            t.getValue()[1], firstFailure.getOrDefault(cls.getKey() + "\t" + t.getKey(), ""));
                }
            }
        }
        out.printf("%nsoak: %d of %d repetitions finished, %d tests each, %s%n", n, expected,
                tests.values().stream().mapToInt(Map::size).sum(), clean ? "no failures" : "FAILURES");
        return clean;
    }
}
