package pcilc.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestTest {
    @TempDir
    Path dir;

    private Manifest load(String... lines) throws IOException {
        Files.writeString(dir.resolve(Manifest.FILE), String.join("\n", lines) + "\n");
        return Manifest.load(dir);
    }

    @Test
    void readsRowsInOrderAndSkipsComments() throws IOException {
        Manifest m = load("# comment", "b\tM\tb.cfg\tdeadlock\t5\t3\tsecond", "", "a\tM\ta.cfg\tinvariant:FooInv\t7\t2\tfirst");
        assertThat(m.designs()).extracting(Manifest.Design::name).containsExactly("b", "a");
        assertThat(m.design("a").expected()).isEqualTo("invariant:FooInv");
        assertThat(m.design("a").distinct()).isEqualTo(7);
    }

    @Test
    void badRowsAreReportedWithFileAndLine() {
        String file = dir.resolve(Manifest.FILE).toString();
        assertThatThrownBy(() -> load("a\tM\ta.cfg\tpass\t1\t1"))
                .hasMessage(file + ":1: expected 7 tab-separated fields (design module cfg expected distinct depth"
                        + " description), found 6");
        assertThatThrownBy(() -> load("# c", "a\tM\ta.cfg\tfails\t1\t1\tx"))
                .hasMessageStartingWith(file + ":2: bad expected result 'fails'");
        assertThatThrownBy(() -> load("a\tM\ta.cfg\tpass\tmany\t1\tx"))
                .hasMessage(file + ":1: distinct must be a whole number, not 'many'");
        assertThatThrownBy(() -> load("a\tM\ta.cfg\tpass\t1\t1\tx", "a\tM\ta.cfg\tpass\t1\t1\tx"))
                .hasMessage(file + ":2: design 'a' is listed twice");
        assertThatThrownBy(() -> load("# only comments")).hasMessage(file + ": no designs");
    }

    @Test
    void unknownDesignListsTheKnownOnes() throws IOException {
        Manifest m = load("a\tM\ta.cfg\tpass\t1\t1\tx", "b\tM\tb.cfg\tpass\t1\t1\ty");
        assertThatThrownBy(() -> m.design("c"))
                .isInstanceOf(ToolError.class)
                .hasMessage(dir.resolve(Manifest.FILE) + ": unknown design 'c' (known: a, b)");
    }

    @Test
    void writeCountsChangesOnlyTheCounts() throws IOException {
        Manifest m = load("# keep me", "a\tM\ta.cfg\tpass\t1\t1\tdesc a", "b\tM\tb.cfg\tdeadlock\t2\t2\tdesc b");
        m.writeCounts(Map.of("b", new long[] {40, 9}));
        assertThat(Files.readString(dir.resolve(Manifest.FILE)))
                .isEqualTo("# keep me\na\tM\ta.cfg\tpass\t1\t1\tdesc a\nb\tM\tb.cfg\tdeadlock\t40\t9\tdesc b\n");
    }
}
