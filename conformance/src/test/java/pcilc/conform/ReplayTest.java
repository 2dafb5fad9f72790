package pcilc.conform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import pcilc.model.StateGraph;

/**
 * The harness checks the invariants the data lists (the cfg's, in its order), no more: cfgaccess-2011's
 * generated data (TLC's counterexample to NoBugInv: reset2's second pci_block_user_cfg_access() hits the
 * BUG_ON) replayed as generated, and copies with its invariant records edited.
 */
class ReplayTest {
    static final String DESIGN = "cfgaccess-2011";

    static String data() {
        try (InputStream in = Replay.class.getResourceAsStream("/pcilc/generated/" + DESIGN + ".conformance")) {
            if (in == null) {
                Replay.load(DESIGN);  // the missing-data line
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Replay replay(String text) throws IOException {
        return Replay.of(StateGraph.read(DESIGN + ".conformance (edited)", new BufferedReader(new StringReader(text))));
    }

    @Test
    void replaysTheCounterexampleAsGenerated() throws IOException {
        assertThat(data()).contains("invariant\tNoBugInv\n");
        replay(data()).counterexample();
    }

    @Test
    void anInvariantTheDataLeavesOutIsNotChecked() throws IOException {
        // The implementation sees the BUG_ON (its NoBugInv fails there); with NoBugInv no longer among the
        // cfg's invariants the harness does not count it, so TLC's NoBugInv at the end of the trace is not met.
        String without = data().replace("invariant\tNoBugInv\n", "");
        assertThatThrownBy(() -> replay(without).counterexample()).isInstanceOf(AssertionError.class)
                .hasMessageContaining("after TLC's trace: the cfg's invariants that fail")
                .hasMessageContaining("NoBugInv");
    }

    @Test
    void anInvariantTheImplementationDoesNotKnowIsOneLine() throws IOException {
        String unknown = data().replace("invariant\tTypeOK\n", "invariant\tTypeOK\ninvariant\tNoSuchInv\n");
        assertThatThrownBy(() -> replay(unknown).counterexample()).isInstanceOf(AssertionError.class)
                .hasMessage(DESIGN + ".conformance (edited): the cfg's invariant NoSuchInv is not one the "
                        + "implementation of cfgaccess-2011 checks (invariants() and violatedInvariants() of "
                        + "conformance/src/main/java/pcilc/ref/cfgaccess/CfgAccessSystem.java)");
    }

    @Test
    void missingDataIsOneLineNamingTheFileAndTheCommand() {
        assertThatThrownBy(() -> Replay.load("no-such-design")).hasMessage(
                "build/generated/conformance/resources/pcilc/generated/no-such-design.conformance: no such file; "
                        + "make generate DESIGN=no-such-design writes it");
    }
}
