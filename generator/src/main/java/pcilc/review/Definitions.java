package pcilc.review;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import pcilc.model.AtomicFile;
import pcilc.model.ToolError;

/**
 * What a violated check says, in the spec's own text: the definition as its module has it, with the
 * comment right above it (and a helper defined right above it, as RemovalReleasedDriver is for
 * NoBindAfterRemovalStartInv): the lines from the blank line before the definition to its end. Where the
 * definition is, TLC said (SANY's location of the operator, in the swimlane view); the text is the module's.
 */
final class Definitions {
    /** {@code name} defined in {@code file} at {@code line}; {@code text}: the comment and the definition. */
    record Definition(String name, String file, int line, String text) {
        /** {@code NoDoubleRemoveInv (spec/PciCore.tla:659)}. */
        String where() {
            return name + " (" + file + ":" + line + ")";
        }
    }

    private Definitions() {
    }

    /**
     * The definitions that explain {@code result}: the violated invariant or property; for a deadlock, the
     * next-state relation and its parameterless disjuncts (Terminated: a finished system's stuttering).
     */
    static List<Definition> of(String result, View view, Path specDir) {
        List<View.Definition> found;
        if (result.equals("deadlock")) {
            found = view.definitions(List.of("next", "next-disjunct"));
        } else {
            String name = result.substring(result.indexOf(':') + 1);
            found = view.definitions(List.of("invariant", "property")).stream()
                    .filter(d -> d.name().equals(name)).limit(1).toList();
        }
        List<Definition> out = new ArrayList<>();
        for (View.Definition d : found) {
            out.add(read(specDir, d));
        }
        return out;
    }

    /** A deadlock in the spec's terms: what TLC's "deadlock" means given the next-state relation. */
    static String deadlockMeaning(List<Definition> definitions) {
        if (definitions.isEmpty()) {
            return "";
        }
        String next = "`" + definitions.get(0).name() + "`";
        if (definitions.size() == 1) {
            return "TLC's deadlock: " + next + ", the next-state relation, allows no step in this state.";
        }
        String stutter = String.join(", ", definitions.subList(1, definitions.size()).stream()
                .map(d -> "`" + d.name() + "`").toList());
        return "TLC's deadlock: " + next + ", the next-state relation, allows no step in this state. Its disjunct "
                + stutter + " is the stuttering of a system whose threads have all finished, so here some thread has"
                + " work left and none can take a step.";
    }

    static Definition read(Path specDir, View.Definition d) {
        Path module = specDir.resolve(d.module() + ".tla");
        List<String> lines;
        try {
            lines = Files.readAllLines(module, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ToolError(module + ": cannot read (" + AtomicFile.why(e) + ")");
        }
        if (d.line() < 1 || d.end() > lines.size() || d.end() < d.line()
                || !lines.get(d.line() - 1).strip().startsWith(d.name())) {
            throw new ToolError(module + ":" + d.line() + ": no definition of " + d.name() + " there (the module"
                    + " changed since TLC ran: run it again)");
        }
        int first = d.line() - 1;
        while (first > 0 && !paragraphBreak(lines.get(first - 1))) {
            first--;
        }
        return new Definition(d.name(), "spec/" + d.module() + ".tla", d.line(),
                String.join("\n", lines.subList(first, d.end())));
    }

    private static boolean paragraphBreak(String line) {
        String l = line.strip();
        return l.isEmpty() || l.startsWith("----") || l.startsWith("====");
    }
}
