package pcilc.review;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import pcilc.model.Counterexample.State;

/** A spec without threads (the tests' tiny specs): one column, the module, that takes every step. */
final class WholeSpec implements ThreadLocks {
    private final String module;

    WholeSpec(String module) {
        this.module = module;
    }

    public List<String> threads(State s) {
        return List.of(module);
    }

    public Set<String> positionVariables() {
        return Set.of();
    }

    public String position(State s, String thread) {
        return "";
    }

    public boolean hasWork(State s, String thread) {
        return false;
    }

    public List<String> holds(State s, String thread) {
        return List.of();
    }

    public Optional<Wait> needs(State s, String thread) {
        return Optional.empty();
    }

    public String stepAction() {
        return null;
    }

    public String threadSet() {
        return null;
    }

    @Override
    public String threadOf(State before, State after) {
        return module;
    }
}
