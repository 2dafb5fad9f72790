package pcilc.ref;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The documented buggy interleaving of each failing design (TLC's counterexample, kept in
 * src/test/resources/traces), driven through the step scheduler: after every step the snapshot equals
 * TLC's state variable by variable, and the implementation fails the way the spec does. The same
 * operations then run cleanly in nechita-v11.
 */
class DocumentedInterleavingTest {

    @ParameterizedTest(name = "{0}: TLC's counterexample replays step by step, same failure")
    @ValueSource(strings = {"sriov-unlocked", "sriov-mutex", "nechita-v9", "nechita-v10", "nechita-v11-hotplug",
            "zpci-pre-reuse", "zpci-pre-serialize", "zpci-pre-selfdelete", "zpci-pre-dupput", "zpci-sriov-deadlock",
            "zpci-block-v3-hotplug"})
    void replaysTheCounterexample(String design) {
        TlcTrace trace = TlcTrace.load(design);
        SpecSystem k = Systems.create(design);
        try (StepScheduler s = new StepScheduler(k)) {
            s.startAll(trace.threads());
            assertSameState(0, "Init", k, trace.steps().get(0).state());
            int last = trace.steps().size() - 1;
            for (int i = 1; i <= last; i++) {
                TlcTrace.Step step = trace.steps().get(i);
                assertThat(s.state(step.thread()).action()).as("step %d: next action of %s", i, step.thread())
                        .isEqualTo(step.action());
                assertThat(s.canProgress(step.thread())).as("step %d %s enabled", i, step.action()).isTrue();
                s.step(step.thread(), step.choices());
                assertSameState(i, step.action(), k, step.state());
                if (i < last) {
                    assertThat(k.violatedInvariants()).as("step %d %s: invariants", i, step.action()).isEmpty();
                }
            }
            if (trace.error().equals("deadlock")) {
                assertThat(s.hung()).as("hang after the trace: %s", s.states()).isTrue();
                assertThat(k.violatedInvariants()).isEmpty();
            } else {
                String inv = trace.error().substring("invariant:".length());
                assertThat(k.violatedInvariants()).containsExactly(inv);
            }
        }
    }

    @Test
    @DisplayName("zpci-mainline: the stale-0x0301 lasso replays step by step and ends with nothing left to do, "
            + "the platform in standby and Linux holding the function CONFIGURED (StandbyEventuallyUsable fails)")
    @SuppressWarnings("unchecked")
    void mainlineStaleConfigureReplays() {
        TlcTrace trace = TlcTrace.load("zpci-mainline");
        assertThat(trace.error()).isEqualTo("property");
        ZpciKernel k = (ZpciKernel) Systems.create("zpci-mainline");
        try (StepScheduler s = new StepScheduler(k)) {
            s.startAll(trace.threads());
            assertSameState(0, "Init", k, trace.steps().get(0).state());
            for (int i = 1; i < trace.steps().size(); i++) {
                TlcTrace.Step step = trace.steps().get(i);
                assertThat(s.state(step.thread()).action()).as("step %d: next action of %s", i, step.thread())
                        .isEqualTo(step.action());
                s.step(step.thread(), step.choices());
                assertSameState(i, step.action(), k, step.state());
                assertThat(k.violatedInvariants()).as("step %d %s: invariants", i, step.action()).isEmpty();
            }
            // TLC's lasso ends in stuttering: nothing can move, which is termination, not a hang
            assertThat(s.progressing()).isEmpty();
            assertThat(k.terminated()).isTrue();
            assertThat(s.hung()).isFalse();
            Map<String, Object> end = k.snapshot();
            assertThat((Map<String, Object>) end.get("pstate")).containsEntry("PF", "Standby");
            assertThat(k.zpci.slotZdev("PF").state).isEqualTo(ZpciState.CONFIGURED);
            // neither power value recovers: power=1 needs STANDBY, power=0's SCLP deconfigure fails
            assertThat(k.platform.sclpDeconfigure("PF")).isFalse();
        }
    }

    static void assertSameState(int i, String action, SpecSystem k, Map<String, Object> expected) {
        Map<String, Object> actual = k.snapshot();
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(actual.keySet()).as("step %d %s: variables", i, action).isEqualTo(expected.keySet());
        for (String var : expected.keySet()) {
            soft.assertThat(actual.get(var)).as("step %d %s: %s", i, action, var).isEqualTo(expected.get(var));
        }
        soft.assertAll();
    }

    /** Runs the trace's threads in {@code design}, preferring the trace's thread order; returns the scheduler's verdict. */
    static String runPreferringTraceOrder(String traceDesign, Design design) {
        TlcTrace trace = TlcTrace.load(traceDesign);
        Kernel k = new Kernel(design);
        try (StepScheduler s = new StepScheduler(k)) {
            s.startAll(trace.threads());
            List<String> order = trace.steps().stream().skip(1).map(TlcTrace.Step::thread).toList();
            int i = 0;
            while (!s.allFinished()) {
                if (s.hung()) {
                    return "deadlock";
                }
                String preferred = i < order.size() ? order.get(i) : null;
                i++;
                String t = preferred != null && s.canProgress(preferred) ? preferred : s.progressing().get(0);
                s.step(t);
                List<String> broken = Invariants.violated(k);
                if (!broken.isEmpty()) {
                    return "invariant:" + broken.get(0);
                }
            }
            return "pass";
        }
    }

    @ParameterizedTest(name = "{0}: the same operations complete cleanly in nechita-v11")
    @ValueSource(strings = {"sriov-unlocked", "sriov-mutex", "nechita-v9", "nechita-v10"})
    void fixedDesignCompletes(String design) {
        assertThat(runPreferringTraceOrder(design, Design.NECHITA_V11)).isEqualTo("pass");
        assertThat(runPreferringTraceOrder(design, Design.bySpecName(design))).isNotEqualTo("pass");
    }

    @Test
    @DisplayName("nechita-v11-hotplug is v11's code: no design of the matrix fixes it, v11 hangs the same way")
    void hotplugLimitationHasNoFix() {
        assertThat(runPreferringTraceOrder("nechita-v11-hotplug", Design.NECHITA_V11)).isEqualTo("deadlock");
    }
}
