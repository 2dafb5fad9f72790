package pcilc.tlc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import pcilc.model.Manifest;
import pcilc.model.TlcOutput;
import pcilc.model.ToolError;

/** The runner on a tiny spec of its own: every result kind, and every kind of bad input. */
class ModelCheckTest {
    static final Path TINY = Path.of("src/test/resources/tiny");
    final ModelCheck checker = new ModelCheck(TINY, Path.of("target/tlc-test"));

    private ModelCheck.Result run(String module, String cfg) {
        return checker.run(new Manifest.Design("tiny-" + cfg.replace(".cfg", ""), module, cfg, "pass", 0, 0, ""),
                item -> { });
    }

    @Test
    void passCountsStatesAndDepth() {
        ModelCheck.Result r = run("Counter", "pass.cfg");
        assertThat(r.result()).isEqualTo("pass");
        assertThat(r.distinct()).isEqualTo(4);
        assertThat(r.depth()).isEqualTo(4);
        assertThat(r.exitStatus()).isZero();
        assertThat(r.trace()).isEmpty();
    }

    @Test
    void invariantViolationIsNamedAndTraced() {
        ModelCheck.Result r = run("Counter", "invariant.cfg");
        assertThat(r.result()).isEqualTo("invariant:BelowTwoInv");
        assertThat(r.exitStatus()).isEqualTo(12);
        assertThat(r.trace()).hasSize(3);
        assertThat(r.trace().get(2).body()).contains("Inc").contains("x = 2");
    }

    @Test
    void deadlockIsReported() {
        ModelCheck.Result r = run("Counter", "deadlock.cfg");
        assertThat(r.result()).isEqualTo("deadlock");
        assertThat(r.exitStatus()).isEqualTo(11);
        assertThat(r.trace()).hasSize(4);
    }

    @Test
    @DisplayName("of several temporal properties, the violated one is named")
    void temporalPropertyIsNamed() {
        ModelCheck.Result r = run("Counter", "property.cfg");
        assertThat(r.result()).isEqualTo("property:ReachesFive");
        assertThat(r.exitStatus()).isEqualTo(13);
        assertThat(run("Counter", "property-first.cfg").result()).isEqualTo("property:ReachesFive");
    }

    @Test
    @DisplayName("a liveness violation is reported after the whole state space, however slow the machine")
    void temporalPropertyIsCheckedOnTheCompleteStateSpace() {
        ModelCheck.Result r = run("Slow", "slow-property.cfg");
        assertThat(r.result()).isEqualTo("property:NeverBeyond");
        assertThat(r.distinct()).isEqualTo(6001);
        assertThat(r.depth()).isEqualTo(6001);
    }

    @Test
    void temporalVerdictOnAPartialStateSpaceIsRefused() {
        TlcOutput out = new TlcOutput(item -> { });
        List.of("@!@!@STARTMSG 2192:0 @!@!@",
                "Checking 1 branches of temporal properties for the current state space with 3952 total distinct states",
                "@!@!@ENDMSG 2192 @!@!@").forEach(out::accept);
        Path cfg = TINY.resolve("slow-property.cfg");
        assertThatThrownBy(() -> ModelCheck.requireCompleteStateSpace(out, cfg))
                .isInstanceOf(ToolError.class)
                .hasMessageStartingWith(cfg + ": TLC reported a temporal violation before it had explored");
    }

    @Test
    void parseErrorNamesFileLineAndColumn() {
        assertThatThrownBy(() -> run("Broken", "pass.cfg"))
                .isInstanceOf(ToolError.class)
                .hasMessageStartingWith(TINY.toAbsolutePath().normalize().resolve("Broken.tla") + ":6:1: parse error")
                .hasMessageNotContaining("\n");
    }

    @Test
    void semanticErrorNamesFileLineAndColumn() {
        assertThatThrownBy(() -> run("Undefined", "pass.cfg"))
                .isInstanceOf(ToolError.class)
                .hasMessage(TINY.toAbsolutePath().normalize().resolve("Undefined.tla") + ":4:9: Unknown operator: `y'.");
    }

    @Test
    void cfgErrorNamesTheCfg() {
        assertThatThrownBy(() -> run("Counter", "unknown-invariant.cfg"))
                .isInstanceOf(ToolError.class)
                .hasMessageStartingWith(TINY.toAbsolutePath().normalize().resolve("unknown-invariant.cfg") + ":2: ")
                .hasMessageContaining("NoSuchInv")
                .hasMessageNotContaining("\n");
    }

    @Test
    void missingFilesAreNamed() {
        assertThatThrownBy(() -> run("Counter", "absent.cfg"))
                .isInstanceOf(ToolError.class)
                .hasMessage(TINY.toAbsolutePath().normalize().resolve("absent.cfg") + ": no such file");
        assertThatThrownBy(() -> run("Absent", "pass.cfg"))
                .isInstanceOf(ToolError.class)
                .hasMessage(TINY.toAbsolutePath().normalize().resolve("Absent.tla") + ": no such file");
    }
}
