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
 * with TLC's status; the graph file appears (complete, with its end line) only when TLC ran to a verdict.
 */
public final class GraphMain {
    private GraphMain() {
    }

    public static void main(String[] args) throws Exception {
        Path graph = Path.of(args[0]);
        String[] tlcArgs = java.util.Arrays.copyOfRange(args, 1, args.length);
        Path tmp = graph.resolveSibling(graph.getFileName() + ".tmp");
        tmp.toFile().deleteOnExit();  // stopped by a signal: no half graph left (a normal end halts, moved or deleted it)
        int status;
        try (BufferedWriter out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            out.write(StateGraph.MAGIC + "\n");
            GraphWriter writer = new GraphWriter(out);
            TLC tlc = new TLC();
            if (!tlc.handleParameters(tlcArgs)) {
                System.exit(1);
            }
            Field f = TLC.class.getDeclaredField("stateWriter");
            f.setAccessible(true);
            f.set(tlc, (IStateWriter) writer);
            status = tlc2.output.EC.ExitStatus.errorConstantToExitStatus(tlc.process());
            out.write("end\t" + writer.states() + "\t" + writer.edges() + "\n");
        }
        if (status <= tlc2.output.EC.ExitStatus.VIOLATION_ASSERT) {
            Files.move(tmp, graph, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } else {
            Files.deleteIfExists(tmp);
        }
        System.out.flush();
        Runtime.getRuntime().halt(status);
    }
}
