package pcilc.tlc;

import java.util.List;
import java.util.SortedMap;
import java.util.stream.Collectors;

/**
 * A TLA+ value as TLC computes it, in the form the conformance graph stores and compares. Records and
 * functions are one kind (TLC's records are functions on strings); a function on 1..n is a sequence, as
 * in TLC. {@link #canonical()} is the text the Java reference implementation's snapshot prints the same way
 * (conformance: pcilc.ref.SpecValue).
 */
public sealed interface TlaValue {
    /** Strings quoted, TRUE/FALSE, integers, {@code <<a, b>>}, {@code [k |-> v]} sorted by key, sets sorted. */
    String canonical();

    record Str(String value) implements TlaValue {
        public String canonical() {
            return '"' + value + '"';
        }
    }

    record Int(long value) implements TlaValue {
        public String canonical() {
            return Long.toString(value);
        }
    }

    record Bool(boolean value) implements TlaValue {
        public String canonical() {
            return value ? "TRUE" : "FALSE";
        }
    }

    /** A sequence, a tuple, or a function on 1..n. */
    record Seq(List<TlaValue> elements) implements TlaValue {
        public String canonical() {
            return elements.stream().map(TlaValue::canonical).collect(Collectors.joining(", ", "<<", ">>"));
        }
    }

    /** A record, or a function whose domain is not 1..n; keys are printed without quotes. Never empty. */
    record Rec(SortedMap<String, TlaValue> fields) implements TlaValue {
        public String canonical() {
            return fields.entrySet().stream().map(e -> e.getKey() + " |-> " + e.getValue().canonical())
                    .collect(Collectors.joining(", ", "[", "]"));
        }
    }

    record SetV(List<TlaValue> elements) implements TlaValue {
        public String canonical() {
            return elements.stream().map(TlaValue::canonical).sorted().collect(Collectors.joining(", ", "{", "}"));
        }
    }
}
