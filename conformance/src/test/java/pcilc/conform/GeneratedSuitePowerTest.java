package pcilc.conform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * The generated suites have teeth: a suite that covers its graph, run (EngineTestKit) against the code of a
 * buggy design on the suite's own model (same threads and constants), fails; against its own design's code
 * it passes. zpci-mainline's suite (22,644 tests since issue 17's function handles, about 150 s a run) runs
 * only with -Dpcilc.bigPower=true (measured in session 10: 17,337 of 22,644 fail against zpci-pre-reuse;
 * session 7, on the 11,875-test suite: pre-dupput and pre-selfdelete 4954, pre-serialize 8380); zpci-block-v3's
 * suite stands for the zPCI suites in the default run.
 */
class GeneratedSuitePowerTest {

    record Counts(long started, long failed) {
    }

    static Counts run(String suite, String implementation) {
        Class<?> test;
        try {
            test = Class.forName("pcilc.generated." + suite);
        } catch (ClassNotFoundException e) {
            throw new AssertionError(suite + " was not generated: make generate (make test does)", e);
        }
        String before = System.getProperty(Replay.IMPLEMENTATION);
        System.setProperty(Replay.IMPLEMENTATION, implementation);
        try {
            EngineExecutionResults r = EngineTestKit.engine("junit-jupiter").selectors(selectClass(test)).execute();
            Events tests = r.testEvents();
            return new Counts(tests.started().count(), tests.failed().count());
        } finally {
            if (before == null) {
                System.clearProperty(Replay.IMPLEMENTATION);
            } else {
                System.setProperty(Replay.IMPLEMENTATION, before);
            }
        }
    }

    @ParameterizedTest(name = "{0} against the code of {1}: fails")
    @CsvSource({
        "NechitaV11ConformanceTest, nechita-v10",
        "NechitaV11ConformanceTest, nechita-v9",
        "NechitaV11ConformanceTest, sriov-mutex",
        "ProposalUnbindHotplugConformanceTest, nechita-v11-hotplug",
        "CfgaccessLockConformanceTest, cfgaccess-2011",
        "CfgaccessLockConformanceTest, cfgaccess-blockcount",
        "XenPirqFreshConformanceTest, xen-pirq-cached",
        "ZpciBlockV3ConformanceTest, zpci-sriov-deadlock",
    })
    void failsAgainstABuggyDesign(String suite, String buggy) {
        Counts s = run(suite, buggy);
        System.out.printf("power suite=%s implementation=%s tests=%d failed=%d%n", suite, buggy, s.started(), s.failed());
        assertThat(s.failed()).as("tests of %s that fail against %s", suite, buggy).isPositive();
    }

    @org.junit.jupiter.api.Test
    void zpciMainlineSuiteFailsAgainstPreReuse() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Boolean.getBoolean("pcilc.bigPower"),
                "zpci-mainline's suite (about 150 s a run): -Dpcilc.bigPower=true");
        failsAgainstABuggyDesign("ZpciMainlineConformanceTest", "zpci-pre-reuse");
    }

    @ParameterizedTest(name = "{0} against its own design's code: passes")
    @CsvSource({"NechitaV11ConformanceTest, nechita-v11", "XenPirqFreshConformanceTest, xen-pirq-fresh"})
    void passesAgainstItsOwnDesign(String suite, String design) {
        Counts s = run(suite, design);
        assertThat(s.started()).isPositive();
        assertThat(s.failed()).isZero();
    }
}
