package pcilc.review;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import pcilc.model.AtomicFile;
import pcilc.model.Cfg;
import pcilc.model.Manifest;
import pcilc.model.ToolError;
import pcilc.tlc.DesignRun;
import pcilc.tlc.ModelCheck;

/**
 * The design matrix as one page: {@code <out>/report/index.html} (inline SVG counterexamples) and a
 * Markdown copy for the repository ({@code <docs>/report.md}, with {@code <docs>/counterexamples/}).
 * Per spec module, designs × checks (deadlock, each INVARIANT, each PROPERTY of the design's cfg).
 * The Markdown copy leaves out the seconds (they differ from run to run), so regenerating it without a
 * spec change gives the same bytes.
 */
public final class Report {
    /** Parallel swimlanes (each runs TLC for ENABLED): the machines have two cores. */
    private static final int PARALLEL = 2;
    static final String DEADLOCK = "deadlock";

    /** One design with its TLC result and its cfg's checks. */
    record Entry(Manifest.Design design, ModelCheck.Result result, Cfg cfg) {
        boolean violated() {
            return !result.result().equals("pass");
        }
    }

    private final Path specDir;
    private final Path out;
    private final Path docs;
    private final PrintStream log;

    public Report(Path specDir, Path out, Path docs, PrintStream log) {
        this.specDir = specDir;
        this.out = out;
        this.docs = docs;
        this.log = log;
    }

