package pcilc.model;

import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A value as TLC prints it in a state: strings, integers, booleans, sequences (also functions on 1..n),
 * records (also every other function, keyed by the key's text), sets. {@link #canonical()} is its text in
 * {@link SpecValue}'s one canonical form. Model values, which the specs do not use in states, are read as
 * strings.
 */
public sealed interface TlaValue {
    default String canonical() {
        return SpecValue.format(this);
    }

    record Str(String value) implements TlaValue {
    }

    record Int(long value) implements TlaValue {
    }

    record Bool(boolean value) implements TlaValue {
    }

    record Seq(List<TlaValue> items) implements TlaValue {
        public Seq {
            items = List.copyOf(items);
        }
    }

    /** A record, or a function: field name or the key's text (a string key without its quotes). */
    record Rec(SortedMap<String, TlaValue> fields) implements TlaValue {
        public Rec {
            fields = Collections.unmodifiableSortedMap(new TreeMap<>(fields));
        }

        public TlaValue get(String key) {
            return fields.get(key);
        }
    }

    /** A set, its elements sorted by canonical text, without duplicates. */
    record SetV(List<TlaValue> items) implements TlaValue {
        public SetV {
            items = items.stream().sorted(java.util.Comparator.comparing(TlaValue::canonical)).distinct().toList();
        }
    }
}
