package pcilc.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The format's reader: a well-formed file in full, and one line naming file and line for each kind of damage. */
class StateGraphTest {
    static final String GOOD = String.join("\n", StateGraph.MAGIC,
            "vars\tx\tpc",
            "value\t0\t0\t0",
            "value\t0\t1\t1",
            "value\t1\t0\t[a |-> \"start\"]",
            "value\t1\t1\t[a |-> \"done\"]",
            "state\t0\t0\t0",
            "init\t0",
            "state\t1\t1\t1",
            "edge\t0\t1\tInc\tt=\"a\"\tn=1",
            "design\tworkers",
            "constant\tDesign\t\"workers\"",
            "constant\tThreads\t{\"a\"}",
            "invariant\tTypeOK",
            "invariant\tSmallInv",
            "complete\tTRUE",
            "path\t1\t0",
            "end\t2\t1", "");

    static StateGraph read(String text) throws IOException {
        return StateGraph.read("g.graph", new BufferedReader(new StringReader(text)));
    }

    @Test
    void readsEveryRecord() throws IOException {
        StateGraph g = read(GOOD);
        assertThat(g.vars()).containsExactly("x", "pc");
        assertThat(g.stateCount()).isEqualTo(2);
        assertThat(g.edges()).singleElement().satisfies(e -> {
            assertThat(e.label()).isEqualTo("Inc(a, 1)");
            assertThat(e.thread()).isEqualTo("a");
        });
        assertThat(g.design()).isEqualTo("workers");
        assertThat(g.constants()).containsExactly(Map.entry("Design", "\"workers\""), Map.entry("Threads", "{\"a\"}"));
        assertThat(g.constantValues()).containsEntry("Design", "workers");
        assertThat(g.constantValues().get("Threads")).isEqualTo(java.util.Set.of("a"));
        assertThat(g.invariants()).containsExactly("TypeOK", "SmallInv");
        assertThat(g.complete()).isTrue();
        assertThat(g.paths()).singleElement().isEqualTo(List.of(g.edges().get(0)));
    }

    static Stream<Arguments> damage() {
        return Stream.of(
                Arguments.of("end\t2\t1", "end\t3\t1",
                        "g.graph:18: the end line counts 3 states and 1 edges, the file has 2 and 1"),
                Arguments.of("end\t2\t1\n", "", "g.graph: truncated (no end line after line 17)"),
                Arguments.of("edge\t0\t1\tInc", "edge\t0\t7\tInc", "g.graph:10: edge between undefined states"),
                Arguments.of("{\"a\"}\ninvariant", "{\"a\"\ninvariant", "g.graph:13: constant Threads: "),
                Arguments.of("constant\tThreads\t{\"a\"}", "constant\tDesign\t\"w\"",
                        "g.graph:13: constant Design given twice"),
                Arguments.of("invariant\tSmallInv", "invariant\tTypeOK", "g.graph:15: invariant TypeOK given twice"),
                Arguments.of("invariant\tSmallInv", "invariant", "g.graph:15: invariant needs a value"),
                Arguments.of("path\t1\t0", "path\t1\t7", "g.graph:17: no edge 7"),
                Arguments.of("design\tworkers", "desing\tworkers", "g.graph:11: unknown record \"desing\""));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("damage")
    void refusesDamageWithFileAndLine(String from, String to, String message) {
        String damaged = GOOD.replace(from, to);
        assertThat(damaged).isNotEqualTo(GOOD);
        assertThatThrownBy(() -> read(damaged)).isInstanceOf(GraphError.class).hasMessageStartingWith(message);
    }

    @Test
    void readsTheVariablesAloneAndRefusesAFileWithoutThem(@TempDir Path dir) throws IOException {
        Path good = Files.writeString(dir.resolve("good.graph"), GOOD.replace("end\t2\t1\n", ""));
        assertThat(StateGraph.vars(good)).containsExactly("x", "pc");
        Path bad = Files.writeString(dir.resolve("bad.graph"), GOOD.replace("vars\tx\tpc\n", ""));
        assertThatThrownBy(() -> StateGraph.vars(bad)).isInstanceOf(GraphError.class)
                .hasMessage(bad + ":2: no vars record after the first line");
        assertThatThrownBy(() -> StateGraph.vars(dir.resolve("none.graph"))).hasMessage(dir.resolve("none.graph")
                + ": no such file");
    }
}
