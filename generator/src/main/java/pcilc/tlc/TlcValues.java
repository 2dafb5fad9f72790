package pcilc.tlc;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import tlc2.value.IValue;
import tlc2.value.impl.BoolValue;
import tlc2.value.impl.FcnRcdValue;
import tlc2.value.impl.IntValue;
import tlc2.value.impl.IntervalValue;
import tlc2.value.impl.ModelValue;
import tlc2.value.impl.RecordValue;
import tlc2.value.impl.SetEnumValue;
import tlc2.value.impl.StringValue;
import tlc2.value.impl.TupleValue;
import tlc2.value.impl.Value;

/**
 * TLC's values as the Java values of the conformance snapshot (String, Long, Boolean, List, sorted Map, Set),
 * so that pcilc.model.SpecValue prints both sides (runs inside the TLC process, on the values TLC computed).
 */
final class TlcValues {
    private TlcValues() {
    }

    static Object of(IValue iv) {
        Value v = (Value) iv;
        if (v instanceof StringValue s) {
            return s.getVal().toString();
        }
        if (v instanceof ModelValue m) {
            return m.val.toString();
        }
        if (v instanceof IntValue i) {
            return (long) i.val;
        }
        if (v instanceof BoolValue b) {
            return b.getVal();
        }
        if (v instanceof TupleValue t) {
            return seq(t.elems);
        }
        if (v instanceof RecordValue r) {
            if (r.names.length == 0) {
                return List.of();
            }
            TreeMap<String, Object> fields = new TreeMap<>();
            for (int i = 0; i < r.names.length; i++) {
                fields.put(r.names[i].toString(), of(r.values[i]));
            }
            return fields;
        }
        if (v instanceof FcnRcdValue f) {
            return function(f);
        }
        if (v instanceof SetEnumValue s) {
            Set<Object> elems = new LinkedHashSet<>();
            for (int i = 0; i < s.elems.size(); i++) {
                elems.add(of(s.elems.elementAt(i)));
            }
            return elems;
        }
        if (v instanceof IntervalValue iv2) {
            Set<Object> elems = new LinkedHashSet<>();
            for (int i = iv2.low; i <= iv2.high; i++) {
                elems.add((long) i);
            }
            return elems;
        }
        // Lazy values (a function constructor, SUBSET, ...): TLC's normal forms.
        Value fcn = v.toFcnRcd();
        if (fcn != null && fcn != v) {
            return of(fcn);
        }
        Value set = v.toSetEnum();
        if (set != null && set != v) {
            return of(set);
        }
        throw new IllegalArgumentException("no conformance form for the TLC value " + v + " (" + v.getClass().getSimpleName() + ")");
    }

    private static Object seq(Value[] elems) {
        List<Object> out = new ArrayList<>(elems.length);
        for (Value e : elems) {
            out.add(of(e));
        }
        return out;
    }

    private static Object function(FcnRcdValue f) {
        f.normalize();
        if (f.intv != null) {
            if (f.intv.low == 1 || f.intv.size() == 0) {
                return seq(f.values);
            }
            TreeMap<String, Object> fields = new TreeMap<>();
            for (int i = 0; i < f.values.length; i++) {
                fields.put(Integer.toString(f.intv.low + i), of(f.values[i]));
            }
            return fields;
        }
        if (f.domain.length == 0) {
            return List.of();
        }
        boolean oneToN = true;
        for (int i = 0; i < f.domain.length; i++) {
            oneToN &= f.domain[i] instanceof IntValue n && n.val == i + 1;
        }
        if (oneToN) {
            return seq(f.values);
        }
        TreeMap<String, Object> fields = new TreeMap<>();
        for (int i = 0; i < f.domain.length; i++) {
            Object key = of(f.domain[i]);
            fields.put(key instanceof String s ? s : pcilc.model.SpecValue.format(key), of(f.values[i]));
        }
        return fields;
    }
}
