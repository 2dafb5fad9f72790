package pcilc.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import pcilc.model.TlaValue;

class CounterexampleTest {
    private static TlcOutput.Message state(String body) {
        return new TlcOutput.Message(TlcOutput.STATE_PRINT, 4, body);
    }

    @Test
    void statesActionsAndVariablesInTlcsOrder() {
        Counterexample cx = Counterexample.of(List.of(
                state("1: <Initial predicate>\n/\\ y = \"a\"\n/\\ x = 0"),
                state("2: <Inc line 6, col 8 to line 6, col 30 of module Counter>\n/\\ y = \"a\"\n/\\ x = 1")));
        assertThat(cx.states()).hasSize(2);
        assertThat(cx.states().get(0).action()).isEqualTo(Counterexample.INITIAL);
        assertThat(cx.states().get(1).action()).isEqualTo("Inc");
        assertThat(cx.states().get(1).vars().keySet()).containsExactly("y", "x");
        assertThat(cx.states().get(1).get("x")).isEqualTo(new TlaValue.Int(1));
        assertThat(cx.isLasso()).isFalse();
        assertThat(cx.stutters()).isFalse();
    }

    @Test
    void aSingleVariableHasNoConjunctionAndAWrappedValueContinues() {
        Counterexample cx = Counterexample.of(List.of(state("1: <Initial predicate>\nx = 0"),
                state("2: <Inc line 1, col 1 to line 1, col 2 of module M>\n/\\ s = [a |-> 1,\n      b |-> 2]\n/\\ x = 1")));
        assertThat(cx.states().get(0).get("x")).isEqualTo(new TlaValue.Int(0));
        assertThat(cx.states().get(1).get("s").canonical()).isEqualTo("[a |-> 1, b |-> 2]");
    }

    @Test
    void lassoAndStutter() {
        Counterexample lasso = Counterexample.of(List.of(state("1: <Initial predicate>\nx = 0"),
                new TlcOutput.Message(TlcOutput.BACK_TO_STATE, 4, "1: Back to state: <Step line 6, col 9 to line 6, col 23 of module Loop>")));
        assertThat(lasso.loopTo()).isEqualTo(1);
        assertThat(lasso.loopAction()).isEqualTo("Step");
        Counterexample stutter = Counterexample.of(List.of(state("1: <Initial predicate>\nx = 0"),
                new TlcOutput.Message(TlcOutput.STUTTER_PRINT, 4, "2: Stuttering")));
        assertThat(stutter.stutters()).isTrue();
    }

    @Test
    void aBadValueNamesTheStateAndVariable() {
        assertThatThrownBy(() -> Counterexample.of(List.of(state("1: <Initial predicate>\n/\\ x = <<1,"))))
                .isInstanceOf(ToolError.class)
                .hasMessage("TLC trace state 1, variable x: TLA+ value, column 5: expected a value, found end of text");
        assertThatThrownBy(() -> Counterexample.of(List.of(state("State one"))))
                .isInstanceOf(ToolError.class).hasMessage("TLC trace: cannot read the state header 'State one'");
    }
}
