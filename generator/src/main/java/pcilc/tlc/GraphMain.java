package pcilc.tlc;

import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import tlc2.TLC;
import tlc2.util.IStateWriter;
import pcilc.model.StateGraph;

/**
 * The TLC process with the graph writer installed: {@code GraphMain <graph file> <TLC arguments>}. Exits
 * with TLC's status; the graph file and, next to it, the swimlane view ({@link #viewFile}, {@link ViewWriter})
 * appear (complete, with their end lines) only when TLC ran to a verdict. A swimlane operator of the spec
 * that is missing or fails is the view's error (the review reports it; the graph does not need the view).
 */
public final class GraphMain {
    private GraphMain() {
    }

    /** The swimlane view written with {@code graph}: {@code x.graph} -> {@code x.view}. */
    public static Path viewFile(Path graph) {
        return graph.resolveSibling(graph.getFileName().toString().replaceFirst("\\.graph$", "") + ".view");
    }

    /**
     * Ends the JVM in every case: TLC leaves non-daemon threads behind (RMI's), so a failure thrown out of main
     * kept it waiting for ever (seen when two test JVMs wrote the same run directory).
     */
    public static void main(String[] args) {
        try {
            write(args);
        } catch (Throwable t) {
            System.out.println("pcilc graph writer: " + t);
            System.exit(1);  // runs the deleteOnExit of the half-written files
        }
    }

    private static void write(String[] args) throws Exception {
        Path graph = Path.of(args[0]);
        Path view = viewFile(graph);
        String[] tlcArgs = java.util.Arrays.copyOfRange(args, 1, args.length);
        Path tmp = graph.resolveSibling(graph.getFileName() + ".tmp");
        Path viewTmp = view.resolveSibling(view.getFileName() + ".tmp");
        tmp.toFile().deleteOnExit();  // stopped by a signal: no half graph left (a normal end halts, moved or deleted it)
        viewTmp.toFile().deleteOnExit();
        int status;
        ViewWriter views;
        try (BufferedWriter out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8);
             BufferedWriter viewOut = Files.newBufferedWriter(viewTmp, StandardCharsets.UTF_8)) {
            out.write(StateGraph.MAGIC + "\n");
            views = new ViewWriter(viewOut);
            ViewWriter v = views;
            GraphWriter writer = new GraphWriter(out, (s, id) -> v.state(id, s));
            TLC tlc = new TLC();
            if (!tlc.handleParameters(tlcArgs)) {
                System.exit(1);
            }
            Field f = TLC.class.getDeclaredField("stateWriter");
            f.setAccessible(true);
            f.set(tlc, (IStateWriter) writer);
            status = tlc2.output.EC.ExitStatus.errorConstantToExitStatus(tlc.process());
            if (status == tlc2.output.EC.ExitStatus.VIOLATION_SAFETY) {
                writer.unfinished().forEach((id, s) -> v.steps(id, s));
            }
            out.write("end\t" + writer.states() + "\t" + writer.edges() + "\n");
            views.end(writer.states());
        }
        if (status <= tlc2.output.EC.ExitStatus.VIOLATION_ASSERT) {
            // the view first: a graph on disk has its view
            Files.move(viewTmp, view, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Files.move(tmp, graph, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } else {
            Files.deleteIfExists(tmp);
            Files.deleteIfExists(viewTmp);
        }
        System.out.flush();
        Runtime.getRuntime().halt(status);
    }
}
