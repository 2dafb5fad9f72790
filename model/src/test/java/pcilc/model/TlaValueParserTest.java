package pcilc.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TlaValueParserTest {
    private static TlaValue.Str s(String v) {
        return new TlaValue.Str(v);
    }

    @Nested
    @DisplayName("reads what TLC prints")
    class Values {
        @Test
        void scalars() {
            assertThat(TlaValueParser.parse("\"remove_store\"")).isEqualTo(s("remove_store"));
            assertThat(TlaValueParser.parse(" -12 ")).isEqualTo(new TlaValue.Int(-12));
            assertThat(TlaValueParser.parse("TRUE")).isEqualTo(new TlaValue.Bool(true));
            assertThat(TlaValueParser.parse("FALSE")).isEqualTo(new TlaValue.Bool(false));
            assertThat(TlaValueParser.parse("\"a \\\"q\\\" \\\\ b\"")).isEqualTo(s("a \"q\" \\ b"));
        }

        @Test
        void aRecordIsSortedByField() {
            TlaValue v = TlaValueParser.parse("[owner |-> \"remove_store\", depth |-> 1]");
            assertThat(v).isEqualTo(new TlaValue.Rec(new TreeMap<>(Map.of("owner", s("remove_store"),
                    "depth", new TlaValue.Int(1)))));
            assertThat(v.canonical()).isEqualTo("[depth |-> 1, owner |-> \"remove_store\"]");
        }

        @Test
        void aFunctionIsARecordKeyedByTheKeysText() {
            TlaValue f = TlaValueParser.parse("(\"VF\" :> FALSE @@ \"PF\" :> TRUE)");
            assertThat(f).isEqualTo(TlaValueParser.parse("[PF |-> TRUE, VF |-> FALSE]"));
            assertThat(TlaValueParser.parse("(0 :> \"a\" @@ 7 :> \"b\")").canonical()).isEqualTo("[0 |-> \"a\", 7 |-> \"b\"]");
        }

        @Test
        void sequencesSetsAndNesting() {
            TlaValue v = TlaValueParser.parse("[remove_store |-> <<[proc |-> \"remove_store\", pc |-> \"entry\"]>>, "
                    + "unbind_store |-> <<>>]");
            assertThat(((TlaValue.Rec) v).get("unbind_store")).isEqualTo(new TlaValue.Seq(List.of()));
            assertThat(((TlaValue.Seq) ((TlaValue.Rec) v).get("remove_store")).items()).hasSize(1);
            assertThat(TlaValueParser.parse("{\"b\", \"a\", \"b\"}").canonical()).isEqualTo("{\"a\", \"b\"}");
            assertThat(TlaValueParser.parse("{}")).isEqualTo(new TlaValue.SetV(List.of()));
            assertThat(TlaValueParser.parse("<<<<\"PF\", \"0x0304\">>>>").canonical()).isEqualTo("<<<<\"PF\", \"0x0304\">>>>");
            assertThat(TlaValueParser.parse("1..3").canonical()).isEqualTo("{1, 2, 3}");
        }

        @Test
        void aModelValueIsReadAsAString() {
            assertThat(TlaValueParser.parse("[owner |-> none]")).isEqualTo(TlaValueParser.parse("[owner |-> \"none\"]"));
        }

        @Test
        void canonicalTextReadsBackToTheSameValue() {
            String text = "[a |-> <<1, -2, TRUE>>, b |-> {\"x\", \"y\"}, c |-> [d |-> \"e\"]]";
            TlaValue v = TlaValueParser.parse(text);
            assertThat(v.canonical()).isEqualTo(text);
            assertThat(TlaValueParser.parse(v.canonical())).isEqualTo(v);
        }
    }

    @Nested
    @DisplayName("bad input is one line naming the column and what was expected")
    class BadInput {
        private void rejects(String text, String message) {
            assertThatThrownBy(() -> TlaValueParser.parse(text)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(message).hasMessageNotContaining("\n");
        }

        @Test
        void unterminated() {
            rejects("\"abc", "TLA+ value, column 1: expected a closing '\"' for the string, found '\"abc'");
            rejects("<<1, 2", "TLA+ value, column 7: expected ',' or '>>', found end of text");
            rejects("[a |-> 1", "TLA+ value, column 9: expected ',' or ']', found end of text");
        }

        @Test
        void malformed() {
            rejects("[a = 1]", "TLA+ value, column 4: expected '|->', found '= 1]'");
            rejects("(1 :> 2 3)", "TLA+ value, column 9: expected '@@' or ')', found '3)'");
            rejects("1 2", "TLA+ value, column 3: expected end of value, found '2'");
            rejects("", "TLA+ value, column 1: expected a value, found end of text");
            rejects("[a |-> 1, a |-> 2]", "TLA+ value, column 11: expected a field name not seen before, not 'a' again, found 'a |-> 2]'");
            rejects("99999999999999999999", "TLA+ value, column 1: expected an integer that fits in 64 bits, found '999999999999'");
        }

        @Test
        void aLineBreakInTheInputStaysOutOfTheMessage() {
            rejects("<<1,\n?>>", "TLA+ value, column 6: expected a value, found '?>>'");
        }
    }
}
