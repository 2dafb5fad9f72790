package pcilc.gen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pcilc.model.StateGraph;

class PathCoverTest {
    @TempDir
    Path dir;

    /** A graph of n states (one variable) with the given edges "from>to", state 0 initial. */
    StateGraph graph(int n, String... edges) throws IOException {
        StringBuilder b = new StringBuilder(StateGraph.MAGIC + "\nvars\tx\n");
        for (int s = 0; s < n; s++) {
            b.append("value\t0\t").append(s).append('\t').append(s).append("\nstate\t").append(s).append("\t")
                    .append(s).append('\n');
        }
        b.append("init\t0\n");
        for (String e : edges) {
            String[] ft = e.split(">");
            b.append("edge\t").append(ft[0]).append('\t').append(ft[1]).append("\tStep\tt=\"a\"\n");
        }
        b.append("end\t").append(n).append('\t').append(edges.length).append('\n');
        Path f = dir.resolve("g.graph");
        Files.writeString(f, b);
        return StateGraph.read(f);
    }

    @Test
    void aDiamondBeforeAChain() throws IOException {
        // 0→1→3, 0→2→3, 3→4→5→6: one path takes the chain, the other stops where it joins: 5 + 2 steps.
        PathCover.Result r = PathCover.of(graph(7, "0>1", "0>2", "1>3", "2>3", "3>4", "4>5", "5>6"));
        assertThat(r.lowerBound()).isEqualTo(7);
        assertThat(r.steps()).isEqualTo(7);
        assertThat(r.paths()).hasSize(2);
    }

    @Test
    void pathsAreWalksFromTheInitialStateThatTakeEveryEdge() throws IOException {
        // A chain 0→1→2→3→4 with shortcuts 0→2 and 1→3.
        PathCover.Result r = PathCover.of(graph(5, "0>1", "1>2", "2>3", "3>4", "0>2", "1>3"));
        assertThat(r.steps()).isEqualTo(r.lowerBound());
        assertThat(r.dfsSteps()).isGreaterThanOrEqualTo(r.steps());
        assertThat(r.paths().stream().flatMap(List::stream).map(StateGraph.Edge::id).distinct().count()).isEqualTo(6);
        for (List<StateGraph.Edge> p : r.paths()) {
            assertThat(p.get(0).from()).isZero();
            for (int i = 1; i < p.size(); i++) {
                assertThat(p.get(i).from()).isEqualTo(p.get(i - 1).to());
            }
        }
    }

    @Test
    void aCycleIsSplicedIntoAPath() throws IOException {
        // 0→1→2→1 (a cycle back to 1), 2→3: every edge once, in one path: 0→1→2→1→2→3 covers all 4 with 5 steps.
        PathCover.Result r = PathCover.of(graph(4, "0>1", "1>2", "2>1", "2>3"));
        assertThat(r.lowerBound()).isEqualTo(5);
        assertThat(r.steps()).isEqualTo(5);
        assertThat(r.paths()).hasSize(1);
    }

    @Test
    void aSelfLoopCostsOneStepInAPathThatPassesItsState() throws IOException {
        // A failed retry: 1→1 changes nothing but is a step of the code.
        PathCover.Result r = PathCover.of(graph(3, "0>1", "1>1", "1>2"));
        assertThat(r.lowerBound()).isEqualTo(3);
        assertThat(r.steps()).isEqualTo(3);
        assertThat(r.paths()).hasSize(1);
        assertThat(r.paths().get(0)).extracting(StateGraph.Edge::to).containsExactly(1, 1, 2);
    }

    @Test
    void fanOut() throws IOException {
        PathCover.Result r = PathCover.of(graph(4, "0>1", "0>2", "0>3"));
        assertThat(r.steps()).isEqualTo(3);
        assertThat(r.paths()).hasSize(3);
        assertThat(r.dfsPaths()).isEqualTo(3);
        assertThat(r.dfsSteps()).isEqualTo(3);
    }
}
