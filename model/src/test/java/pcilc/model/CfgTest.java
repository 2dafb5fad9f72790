package pcilc.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CfgTest {
    static final String MODEL = """
            \\* PROPERTY in a comment is not a section
            CONSTANTS
                Design = "x"
            SPECIFICATION Spec
            INVARIANTS A B
            PROPERTIES
                Live1 (* and PROPERTY Hidden *)
                Live2
            CHECK_DEADLOCK TRUE
            """;

    @Test
    void listsPropertiesOutsideComments() {
        assertThat(new Cfg(MODEL).properties()).containsExactly("Live1", "Live2");
    }

    @Test
    void keepsEverythingButInvariantsAndTheOtherProperties() {
        String single = new Cfg(MODEL).temporalOnly("Live2");
        assertThat(new Cfg(single).properties()).containsExactly("Live2");
        assertThat(single).contains("Design = \"x\"").contains("CHECK_DEADLOCK TRUE").doesNotContain("INVARIANT");
    }

    @Test
    void readsTheConstantsInOrderOverLinesAndSections() {
        Cfg cfg = new Cfg("""
                CONSTANTS Threads = {"a", "b"} Max = 3
                    Fids = {"PF",
                            "VF"}  \\* a comment
                CONSTANT Design = "zpci-block-v3"
                SPECIFICATION Spec
                """);
        assertThat(cfg.constants().keySet()).containsExactly("Threads", "Max", "Fids", "Design");
        assertThat(cfg.constants().values()).map(v -> v.replaceAll("\\s+", " "))
                .containsExactly("{\"a\", \"b\"}", "3", "{\"PF\", \"VF\"}", "\"zpci-block-v3\"");
    }

    @Test
    void leavesOutASubstitutedDefinition() {
        Cfg cfg = new Cfg("CONSTANTS Max = 3\n    PutReturn <- ZPutReturn\n    Fids = {\"PF\"}\nSPECIFICATION Spec\n");
        assertThat(cfg.constants()).containsExactly(java.util.Map.entry("Max", "3"), java.util.Map.entry("Fids", "{\"PF\"}"));
    }

    @Test
    void assignmentsAndNamesKeepTheirLinesAcrossComments() {
        Cfg cfg = new Cfg("""
                (* a comment
                   over two lines: Fake = 1 *)
                CONSTANTS Threads = {"a"} \\* Hidden = 2
                    Max <- MaxDef
                INVARIANT Inv
                """);
        assertThat(cfg.assignments()).containsExactly(new Cfg.Assignment("Threads", 3), new Cfg.Assignment("Max", 4));
        assertThat(cfg.lineOf("Inv")).isEqualTo(5);
        assertThat(cfg.lineOf("Fake")).isZero();
    }
}
