package pcilc.review;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The swimlane as an SVG sequence diagram, drawn as text: a lifeline per thread, a box per step with
 * the action, a coloured bar beside the lifeline for each lock while the thread holds it, a dashed arrow
 * from a waiting thread to the lock's holder, and the deadlock cycle in red. Deterministic: the same
 * swimlane gives the same bytes.
 */
final class SequenceDiagram {
    private static final int LEFT = 64;
    private static final int COL = 240;
    private static final int TOP = 96;
    private static final int ROW = 34;
    private static final int CHANGES = 560;
    private static final String FONT = "DejaVu Sans, Arial, Helvetica, sans-serif";
    /** Lock colours, handed out in order of first appearance. */
    private static final String[] PALETTE = {"#1f77b4", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2",
        "#17becf", "#bcbd22"};
    private static final String RED = "#d62728";

    private SequenceDiagram() {
    }

    static String render(Swimlane s) {
        int n = s.threads.size();
        int rows = s.rows.size() + (s.trace.stutters() ? 1 : 0);
        Map<String, String> colours = lockColours(s);
        int legendLines = colours.isEmpty() ? 0 : colours.size() + 1;
        List<String> footer = footer(s);
        int width = LEFT + n * COL + CHANGES;
        List<Swimlane.WaitFor> band = s.result.equals("deadlock") ? deadlockEdges(s) : List.of();
        int bandHeight = band.isEmpty() ? 0 : 30 + band.size() * 30;
        int bodyBottom = TOP + rows * ROW + bandHeight;
        footer = wrap(footer, (width - 24) / 7);
        int height = bodyBottom + 30 + footer.size() * 18 + 16 + legendLines * 18 + 10;
        StringBuilder b = new StringBuilder();
        b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"")
                .append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" font-family=\"").append(FONT).append("\" font-size=\"12\">\n");
        b.append("<title>").append(xml(s.design + ": " + s.result)).append("</title>\n");
        b.append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\"")
                .append(" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#555\"/></marker>")
                .append("<marker id=\"arrow-red\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\"")
                .append(" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"")
                .append(RED).append("\"/></marker></defs>\n");
        b.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        text(b, 12, 24, s.design + " → " + s.result, "font-size=\"17\" font-weight=\"bold\"");
        text(b, 12, 44, shorten(s.description, 190), "fill=\"#444\"");

        // Row bands, numbers, the violating row.
        for (int r = 0; r < rows; r++) {
            int y = TOP + r * ROW;
            Swimlane.Row row = r < s.rows.size() ? s.rows.get(r) : null;
            boolean last = r == rows - 1;
            String fill = r % 2 == 0 ? "#f7f7f7" : "white";
            if (last && s.result.equals("deadlock")) {
                fill = "#fde0e0";
            } else if (last && s.result.startsWith("invariant:")) {
                fill = "#fff0d9";
            }
            rect(b, 0, y, width, ROW, fill, null);
            String label = row == null ? "∞" : row.backTo() > 0 ? "↩" + row.backTo() : Integer.toString(row.index());
            text(b, LEFT - 12, y + 21, label, "text-anchor=\"end\" fill=\"#666\"");
        }
        // Column heads and lifelines.
        for (int i = 0; i < n; i++) {
            int x = centre(i);
            b.append("<line x1=\"").append(x).append("\" y1=\"").append(TOP - 12).append("\" x2=\"").append(x)
                    .append("\" y2=\"").append(bodyBottom).append("\" stroke=\"#999\" stroke-dasharray=\"4 3\"/>\n");
            rect(b, x - COL / 2 + 10, 58, COL - 20, 26, "#e8eef7", "#5b7db1");
            text(b, x, 76, s.threads.get(i), "text-anchor=\"middle\" font-weight=\"bold\"");
        }
        text(b, LEFT + n * COL + 10, 76, "changed variables", "font-weight=\"bold\"");

        lockBars(b, s, colours);
        for (int r = 0; r < s.rows.size(); r++) {
            Swimlane.Row row = s.rows.get(r);
            int y = TOP + r * ROW;
            for (int i = 0; i < n; i++) {
                Swimlane.Cell c = row.cells().get(s.threads.get(i));
                if (c.action() != null) {
                    stepBox(b, centre(i), y, c);
                } else if (r == 0 && c.position() != null && !c.position().isEmpty()) {
                    text(b, centre(i), y + 21, shorten(c.position(), 34), "text-anchor=\"middle\" fill=\"#555\" font-size=\"11\"");
                }
            }
            waits(b, s, row, y);
            String changes = String.join("; ", row.changes());
            if (r == 0) {
                changes = "initial state";
            } else if ("?".equals(row.thread())) {
                changes = row.action() + " (thread not known): " + changes;
            }
            String shown = shorten(changes, 74);
            b.append("<text x=\"").append(LEFT + n * COL + 10).append("\" y=\"").append(y + 21)
                    .append("\" font-size=\"11\" font-family=\"DejaVu Sans Mono, monospace\">");
            if (!shown.equals(changes)) {
                b.append("<title>").append(xml(changes)).append("</title>");
            }
            b.append(xml(shown)).append("</text>\n");
        }
        if (s.trace.stutters()) {
            text(b, LEFT + n * COL + 10, TOP + s.rows.size() * ROW + 21, "stutters: no step from here on",
                    "font-style=\"italic\"");
        }
        if (!band.isEmpty()) {
            deadlockBand(b, s, band, TOP + rows * ROW, width);
        }
        if (s.trace.isLasso()) {
            int from = TOP + (s.trace.loopTo() - 1) * ROW + ROW / 2;
            int to = TOP + (s.rows.size() - 1) * ROW + ROW / 2;
            b.append("<path d=\"M16,").append(to).append(" H8 V").append(from).append(" H20\" fill=\"none\" stroke=\"")
                    .append(RED).append("\" stroke-width=\"2\" marker-end=\"url(#arrow-red)\"/>\n");
            b.append("<text x=\"4\" y=\"").append((from + to) / 2).append("\" fill=\"").append(RED)
                    .append("\" font-size=\"10\" transform=\"rotate(-90 4 ").append((from + to) / 2)
                    .append(")\" text-anchor=\"middle\">loops back</text>\n");
        }
        // Footer: the verdict and the cycle, then the lock legend.
        int y = bodyBottom + 28;
        for (String line : footer) {
            text(b, 12, y, line, line.startsWith("Wait-for") ? "fill=\"" + RED + "\" font-weight=\"bold\"" : "");
            y += 18;
        }
        y += 10;
        if (!colours.isEmpty()) {
            text(b, 12, y, "Locks (bars left of a lifeline while the thread holds the lock):", "fill=\"#444\"");
        }
        for (Map.Entry<String, String> e : colours.entrySet()) {
            y += 18;
            rect(b, 14, y - 11, 6, 14, e.getValue(), null);
            text(b, 28, y, e.getKey(), "");
        }
        return b.append("</svg>\n").toString();
    }

    private static List<String> footer(Swimlane s) {
        List<String> lines = new ArrayList<>();
        lines.add(s.verdict().replace("**", "").replace("`", ""));
        if (!s.cycle.isEmpty()) {
            lines.add("Wait-for cycle: " + s.cycleText().replace("`", ""));
        }
        s.otherWaitTexts().forEach(t -> lines.add(t.replace("`", "")));
        return lines;
    }

    private static int centre(int column) {
        return LEFT + column * COL + COL / 2;
    }

    private static Map<String, String> lockColours(Swimlane s) {
        Map<String, String> colours = new LinkedHashMap<>();
        for (Swimlane.Row row : s.rows) {
            for (String t : s.threads) {
                for (String lock : row.cells().get(t).holds()) {
                    colours.computeIfAbsent(baseLock(lock), k -> PALETTE[colours.size() % PALETTE.length]);
                }
            }
        }
        return colours;
    }

    /** The lock without its depth: one bar for the reentrant rescan lock at any depth. */
    private static String baseLock(String lock) {
        int depth = lock.indexOf(" (depth ");
        return depth < 0 ? lock : lock.substring(0, depth);
    }

    /** A bar per held lock, left of the lifeline, from the row it is taken to the row it is released. */
    private static void lockBars(StringBuilder b, Swimlane s, Map<String, String> colours) {
        List<String> locks = new ArrayList<>(colours.keySet());
        for (int i = 0; i < s.threads.size(); i++) {
            String t = s.threads.get(i);
            for (String lock : locks) {
                int slot = locks.indexOf(lock) % 6;
                int start = -1;
                for (int r = 0; r <= s.rows.size(); r++) {
                    boolean held = r < s.rows.size() && s.rows.get(r).cells().get(t).holds().stream()
                            .anyMatch(h -> baseLock(h).equals(lock));
                    if (held && start < 0) {
                        start = r;
                    } else if (!held && start >= 0) {
                        int x = centre(i) - COL / 2 + 6 + slot * 8;
                        b.append("<rect x=\"").append(x).append("\" y=\"").append(TOP + start * ROW + 3)
                                .append("\" width=\"6\" height=\"").append((r - start) * ROW - 6).append("\" rx=\"2\" fill=\"")
                                .append(colours.get(lock)).append("\"><title>").append(xml(t + " holds " + lock))
                                .append("</title></rect>\n");
                        start = -1;
                    }
                }
            }
        }
    }

    private static void stepBox(StringBuilder b, int x, int y, Swimlane.Cell c) {
        int w = COL - 56;
        String where = (c.returned() ? "returned" : c.position())
                + (c.waits() != null ? "; waits " + c.waits().lock() : "");
        b.append("<g><title>").append(xml(c.action() + " → " + where)).append("</title>");
        rect(b, x - w / 2, y + 4, w, ROW - 8, c.returned() ? "#eeeeee" : "#dcebff", c.waits() != null ? RED : "#3b6fb6");
        String label = c.action();
        // Long action names are squeezed into the box rather than cut.
        String fit = label.length() * 6.6 > w - 8 ? " textLength=\"" + (w - 8) + "\" lengthAdjust=\"spacingAndGlyphs\"" : "";
        text(b, x, y + 21, label, "text-anchor=\"middle\" font-size=\"11\" font-weight=\"bold\"" + fit);
        b.append("</g>\n");
    }

    /** A waiting thread's lifeline says what it waits for; an acting one gets a red border on its box. */
    private static void waits(StringBuilder b, Swimlane s, Swimlane.Row row, int y) {
        for (int i = 0; i < s.threads.size(); i++) {
            Swimlane.Cell c = row.cells().get(s.threads.get(i));
            if (c.waits() == null || c.action() != null) {
                continue;
            }
            String holders = c.waits().holders().isEmpty() ? "nobody" : String.join(", ", c.waits().holders());
            String label = "waits " + c.waits().lock();
            int w = COL - 56;
            b.append("<g><title>").append(xml(s.threads.get(i) + " " + label + ", held by " + holders)).append("</title>");
            b.append("<rect x=\"").append(centre(i) - w / 2).append("\" y=\"").append(y + 6).append("\" width=\"").append(w)
                    .append("\" height=\"").append(ROW - 12).append("\" rx=\"5\" fill=\"white\" stroke=\"").append(RED)
                    .append("\" stroke-dasharray=\"4 2\"/>\n");
            String fit = label.length() * 5.6 > w - 8 ? " textLength=\"" + (w - 8) + "\" lengthAdjust=\"spacingAndGlyphs\"" : "";
            text(b, centre(i), y + 21, label, "text-anchor=\"middle\" font-size=\"10\" fill=\"" + RED + "\"" + fit);
            b.append("</g>\n");
        }
    }

    /** The wait-for edges of the last state, those on the cycle first. */
    private static List<Swimlane.WaitFor> deadlockEdges(Swimlane s) {
        List<Swimlane.WaitFor> edges = new ArrayList<>(s.cycle);
        for (Swimlane.WaitFor e : s.otherWaits) {
            if (e.to() != null) {
                edges.add(e);
            }
        }
        return edges;
    }

    /** Below the last step: one labelled arrow per wait-for edge, waiter to holder; red on the cycle. */
    private static void deadlockBand(StringBuilder b, Swimlane s, List<Swimlane.WaitFor> edges, int top, int width) {
        rect(b, 0, top, width, 30 + edges.size() * 30, "#fde0e0", null);
        text(b, 12, top + 19, s.cycle.isEmpty() ? "deadlock: who waits for whom" : "deadlock: the wait-for cycle",
                "fill=\"" + RED + "\" font-weight=\"bold\"");
        for (int k = 0; k < edges.size(); k++) {
            Swimlane.WaitFor e = edges.get(k);
            boolean onCycle = s.cycle.contains(e);
            String colour = onCycle ? RED : "#555";
            int i = s.threads.indexOf(e.from());
            int j = s.threads.indexOf(e.to());
            int ay = top + 48 + k * 30;
            String label = e.from() + " waits " + e.lock() + ", held by " + e.to();
            if (i == j) {
                // Waiting for itself: a loop on its own lifeline.
                int x = centre(i);
                b.append("<path d=\"M").append(x).append(',').append(ay - 10).append(" h 40 v 12 h -36\" fill=\"none\" stroke=\"")
                        .append(colour).append("\" stroke-width=\"2.5\" marker-end=\"url(#arrow-red)\"/>\n");
                text(b, x + 46, ay, label, "font-size=\"11\" fill=\"" + colour + "\"");
                continue;
            }
            int x1 = centre(i);
            int x2 = centre(j) + (j > i ? -4 : 4);
            b.append("<circle cx=\"").append(x1).append("\" cy=\"").append(ay).append("\" r=\"4\" fill=\"").append(colour)
                    .append("\"/>\n");
            b.append("<line x1=\"").append(x1).append("\" y1=\"").append(ay).append("\" x2=\"").append(x2).append("\" y2=\"")
                    .append(ay).append("\" stroke=\"").append(colour).append("\" stroke-width=\"").append(onCycle ? 2.5 : 1.2)
                    .append("\" marker-end=\"url(#").append(onCycle ? "arrow-red" : "arrow").append(")\"/>\n");
            text(b, (x1 + x2) / 2, ay - 6, "waits " + e.lock(), "text-anchor=\"middle\" font-size=\"11\" fill=\"" + colour + "\"");
        }
    }

    /** Greedy word wrap at {@code max} characters. */
    private static List<String> wrap(List<String> lines, int max) {
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            StringBuilder current = new StringBuilder();
            for (String word : line.split(" ")) {
                if (current.length() > 0 && current.length() + 1 + word.length() > max) {
                    out.add(current.toString());
                    current.setLength(0);
                    current.append("  ");
                }
                if (current.length() > 0 && !current.toString().isBlank()) {
                    current.append(' ');
                }
                current.append(word);
            }
            out.add(current.toString());
        }
        return out;
    }

    private static void rect(StringBuilder b, int x, int y, int w, int h, String fill, String stroke) {
        b.append("<rect x=\"").append(x).append("\" y=\"").append(y).append("\" width=\"").append(w)
                .append("\" height=\"").append(h).append("\" rx=\"").append(stroke == null ? 0 : 5).append("\" fill=\"")
                .append(fill).append('"');
        if (stroke != null) {
            b.append(" stroke=\"").append(stroke).append('"');
        }
        b.append("/>\n");
    }

    private static void text(StringBuilder b, int x, int y, String text, String attributes) {
        b.append("<text x=\"").append(x).append("\" y=\"").append(y).append('"');
        if (!attributes.isEmpty()) {
            b.append(' ').append(attributes);
        }
        b.append('>').append(xml(text)).append("</text>\n");
    }

    private static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
