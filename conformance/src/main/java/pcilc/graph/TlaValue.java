package pcilc.graph;

import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A value as TLC prints it in a state: strings, integers, booleans, sequences (also functions on 1..n),
 * records (also every other function, keyed by the key's text), sets. {@link #canonical()} is one text
 * per value: strings quoted, records and functions {@code [k |-> v]} sorted by key (the empty one is
 * {@code <<>>}, as TLC prints it), sets sorted by canonical text. Model values, which the specs do not
 * use in states, are read as strings.
 */
public sealed interface TlaValue {
    String canonical();

    record Str(String value) implements TlaValue {
        public String canonical() {
            return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
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

    record Seq(List<TlaValue> items) implements TlaValue {
        public Seq {
            items = List.copyOf(items);
        }

        public String canonical() {
            return items.stream().map(TlaValue::canonical).collect(Collectors.joining(", ", "<<", ">>"));
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

        public String canonical() {
            if (fields.isEmpty()) {
                return "<<>>";
            }
            return fields.entrySet().stream().map(e -> e.getKey() + " |-> " + e.getValue().canonical())
                    .collect(Collectors.joining(", ", "[", "]"));
        }
    }

    record SetV(List<TlaValue> items) implements TlaValue {
        public SetV {
            items = items.stream().sorted(java.util.Comparator.comparing(TlaValue::canonical)).distinct().toList();
        }

        public String canonical() {
            return items.stream().map(TlaValue::canonical).collect(Collectors.joining(", ", "{", "}"));
        }
    }
}
