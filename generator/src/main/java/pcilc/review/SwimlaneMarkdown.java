package pcilc.review;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The swimlane as a Markdown page (GitHub tables; cells break lines with {@code <br>}). */
final class SwimlaneMarkdown {
    private SwimlaneMarkdown() {
    }

    /** {@code svgLink}: where the same counterexample's picture is, relative to the page. */
    static String render(Swimlane s, String model, String svgLink) {
        StringBuilder b = new StringBuilder();
        b.append("# Counterexample: `").append(s.design).append("` → `").append(s.result).append("`\n\n");
        b.append(escape(s.description)).append("\n\n");
        b.append("Model: ").append(model).append(". Picture: [").append(svgLink).append("](").append(svgLink)
                .append(").\n\n");
        b.append("One column per thread, one row per step (state `n` is the state after the step). The thread that")
                .append(" stepped shows the action it took, **bold** (the kernel function the step executes), and")
                .append(" → where it is now (`function(device):label`). Every thread shows the locks it holds and")
                .append(" what it waits for after the step (it has work left and no step in TLC's state graph), as")
                .append(" the spec's swimlane operators name them. The last column has only the variables that")
                .append(" changed.\n\n");
        b.append(s.verdict()).append('\n');
        if (s.result.equals("deadlock") && !s.definitions.isEmpty()) {
            b.append('\n').append(Definitions.deadlockMeaning(s.definitions)).append('\n');
        }
        for (Definitions.Definition d : s.definitions) {
            b.append("\n`").append(d.name()).append("` in ").append(d.file()).append(':').append(d.line())
                    .append(":\n\n```tla\n").append(d.text()).append("\n```\n");
        }
        if (!s.cycle.isEmpty()) {
            b.append("\n**Wait-for cycle:** ").append(s.cycleText()).append('\n');
        }
        for (String other : s.otherWaitTexts()) {
            b.append("\nAlso: ").append(other).append('\n');
        }
        b.append('\n');
        b.append("| # |");
        for (String t : s.threads) {
            b.append(" `").append(t).append("` |");
        }
        b.append(" changed |\n|---:|");
        b.append(" --- |".repeat(s.threads.size())).append(" --- |\n");
        int loopStart = s.trace.isLasso() ? s.trace.loopTo() : -1;
        for (Swimlane.Row row : s.rows) {
            String number = row.backTo() > 0 ? "↩ " + row.backTo()
                    : row.index() == loopStart ? row.index() + " ⟲" : Integer.toString(row.index());
            b.append("| ").append(number).append(" |");
            for (String t : s.threads) {
                b.append(' ').append(cell(row, row.cells().get(t))).append(" |");
            }
            List<String> changes = new ArrayList<>();
            if (row.thread() == null && row.index() == 1) {
                changes.add("initial state (below)");
            } else if ("?".equals(row.thread())) {
                changes.add("**`" + row.action() + "`** (thread not known)");
            }
            row.changes().forEach(c -> changes.add(code(c)));
            b.append(' ').append(String.join("<br>", changes)).append(" |\n");
        }
        if (s.trace.stutters()) {
            b.append("| ∞ |").append(" |".repeat(s.threads.size())).append(" stutters: no step from here on |\n");
        }
        if (s.trace.isLasso()) {
            b.append("\n↩ ").append(s.trace.loopTo()).append(": the last step leads back to state ")
                    .append(s.trace.loopTo()).append(" (marked ⟲); the behaviour repeats that loop forever.\n");
        }
        b.append("\n<details><summary>Initial state (state 1, as TLC printed it)</summary>\n\n```tla\n");
        for (Map.Entry<String, String> e : s.trace.states().get(0).text().entrySet()) {
            b.append("/\\ ").append(e.getKey()).append(" = ").append(e.getValue()).append('\n');
        }
        b.append("```\n\n</details>\n");
        return b.toString();
    }

    private static String cell(Swimlane.Row row, Swimlane.Cell c) {
        List<String> parts = new ArrayList<>();
        if (c.action() != null) {
            parts.add("**" + code(c.action()) + "**");
            if (c.returned()) {
                parts.add("→ returned");
            } else if (!c.position().isEmpty()) {
                parts.add("→ " + code(c.position()));
            }
        } else if (row.index() == 1 && row.backTo() == 0 && c.position() != null && !c.position().isEmpty()) {
            parts.add("at " + code(c.position()));
        }
        if (!c.holds().isEmpty()) {
            parts.add("holds " + String.join(", ", c.holds().stream().map(SwimlaneMarkdown::code).toList()));
        }
        if (c.waits() != null) {
            String by = c.waits().holders().isEmpty() ? "held by nobody"
                    : "held by " + String.join(", ", c.waits().holders().stream().map(SwimlaneMarkdown::code).toList());
            parts.add("**waits** " + code(c.waits().lock()) + ", " + by);
        }
        return String.join("<br>", parts);
    }

    /** A code span; a '|' would end the table cell, a backtick the span. */
    static String code(String text) {
        String t = text.replace("|", "\\|");
        return t.contains("`") ? "`` " + t + " ``" : "`" + t + "`";
    }

    static String escape(String text) {
        return text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;");
    }
}
