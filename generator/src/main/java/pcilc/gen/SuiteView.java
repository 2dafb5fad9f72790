package pcilc.gen;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import pcilc.model.StateGraph.Edge;
import pcilc.model.StateGraph;

/**
 * What the conformance-suite template prints for one design: the class, its tests and their display
 * names. All decisions are made here; the template only loops and prints.
 */
public final class SuiteView {
    /** Tests per (nested) class: keeps each class file far below the JVM's constant-pool limit. */
    static final int TESTS_PER_CLASS = 1000;

    /** One generated test: a path of the cover, or the counterexample. */
    public record TestView(String method, String displayName, String call) {
        public String getMethod() {
            return method;
        }

        public String getDisplayName() {
            return displayName;
        }

        public String getCall() {
            return call;
        }
    }

    /** A class of tests: the top-level class holds the first part, nested classes the rest. */
    public record PartView(String name, String displayName, List<TestView> tests) {
        public String getName() {
            return name;
        }

        public String getDisplayName() {
            return displayName;
        }

        public List<TestView> getTests() {
            return tests;
        }
    }

    private final String design;
    private final String className;
    private final String source;
    private final String summary;
    private final List<TestView> firstPart;
    private final List<PartView> nestedParts = new ArrayList<>();

    SuiteView(String design, String source, StateGraph g) {
        this.design = design;
        this.className = className(design);
        this.source = source;
        List<TestView> tests = new ArrayList<>();
        StateGraph.Trace trace = g.trace();
        if (trace != null) {
            tests.add(new TestView("counterexample", javaString("TLC's counterexample, " + trace.result() + ": "
                    + labels(trace.steps())), "counterexample()"));
        }
        int n = 0;
        for (List<Edge> p : g.paths()) {
            n++;
            tests.add(new TestView(String.format("path%05d", n), javaString("path " + n + " (" + p.size()
                    + " steps): " + labels(p)), "path(" + n + ")"));
        }
        this.summary = javaString(design + ": " + g.stateCount() + " states, " + g.edges().size() + " edges, "
                + g.paths().size() + " paths" + (trace != null ? ", TLC's counterexample" : ""));
        this.firstPart = tests.subList(0, Math.min(TESTS_PER_CLASS, tests.size()));
        for (int from = TESTS_PER_CLASS, part = 2; from < tests.size(); from += TESTS_PER_CLASS, part++) {
            int to = Math.min(from + TESTS_PER_CLASS, tests.size());
            nestedParts.add(new PartView("Part" + part, "tests " + (from + 1) + " to " + to, tests.subList(from, to)));
        }
    }

    /** nechita-v11 → NechitaV11ConformanceTest. */
    static String className(String design) {
        StringBuilder b = new StringBuilder();
        for (String part : design.split("[^A-Za-z0-9]+")) {
            if (!part.isEmpty()) {
                b.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return b + "ConformanceTest";
    }

    private static String labels(List<Edge> steps) {
        return steps.isEmpty() ? "the initial state" : steps.stream().map(Edge::label).collect(Collectors.joining(" → "));
    }

    /** The text as the inside of a Java string literal. */
    private static String javaString(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    public String getDesign() {
        return design;
    }

    public String getClassName() {
        return className;
    }

    public String getSource() {
        return source;
    }

    public String getSummary() {
        return summary;
    }

    public List<TestView> getTests() {
        return firstPart;
    }

    public List<PartView> getParts() {
        return nestedParts;
    }
}
