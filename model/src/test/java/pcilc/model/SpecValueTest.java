package pcilc.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SpecValueTest {

    @Test
    void printsTheCanonicalFormOfTlcValues() {
        Map<String, Object> rec = new LinkedHashMap<>();
        rec.put("owner", "none");
        rec.put("depth", 0L);
        assertThat(SpecValue.format(rec)).isEqualTo("[depth |-> 0, owner |-> \"none\"]");
        assertThat(SpecValue.format(List.of(List.of("PF", "0x0304"), 3))).isEqualTo("<<<<\"PF\", \"0x0304\">>, 3>>");
        assertThat(SpecValue.format(Set.of("b", "a"))).isEqualTo("{\"a\", \"b\"}");
        assertThat(SpecValue.format(Map.of())).isEqualTo("<<>>");
        assertThat(SpecValue.format(List.of(true, false))).isEqualTo("<<TRUE, FALSE>>");
    }

    @Test
    void aParsedValueAndItsJavaValuePrintTheSame() {
        for (String text : List.of("[b |-> {\"y\", \"x\"}, a |-> <<1, TRUE>>]", "(2 :> \"q\" @@ 1 :> \"p\")", "<<>>",
                "\"say \\\"hi\\\" \\\\ bye\"", "1..3")) {
            TlaValue parsed = TlaValueParser.parse(text);
            assertThat(SpecValue.format(parsed)).as(text).isEqualTo(SpecValue.format(TlcText.parseValue(text)))
                    .isEqualTo(parsed.canonical());
            assertThat(TlaValueParser.parse(parsed.canonical())).as("read back: " + text).isEqualTo(parsed);
        }
        assertThat(SpecValue.format("say \"hi\"")).isEqualTo("\"say \\\"hi\\\"\"");
    }

    @Test
    void refusesValuesTheSpecCannotHave() {
        assertThatThrownBy(() -> SpecValue.format(1.5)).hasMessageContaining("java.lang.Double");
    }
}
