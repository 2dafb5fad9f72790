package pcilc.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import pcilc.model.GraphError;
import pcilc.model.Manifest;
import pcilc.model.StateGraph;
import pcilc.tlc.DesignRun;
import pcilc.tlc.ModelCheck;

/**
 * Bad input, as a table. Each case builds its input in a directory of its own (a copy of the tiny spec, or
 * of the real spec/), runs the tool as bin/pcilc does, and checks what the user sees: exactly one line on
 * stderr, the expected one, which names the file (with line and column where there are some) and holds no
 * TLC tool-mode marker, Java name or stack trace; a non-zero status; and nothing half-written left behind:
 * no temporary file, no stored result of the design that failed, no conformance suite.
 */
class BadInputTest {
    static final Path TINY = Path.of("src/test/resources/tiny");
    static final Path REAL = Path.of(System.getProperty("pcilc.specDir", "../spec"));
    static final Path GOLDEN = Path.of("src/test/resources/golden/workers-pass.conformance");
    static final Path BROKEN_TEMPLATE = Path.of("src/test/resources/templates/Broken.java.vm");

    /** What no error line may contain: TLC's framing, exception names, stack frames. */
    static final List<String> FORBIDDEN = List.of("@!@!@", "STARTMSG", "Exception", "\tat ");
    /** A Java package name (java.lang., pcilc.tlc.); a file name such as ConformanceTest.java.vm is not one. */
    static final Pattern JAVA_NAME = Pattern.compile("(?<![\\w.])(?:java|javax|pcilc|tlc2|tla2sany)\\.");

    /** Lines of the real spec the expected messages point at (found, so that an edit of the spec moves them). */
    static final int PCI_INIT = lineOf(REAL.resolve("PciCore.tla"), "Init ==");
    static final int ZPCI_FW_EVENTS = lineOf(REAL.resolve("designs/zpci-pre-dupput.cfg"), "FwEvents = 0");

    /** One bad input: how to build it in a directory, how to run the tool on it, and the line it must print. */
    record Case(String name, Setup setup, Run run, String expected, String failedDesign, Consumer<Path> also) {
        Case design(String design) {
            return new Case(name, setup, run, expected, design, also);
        }

        Case also(Consumer<Path> check) {
            return new Case(name, setup, run, expected, failedDesign, also.andThen(check));
        }

        @Override
        public String toString() {
            return name;
        }
    }

    interface Setup {
        void in(Path dir) throws Exception;
    }

    interface Run {
        Outcome in(Path dir) throws Exception;
    }

    record Outcome(int status, String stdout, String stderr) {
    }

