package pcilc.ref;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The documented counterexamples of the two small modules (spec/CfgAccess.tla: seed 003, two sysfs resets
 * hit the BUG; spec/XenPirq.tla: seed 002, the NVMe probes share a stale cached pirq), recorded from TLC in
 * src/test/resources/traces and driven through the step scheduler: after every step the snapshot equals
 * TLC's state variable by variable (as SpecValue prints them) and the thread TLC moved is progressing; the
 * run ends in the spec's failure. The same operations then complete cleanly in the fixed design.
 */
class SmallModulesInterleavingTest {

    @ParameterizedTest(name = "{0}: TLC's counterexample replays step by step, same failure")
    @CsvSource({"cfgaccess-2011", "xen-pirq-cached"})
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
                s.step(step.thread());
                assertSameState(i, step.action(), k, step.state());
                if (i < last) {
                    assertThat(k.violatedInvariants()).as("step %d %s: invariants", i, step.action()).isEmpty();
                }
            }
            String inv = trace.error().substring("invariant:".length());
            assertThat(k.violatedInvariants()).as("invariants after the trace").startsWith(inv);
        }
    }

    static void assertSameState(int i, String action, SpecSystem k, Map<String, Object> expected) {
        Map<String, Object> actual = k.snapshot();
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(actual.keySet()).as("step %d %s: variables", i, action).isEqualTo(expected.keySet());
        for (String var : expected.keySet()) {
            soft.assertThat(SpecValue.format(actual.get(var))).as("step %d %s: %s", i, action, var)
                    .isEqualTo(SpecValue.format(expected.get(var)));
        }
        soft.assertAll();
    }

    /** Runs the trace's threads in {@code design}, preferring the trace's thread order; the scheduler's verdict. */
    static String runPreferringTraceOrder(String traceDesign, String design) {
        TlcTrace trace = TlcTrace.load(traceDesign);
        SpecSystem k = Systems.create(design);
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
                List<String> broken = k.violatedInvariants();
                if (!broken.isEmpty()) {
                    return "invariant:" + broken.get(0);
                }
            }
            return "pass";
        }
    }

    @ParameterizedTest(name = "{0}'s operations complete cleanly in {1}")
    @CsvSource({"cfgaccess-2011, cfgaccess-lock", "xen-pirq-cached, xen-pirq-fresh"})
    void fixedDesignCompletes(String buggy, String fixed) {
        assertThat(runPreferringTraceOrder(buggy, fixed)).isEqualTo("pass");
        assertThat(runPreferringTraceOrder(buggy, buggy)).isEqualTo(SpecDesign.of(buggy).expected());
    }
}
