package pcilc.ref;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Free-running zPCI threads without Lincheck: plain JVM threads, whose steps are made atomic by the
 * kernel's step lock ({@link StepAtomicity.Lock}) instead of Lincheck's ignored sections.
 */
class FreeRunningTest {

    /**
     * zpci-block-v3 passes in every interleaving (TLC), so every run of its threads must end with all of
     * them finished and no invariant or property violated, whatever the JVM's scheduling; an invariant
     * checked on a half-done step of another thread would show up as a violation.
     */
    @Test
    void plainThreadsRunAtomicStepsToTheEnd() throws InterruptedException {
        SpecDesign d = SpecDesign.of("zpci-block-v3");
        for (int run = 0; run < 20; run++) {
            ZpciKernel k = (ZpciKernel) Systems.create(d.design());
            k.checkInvariantsAtStepPoints(true);
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
