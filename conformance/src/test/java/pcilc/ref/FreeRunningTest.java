package pcilc.ref;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import pcilc.ref.systems.Systems;

/**
 * Free-running threads without Lincheck (PCI core, zPCI, XenPirq): plain JVM threads, whose steps are made
 * atomic by the system's step lock ({@link StepAtomicity.Lock}) instead of Lincheck's ignored sections.
 * Each design fails here if that lock does nothing (checked by hand: a hang or a broken invariant).
 */
class FreeRunningTest {

    /**
     * These designs pass in every interleaving (TLC), so every run of their threads must end with all of
     * them finished and no invariant or property violated, whatever the JVM's scheduling; an invariant
     * checked on a half-done step of another thread would show up as a violation.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"zpci-block-v3", "nechita-v11", "proposal-unbind-hotplug", "xen-pirq-fresh"})
    void plainThreadsRunAtomicStepsToTheEnd(String design) throws InterruptedException {
        SpecDesign d = SpecDesign.of(design);
        for (int run = 0; run < 20; run++) {
            SpecSystemBase k = (SpecSystemBase) SpecDesign.system(d.design());
            k.checkInvariantsAtStepPoints(k.invariants());
            d.threads().forEach(k::task);
            List<Thread> threads = new ArrayList<>();
            for (String n : d.threads()) {
                threads.add(new Thread(() -> k.runThread(n), n));
            }
            threads.forEach(Thread::start);
            for (Thread t : threads) {
                t.join(60_000);
                assertThat(t.isAlive()).as("thread %s of run %d hangs", t.getName(), run).isFalse();
            }
            assertThat(k.tasks().values()).as("run %d", run).allMatch(Task::finished);
            assertThat(k.violations()).as("run %d", run).isEmpty();
            assertThat(k.violatedAtTermination()).as("run %d", run).isEmpty();
        }
    }
}