    /**
     * Every design's stored run (make report makes them first), the swimlanes of the violations, the page and
     * its Markdown copy.
     */
    public Path run() {
        Manifest manifest = Manifest.load(specDir);
        List<Entry> entries = new ArrayList<>();
        for (Manifest.Design d : manifest.designs()) {
            Entry e = new Entry(d, DesignRun.read(specDir, out, d).result(), readCfg(d.cfgFile(specDir)));
            log.println(e.result().summaryLine());
            entries.add(e);
        }
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
        try {
            List<Future<String>> swimlanes = new ArrayList<>();
            for (Entry e : entries) {
                if (e.violated()) {
                    swimlanes.add(pool.submit(() -> swimlane(e)));
                }
            }
            for (Future<String> f : swimlanes) {
                log.println(f.get());
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ToolError t) {
                throw t;
            }
            throw new ToolError(e.getCause() instanceof java.nio.file.FileSystemException f
                    ? f.getFile() + ": cannot read (" + AtomicFile.why(f) + ")"
                    : "report: unexpected failure (" + e.getCause().getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ToolError("report: interrupted");
        } finally {
            pool.shutdownNow();
        }
        Path html = out.resolve("report").resolve("index.html");
        try {
            AtomicFile.write(html, html(entries));
        } catch (IOException e) {
            throw new ToolError(html + ": cannot read a counterexample's SVG (" + AtomicFile.why(e)
                    + (e instanceof java.nio.file.FileSystemException f ? ": " + f.getFile() : "") + ")");
        }
        AtomicFile.write(docs.resolve("report.md"), markdown(entries));
        log.println("report: " + html);
        log.println("report (Markdown, committed): " + docs.resolve("report.md"));
        return html;
    }

    /** The swimlane files of a violation (again only if older than the result), copied into docs. */
    private String swimlane(Entry e) throws IOException {
        Path dir = Review.dir(out, e.design());
        Path md = dir.resolve(Review.MARKDOWN);
        Path svg = dir.resolve(Review.SVG);
        Path result = DesignRun.result(out, e.design().name());
        // Current if newer than the result and than this package's code (a changed renderer redraws).
        long since = Math.max(Files.isRegularFile(result) ? Files.getLastModifiedTime(result).toMillis() : Long.MAX_VALUE,
                codeTime());
        boolean current = Files.isRegularFile(md) && Files.isRegularFile(svg)
                && Files.getLastModifiedTime(md).toMillis() > since && Files.getLastModifiedTime(svg).toMillis() > since;
        if (!current) {
            // The swimlane reads the run's state graph and the swimlane view TLC wrote with it.
            Path graph = DesignRun.graph(out, e.design().name());
            Path view = pcilc.tlc.GraphMain.viewFile(graph);
            ModelCheck.Result r = e.result();
            Review.write(specDir, e.design(), r, graph, view, out);
        }
        String name = e.design().name();
        Path cxDir = docs.resolve("counterexamples");
        AtomicFile.write(cxDir.resolve(name + ".svg"), Files.readString(svg));
        AtomicFile.write(cxDir.resolve(name + ".md"), Files.readString(md)
                .replace("[" + Review.SVG + "](" + Review.SVG + ")", "[" + name + ".svg](" + name + ".svg)"));
        return "swimlane " + (current ? "(reused) " : "") + md + ", " + svg;
    }

    /** When this package's classes were compiled (0 when run from a jar: then only the result's time counts). */
    private static long codeTime() throws IOException {
        java.net.URL self = Report.class.getResource("Report.class");
        if (self == null || !self.getProtocol().equals("file")) {
            return 0;
        }
        try (java.util.stream.Stream<Path> classes = Files.list(Path.of(java.net.URI.create(self.toString())).getParent())) {
            long newest = 0;
            for (Path c : classes.toList()) {
                newest = Math.max(newest, Files.getLastModifiedTime(c).toMillis());
            }
            return newest;
        }
    }

    private static Cfg readCfg(Path file) {
        try {
            return new Cfg(Files.readString(file));
        } catch (IOException e) {
            throw new ToolError(file + ": cannot read (" + AtomicFile.why(e) + ")");
        }
    }

    // ---------------------------------------------------------------------------------------------
    // What each cell says

    enum Verdict { HOLDS, VIOLATED, UNDECIDED, NOT_CHECKED }

    /** The checks of a module's designs, in cfg order: deadlock, the invariants, the properties. */
    static List<String> checks(List<Entry> group) {
        Set<String> checks = new LinkedHashSet<>();
        if (group.stream().anyMatch(e -> e.cfg().checksDeadlock())) {
            checks.add(DEADLOCK);
        }
        group.forEach(e -> checks.addAll(e.cfg().invariants()));
        group.forEach(e -> checks.addAll(e.cfg().properties()));
        return List.copyOf(checks);
    }

    /**
     * TLC stops at the first violation: a deadlock or an invariant leaves the other checks undecided. A
     * temporal violation comes after the whole state space was explored (so the invariants and deadlock
     * freedom hold), and the properties before the violated one were checked on their own and hold.
     */
    static Verdict verdict(Entry e, String check) {
        Cfg cfg = e.cfg();
        boolean inCfg = check.equals(DEADLOCK) ? cfg.checksDeadlock()
                : cfg.invariants().contains(check) || cfg.properties().contains(check);
        if (!inCfg) {
            return Verdict.NOT_CHECKED;
        }
        String r = e.result().result();
        if (r.equals("pass")) {
            return Verdict.HOLDS;
        }
        String violated = r.equals(DEADLOCK) ? DEADLOCK : r.substring(r.indexOf(':') + 1);
        if (check.equals(violated)) {
            return Verdict.VIOLATED;
        }
        if (r.startsWith("property:")) {
            List<String> props = cfg.properties();
            if (!props.contains(check) || props.indexOf(check) < props.indexOf(violated)) {
                return Verdict.HOLDS;
            }
        }
        return Verdict.UNDECIDED;
    }

    private static Map<String, List<Entry>> byModule(List<Entry> entries) {
        Map<String, List<Entry>> groups = new LinkedHashMap<>();
        entries.forEach(e -> groups.computeIfAbsent(e.design().module(), k -> new ArrayList<>()).add(e));
        return groups;
    }

    // ---------------------------------------------------------------------------------------------
    // Markdown (committed: no seconds, no timestamps)

    static String markdown(List<Entry> entries) {
        StringBuilder b = new StringBuilder("# The design matrix\n\n");
        b.append("Generated by `make report` from `spec/manifest.tsv` and each design's cfg; do not edit. ")
                .append("Each counterexample links to its swimlane table and sequence diagram. ")
                .append("Seconds are left out here (they differ from run to run, and a committed copy should change ")
                .append("only when a result does); `build/report/index.html` has them.\n\n");
        long asExpected = entries.stream().filter(e -> e.result().result().equals(e.design().expected())).count();
        b.append(entries.size()).append(" designs, ").append(asExpected).append(" with the result the manifest expects.\n\n");
        b.append("| design | module | TLC finds | as expected | distinct | depth | counterexample |\n")
                .append("| --- | --- | --- | --- | ---: | ---: | --- |\n");
        for (Entry e : entries) {
            String name = e.design().name();
            b.append("| `").append(name).append("` | ").append(e.design().module()).append(" | `")
                    .append(e.result().result()).append("` | ")
                    .append(e.result().result().equals(e.design().expected()) ? "yes" : "**no** (expected `"
                            + e.design().expected() + "`)").append(" | ")
                    .append(e.result().distinct()).append(" | ").append(e.result().depth()).append(" | ")
                    .append(e.violated() ? "[swimlane](counterexamples/" + name + ".md), [SVG](counterexamples/"
                            + name + ".svg)" : "").append(" |\n");
        }
        b.append("\nPer module: ✓ holds, ✗ violated (link: the counterexample), … undecided (TLC stops at the first ")
                .append("violation), blank: not checked in that design's cfg.\n");
        for (Map.Entry<String, List<Entry>> g : byModule(entries).entrySet()) {
            List<String> checks = checks(g.getValue());
            b.append("\n## ").append(g.getKey()).append("\n\n| design |");
            checks.forEach(c -> b.append(' ').append(c).append(" |"));
            b.append("\n| --- |").append(" :-: |".repeat(checks.size())).append('\n');
            for (Entry e : g.getValue()) {
                b.append("| `").append(e.design().name()).append("` |");
                for (String c : checks) {
                    b.append(' ').append(switch (verdict(e, c)) {
                        case HOLDS -> "✓";
                        case VIOLATED -> "[✗](counterexamples/" + e.design().name() + ".md)";
                        case UNDECIDED -> "…";
                        case NOT_CHECKED -> "";
                    }).append(" |");
                }
                b.append('\n');
            }
        }
        return b.toString();
    }

    // ---------------------------------------------------------------------------------------------
    // HTML (build output: with seconds and the pictures inline)

    String html(List<Entry> entries) throws IOException {
        StringBuilder b = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
                .append("<title>PCI lifecycle: the design matrix</title>\n<style>\n")
                .append("body{font-family:'DejaVu Sans',Arial,sans-serif;margin:24px;color:#222;max-width:1700px}\n")
                .append("table{border-collapse:collapse;margin:8px 0 20px}\n")
                .append("th,td{border:1px solid #ccc;padding:4px 8px;font-size:13px}\n")
                .append("th{background:#e8eef7}\nth.v{writing-mode:vertical-rl;transform:rotate(180deg);white-space:nowrap}\n")
                .append("td.holds{background:#dff3df;text-align:center}\ntd.violated{background:#f8d0d0;text-align:center;font-weight:bold}\n")
                .append("td.undecided{background:#f3f3f3;color:#888;text-align:center}\ntd.num{text-align:right}\n")
                .append("td.no{color:#b00;font-weight:bold}\ncode{font-size:12px}\n.cx{margin:28px 0;overflow-x:auto}\n")
                .append("</style></head><body>\n<h1>PCI device lifecycle: the design matrix</h1>\n");
        long asExpected = entries.stream().filter(e -> e.result().result().equals(e.design().expected())).count();
        double seconds = entries.stream().mapToDouble(e -> e.result().seconds()).sum();
        b.append("<p>").append(entries.size()).append(" designs, ").append(asExpected)
                .append(" with the result the manifest expects; TLC time ").append(fmt(seconds))
                .append(" s in all (the stored runs' seconds, from the run that made each).</p>\n");
        b.append("<table><tr><th>design</th><th>module</th><th>what it is</th><th>TLC finds</th><th>as expected</th>")
                .append("<th>distinct</th><th>depth</th><th>seconds</th><th>counterexample</th></tr>\n");
        for (Entry e : entries) {
            String name = e.design().name();
            boolean ok = e.result().result().equals(e.design().expected());
            b.append("<tr><td><code>").append(h(name)).append("</code></td><td>").append(h(e.design().module()))
                    .append("</td><td>").append(h(e.design().description())).append("</td><td><code>")
                    .append(h(e.result().result())).append("</code></td><td").append(ok ? ">yes" : " class=\"no\">no (expected "
                            + h(e.design().expected()) + ")").append("</td><td class=\"num\">").append(e.result().distinct())
                    .append("</td><td class=\"num\">").append(e.result().depth()).append("</td><td class=\"num\">")
                    .append(fmt(e.result().seconds())).append("</td><td>")
                    .append(e.violated() ? "<a href=\"#cx-" + h(name) + "\">diagram</a>, <a href=\"../review/" + h(name)
                            + "/" + Review.MARKDOWN + "\">swimlane</a>" : "").append("</td></tr>\n");
        }
        b.append("</table>\n<p>Per module: ✓ holds, ✗ violated (link: the counterexample), … undecided (TLC stops at")
                .append(" the first violation), blank: not checked in that design's cfg.</p>\n");
        for (Map.Entry<String, List<Entry>> g : byModule(entries).entrySet()) {
            List<String> checks = checks(g.getValue());
            b.append("<h2>").append(h(g.getKey())).append("</h2>\n<table><tr><th>design</th>");
            checks.forEach(c -> b.append("<th class=\"v\">").append(h(c)).append("</th>"));
            b.append("</tr>\n");
            for (Entry e : g.getValue()) {
                b.append("<tr><td><code>").append(h(e.design().name())).append("</code></td>");
                for (String c : checks) {
                    b.append(switch (verdict(e, c)) {
                        case HOLDS -> "<td class=\"holds\">✓</td>";
                        case VIOLATED -> "<td class=\"violated\"><a href=\"#cx-" + h(e.design().name()) + "\">✗</a></td>";
                        case UNDECIDED -> "<td class=\"undecided\">…</td>";
                        case NOT_CHECKED -> "<td></td>";
                    });
                }
                b.append("</tr>\n");
            }
            b.append("</table>\n");
        }
        b.append("<h2>Counterexamples</h2>\n");
        for (Entry e : entries) {
            if (!e.violated()) {
                continue;
            }
            String name = e.design().name();
            Path svg = Review.dir(out, e.design()).resolve(Review.SVG);
            b.append("<div class=\"cx\" id=\"cx-").append(h(name)).append("\"><h3><code>").append(h(name))
                    .append("</code> → <code>").append(h(e.result().result())).append("</code> (<a href=\"../review/")
                    .append(h(name)).append('/').append(Review.MARKDOWN).append("\">swimlane table</a>)</h3>\n")
                    .append(Files.readString(svg).replaceFirst("^<\\?xml[^>]*>\\s*", "")).append("</div>\n");
        }
        return b.append("</body></html>\n").toString();
    }

    private static String fmt(double seconds) {
        return String.format(Locale.ROOT, "%.1f", seconds);
    }

    private static String h(String text) {
        return SequenceDiagram.xml(text);
    }
}