    static Stream<Case> cases() {
        return Stream.of(
                // --- the spec
                cli("spec parse error", tiny(row("broken\tBroken\tpass.cfg\tpass\t0\t0\tdoes not parse")),
                        "{spec}/Broken.tla:6:1: parse error: unexpected start of a definition after \"(\"",
                        "run", "broken"),
                cli("parse error in a module the design's module extends",
                        real(edit("PciCore.tla", "\nInit ==\n", "\nInit == ==\n")),
                        "{spec}/PciCore.tla:" + PCI_INIT + ":9: parse error: unexpected \"==\" (expecting Expression or Instance)",
                        "run", "zpci-pre-dupput"),
                cli("string without its closing quote", tiny(module("Quote", "Init == x = 0", "Init == x = \"zero"),
                                row("quote\tQuote\tpass.cfg\tpass\t0\t0\tx")),
                        "{spec}/Quote.tla:5:18: lexical error: the string \"zero has no closing quote on its line",
                        "run", "quote"),
                cli("spec semantic error: undefined operator", tiny(row("undefined\tUndefined\tpass.cfg\tpass\t0\t0\tx")),
                        "{spec}/Undefined.tla:4:9: Unknown operator: `y'.", "run", "undefined"),
                cli("module that EXTENDS one that does not exist",
                        tiny(module("Missing", "EXTENDS Naturals", "EXTENDS Naturals, NoSuchModule"),
                                row("missing\tMissing\tpass.cfg\tpass\t0\t0\tx")),
                        "{spec}/Missing.tla:3: no module NoSuchModule (no NoSuchModule.tla beside Missing.tla, and not a"
                                + " standard module)", "run", "missing"),
                cli("TLC evaluation error at run time", tiny(row("eval\tEval\tdeadlock.cfg\tpass\t0\t0\tx")),
                        "{spec}/Eval.tla:6:23: TLC cannot evaluate this: Attempted to apply tuple <<1, 2>> to integer 3"
                                + " which is out of domain.", "run", "eval"),
                // --- the cfg
                cli("unknown constant in a cfg (a typo, the issue's example)",
                        real(edit("designs/zpci-pre-dupput.cfg", "    FwEvents = 0\n", "    FwEvents = 0\n    FwEvent = 3\n")),
                        "{spec}/designs/zpci-pre-dupput.cfg:" + (ZPCI_FW_EVENTS + 1) + ": constant FwEvent is not declared"
                                + " by module ZpciLifecycle (did you mean FwEvents?)", "run", "zpci-pre-dupput"),
                cli("cfg missing a constant the spec needs",
                        tiny(file("no-n.cfg", "SPECIFICATION Spec\nPROPERTY NeverBeyond\n"),
                                row("no-n\tSlow\tno-n.cfg\tpass\t0\t0\tx")),
                        "{spec}/no-n.cfg: The constant parameter N is not assigned a value by the configuration file.",
                        "run", "no-n"),
                cli("cfg naming an unknown invariant", tiny(row("unknown-inv\tCounter\tunknown-invariant.cfg\tpass\t0\t0\tx")),
                        "{spec}/unknown-invariant.cfg:2: The invariant NoSuchInv specified in the configuration file is"
                                + " not defined in the specification.", "run", "unknown-inv"),
                cli("cfg syntax error", tiny(file("syntax.cfg", "CONSTANT N 3\nSPECIFICATION Spec\n"),
                                row("syntax\tSlow\tsyntax.cfg\tpass\t0\t0\tx")),
                        "{spec}/syntax.cfg:1: It was expecting = or <-, but did not find it.", "run", "syntax"),
                cli("missing cfg", tiny(row("absent\tCounter\tabsent.cfg\tpass\t0\t0\tx")),
                        "{spec}/absent.cfg: no such file", "run", "absent"),
                // --- the manifest
                cli("manifest row with the wrong number of columns", tiny(row("short\tCounter\tpass.cfg\tpass\t4\t4")),
                        "{spec}/manifest.tsv:4: expected 7 tab-separated fields (design module cfg expected distinct depth"
                                + " description), found 6", "check"),
                cli("manifest with an unknown result kind", tiny(row("odd\tCounter\tpass.cfg\tpasses\t4\t4\tx")),
                        "{spec}/manifest.tsv:4: bad expected result 'passes' (pass, deadlock, invariant:<Name> or"
                                + " property:<Name>)", "check"),
                cli("manifest listing a design twice", tiny(row("counter-pass\tCounter\tpass.cfg\tpass\t4\t4\tagain")),
                        "{spec}/manifest.tsv:4: design 'counter-pass' is listed twice", "check").design("counter-pass"),
                cli("unknown design name", tiny(), "{spec}/manifest.tsv: unknown design 'nosuch' (known: counter-pass,"
                        + " counter-deadlock)", "run", "nosuch"),
                cli("review of a design TLC has not run on", tiny(), "{out}/runs/counter-pass/result: no TLC result for"
                        + " design counter-pass (make check runs TLC on it)", "review", "counter-pass"),
                // --- the command line: refused before any work is done
                usage("empty design name", "usage: review <design>   (make review DESIGN=<name>; make designs lists them)",
                        "review", ""),
                usage("unknown command", "unknown command 'frobnicate'; usage: designs | run <design> | review <design>"
                        + " | generate <design> | check | record [<design>] | report | deps | citations | fidelity"
                        + " | traces [--design D] [--map FILE] <kernel-dir>...  [--spec DIR] [--build DIR] [--out DIR]"
                        + " [--docs DIR]", "frobnicate"),
                usage("unknown option of record", "unknown option --dry-run; usage: record [<design>]  [--spec DIR] [--build DIR]"
                        + " [--out DIR] [--docs DIR]", "record", "--dry-run"),
                usage("unknown option of check", "unknown option -j2; usage: check  [--spec DIR] [--build DIR] [--out DIR]"
                        + " [--docs DIR]", "check", "-j2"),
                usage("unknown option of generate", "unknown option --force; usage: generate <design> "
                        + " [--spec DIR] [--build DIR] [--out DIR] [--docs DIR]", "generate", "--force", "counter-pass"),
                usage("argument check does not take", "unexpected argument 'counter-pass'; usage: check", "check",
                        "counter-pass"),
                usage("option missing its value", "option --out needs a value (a directory); usage: [--spec DIR]"
                        + " [--build DIR] [--out DIR] [--docs DIR]", "review", "counter-pass", "--out"),
                // --- data the tool or the generated suites read
                read("corrupt conformance data (an edge to no state)",
                        golden(g -> g.replace("edge\t0\t1\tLock\tt=\"a\"", "edge\t0\t99\tLock\tt=\"a\"")),
                        "{dir}/workers-pass.conformance:11: edge between undefined states"),
                read("conformance data cut short", golden(g -> String.join("\n", g.lines().limit(10).toList()) + "\n"),
                        "{dir}/workers-pass.conformance: truncated (no end line after line 10)"),
                new Case("stored result cut short (make report must not trust it)", tiny(storedResult()),
                        cli("report"), "{out}/runs/counter-deadlock/result:8: damaged result (cut short: no end line);"
                                + " remove it and make check runs TLC again", null, dir -> { })
                        .also(dir -> assertThat(dir.resolve("build/report/index.html")).doesNotExist())
                        .also(dir -> assertThat(dir.resolve("docs/report.md")).doesNotExist()),
                new Case("broken Velocity template", real(stored("cfgaccess-2011")), withBrokenTemplate(cli("generate", "cfgaccess-2011")),
                        "templates/ConformanceTest.java.vm:1:15: template error for design cfgaccess-2011: $suite has no"
                                + " property 'noSuchProperty'", null, dir -> { }),  // TLC's verdict stands: its result is kept
                // --- the build directory
                cli("read-only build directory", tiny(readOnlyBuild()),
                        "{out}: cannot create runs (permission denied)", "run", "counter-pass"),
                cli("build directory that is a file", tiny(file("../build", "not a directory\n")),
                        "{out}: is a file, where {out}/runs/counter-pass needs a directory", "run", "counter-pass")
                        .design(null).also(dir -> assertThat(dir.resolve("build")).isRegularFile()),
                new Case("run interrupted (kill) while TLC writes the graph", real(), interruptedRun("proposal-unbind-hotplug"),
                        "interrupted; nothing half-written was left (finished results were kept)",
                        "proposal-unbind-hotplug", dir -> { }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void oneLineNamingTheFileAndNothingHalfWritten(Case c, @TempDir Path dir) throws Exception {
        c.setup().in(dir);
        Outcome o = c.run().in(dir);
        assertThat(o.status()).as("exit status").isNotZero();
        List<String> lines = o.stderr().lines().toList();
        assertThat(lines).as("stderr").hasSize(1);
        String line = lines.get(0);
        assertThat(line).isEqualTo("error: " + c.expected().replace("{spec}", dir.resolve("spec").toString())
                .replace("{out}", dir.resolve("build").toString()).replace("{dir}", dir.toString()));
        assertThat(line).doesNotContain(FORBIDDEN).doesNotContainPattern(JAVA_NAME);
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.filter(p -> p.getFileName().toString().endsWith(".tmp"))).as("temporary files").isEmpty();
        }
        if (c.failedDesign() != null) {
            assertThat(dir.resolve("build/runs/" + c.failedDesign() + "/result")).as("stored result").doesNotExist();
            assertThat(dir.resolve("build/runs/" + c.failedDesign() + "/graph")).as("stored graph").doesNotExist();
        }
        assertThat(Files.exists(dir.resolve("build/generated"))).as("conformance suites").isFalse();
        c.also().accept(dir);
    }

    @Test
    void helpIsUsageAndDoesNoWork(@TempDir Path dir) throws Exception {
        tiny().in(dir);
        Outcome o = cli("record", "--help").in(dir);
        assertThat(o.status()).isZero();
        assertThat(o.stderr()).isEmpty();
        assertThat(o.stdout()).isEqualTo("usage: record [<design>]  [--spec DIR] [--build DIR] [--out DIR] [--docs DIR]\n");
        assertThat(dir.resolve("build")).doesNotExist();
    }

    // --- how a case runs

    /** The tool as bin/pcilc runs it, on the directory's spec/, build/ and docs/. */
    static Run cli(String... args) {
        return dir -> {
            List<String> all = new ArrayList<>(List.of("--spec", dir.resolve("spec").toString(), "--build",
                    dir.resolve("build/tlc").toString(), "--out", dir.resolve("build").toString(), "--docs",
                    dir.resolve("docs").toString()));
            all.addAll(List.of(args));
            return run(all);
        };
    }

    /** Cli.run with {@code args}, as bin/pcilc runs it: the status and what it printed. */
    static Outcome run(List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Cli.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Case cli(String name, Setup setup, String expected, String... args) {
        String design = args.length == 2 && !args[1].isEmpty() ? args[1] : null;
        return new Case(name, setup, cli(args), expected, design, dir -> { });
    }

    /** Bad arguments: refused before anything is built. */
    static Case usage(String name, String expected, String... args) {
        return new Case(name, tiny(), cli(args), expected, null,
                dir -> assertThat(Files.exists(dir.resolve("build"))).as("work done before the arguments were checked").isFalse());
    }

    /** The reader the generated suites use (Replay.load): its error is the line they show. */
    static Case read(String name, Setup setup, String expected) {
        return new Case(name, setup, dir -> {
            try {
                StateGraph.read(dir.resolve("workers-pass.conformance"));
                return new Outcome(0, "", "");
            } catch (GraphError e) {
                return new Outcome(1, "", "error: " + e.getMessage() + "\n");
            }
        }, expected, null, dir -> { });
    }

    /** Velocity finds the template through the thread's class loader first: this one hands it the broken one. */
    static Run withBrokenTemplate(Run run) {
        return dir -> {
            Thread me = Thread.currentThread();
            ClassLoader before = me.getContextClassLoader();
            me.setContextClassLoader(new ClassLoader(before) {
                @Override
                public InputStream getResourceAsStream(String name) {
                    try {
                        return name.equals("templates/ConformanceTest.java.vm") ? Files.newInputStream(BROKEN_TEMPLATE)
                                : super.getResourceAsStream(name);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            });
            try {
                return run.in(dir);
            } finally {
                me.setContextClassLoader(before);
            }
        };
    }

    /**
     * bin/pcilc run in a JVM of its own, killed (SIGTERM, as a CI timeout would; Ctrl-C is SIGINT, the same
     * shutdown) once TLC is writing the graph; then every process it started must be gone.
     */
    static Run interruptedRun(String design) {
        return dir -> {
            Path graphTmp = dir.resolve("build/runs/" + design + "/graph.tmp");
            Path err = dir.resolve("stderr.txt");
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                    System.getProperty("java.class.path"), "pcilc.cli.Cli", "--spec", dir.resolve("spec").toString(),
                    "--build", dir.resolve("build/tlc").toString(), "--out", dir.resolve("build").toString(), "run",
                    design).redirectError(err.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.exists(graphTmp) && p.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(graphTmp).as("TLC started writing the graph").exists();
            List<ProcessHandle> started = p.descendants().toList();
            p.destroy();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            for (ProcessHandle h : started) {
                h.onExit().get(30, TimeUnit.SECONDS);
            }
            String stderr = Files.readString(err);
            Files.delete(err);
            return new Outcome(p.exitValue(), "", stderr);
        };
    }

    // --- how a case's input is built

    /** The tiny spec (Counter and its friends) as {@code <dir>/spec}, then the changes. */
    static Setup tiny(Setup... changes) {
        return dir -> {
            pcilc.tlc.DesignRunTest.copy(TINY, dir.resolve("spec"));
            for (Setup c : changes) {
                c.in(dir);
            }
        };
    }

    /** The real spec/ as {@code <dir>/spec}, then the changes. */
    static Setup real(Setup... changes) {
        return dir -> {
            pcilc.tlc.DesignRunTest.copy(REAL, dir.resolve("spec"));
            for (Setup c : changes) {
                c.in(dir);
            }
        };
    }

    static Setup row(String tsv) {
        return dir -> Files.writeString(dir.resolve("spec/manifest.tsv"), tsv + "\n",
                java.nio.file.StandardOpenOption.APPEND);
    }

    static Setup file(String name, String text) {
        return dir -> Files.writeString(dir.resolve("spec").resolve(name).normalize(), text);
    }

    /** A copy of Counter as module {@code name}, with one line changed. */
    static Setup module(String name, String line, String changed) {
        return dir -> {
            String counter = Files.readString(TINY.resolve("Counter.tla"));
            assertThat(counter).contains(line);
            Files.writeString(dir.resolve("spec/" + name + ".tla"),
                    counter.replace("MODULE Counter", "MODULE " + name).replace(line, changed));
        };
    }

    static Setup edit(String file, String from, String to) {
        return dir -> {
            Path f = dir.resolve("spec").resolve(file);
            String text = Files.readString(f);
            assertThat(text).contains(from);
            Files.writeString(f, text.replaceFirst(Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to)));
        };
    }

    /** The generated data of the Workers spec (a golden file), changed. */
    static Setup golden(java.util.function.UnaryOperator<String> damage) {
        return dir -> {
            String good = Files.readString(GOLDEN);
            String bad = damage.apply(good);
            assertThat(bad).isNotEqualTo(good);
            Files.writeString(dir.resolve("workers-pass.conformance"), bad);
        };
    }

    /**
     * Stored runs as make leaves them: counter-pass whole, counter-deadlock (a trace of two states) cut in its
     * second message, as if the disk had filled up.
     */
    static Setup storedResult() {
        return dir -> {
            Manifest manifest = Manifest.load(dir.resolve("spec"));
            Path out = dir.resolve("build");
            DesignRun.write(out, manifest.design("counter-pass"),
                    new ModelCheck.Result("counter-pass", "pass", 4, 4, 1.0, List.of(), List.of()));
            Path file = DesignRun.result(out, "counter-deadlock");
            DesignRun.write(out, manifest.design("counter-deadlock"), new ModelCheck.Result(
                    "counter-deadlock", "deadlock", 4, 4, 1.0, List.of(), List.of("@!@!@STARTMSG 2217:4 @!@!@",
                    "1: <Initial predicate>", "x = 0", "@!@!@ENDMSG 2217 @!@!@", "@!@!@STARTMSG 2217:4 @!@!@",
                    "2: <Inc line 6, col 8 to line 6, col 26 of module Counter>", "x = 1", "@!@!@ENDMSG 2217 @!@!@")));
            List<String> lines = Files.readAllLines(file);
            Files.write(file, lines.subList(0, lines.size() - 3));
        };
    }

    /** The design's run, as make's file rule makes it before generate. */
    static Setup stored(String design) {
        return dir -> DesignRun.run(dir.resolve("spec"), dir.resolve("build/tlc"), dir.resolve("build"),
                Manifest.load(dir.resolve("spec")).design(design));
    }

    /** As root, permissions do not stop a write: the case is skipped there (the file-in-the-way case still runs). */
    static Setup readOnlyBuild() {
        return dir -> {
            Path build = Files.createDirectory(dir.resolve("build"));
            Files.setPosixFilePermissions(build, PosixFilePermissions.fromString("r-xr-xr-x"));
            assumeFalse(Files.isWritable(build), "running as root: a read-only directory is writable");
        };
    }

    static int lineOf(Path file, String text) {
        try {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).strip().equals(text)) {
                    return i + 1;
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        throw new AssertionError(file + " has no line " + text);
    }
}
