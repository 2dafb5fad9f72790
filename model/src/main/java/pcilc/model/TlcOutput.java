package pcilc.model;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads TLC's {@code -tool} output line by line: messages framed by {@code @!@!@STARTMSG code:severity @!@!@}
 * and {@code @!@!@ENDMSG code @!@!@}, and plain lines between them (SANY's parse errors come as plain lines).
 * A message may frame others (an evaluation or cfg error inside TLC's general error 1000): their text becomes
 * part of the outer message's body, without the framing.
 */
public final class TlcOutput {
    /** TLC message codes (tlc2.output.EC) that the runner reads. */
    public static final int INVARIANT_VIOLATED_INITIAL = 2107;
    public static final int INVARIANT_VIOLATED_BEHAVIOR = 2110;
    public static final int ACTION_PROPERTY_VIOLATED = 2112;
    public static final int DEADLOCK_REACHED = 2114;
    public static final int TEMPORAL_PROPERTY_VIOLATED = 2116;
    public static final int STATE_PRINT = 2217;
    public static final int STUTTER_PRINT = 2218;
    public static final int BACK_TO_STATE = 2122;
    public static final int STATS = 2199;
    public static final int CHECKING_TEMPORAL_PROPERTIES = 2192;
    public static final int SEARCH_DEPTH = 2194;
    public static final int PROGRESS = 2200;
    public static final int GC_ADVICE = 2401;
    public static final int GENERAL = 1000;
    public static final int NESTED_EXPRESSIONS = 2103;
    public static final int FINGERPRINT_STACK = 2147;

    private static final Pattern START = Pattern.compile("@!@!@STARTMSG (\\d+):(\\d+) @!@!@");
    private static final Pattern END = Pattern.compile("@!@!@ENDMSG (\\d+) @!@!@");

    /** One framed message; severity 1 is an error, 4 a state of a trace. */
    public record Message(int code, int severity, String body) {
        /** A state of a counterexample, its stuttering end, or its loop back. */
        public boolean isTraceState() {
            return code == STATE_PRINT || code == STUTTER_PRINT || code == BACK_TO_STATE;
        }
    }

    /** A plain line or a finished message, in the order TLC printed them. */
    public record Item(Message message, String plainLine) {
        public boolean isMessage() {
            return message != null;
        }
    }

    private final Consumer<Item> listener;
    private final List<Message> messages = new ArrayList<>();
    private final List<String> plainLines = new ArrayList<>();
    /** Every line as TLC printed it, framing included: what a stored run keeps (DesignRun). */
    private final List<String> lines = new ArrayList<>();
    private int code = -1;
    private int severity;
    /** Codes of the messages framed inside the current one, innermost last. */
    private final List<Integer> nested = new ArrayList<>();
    private final StringBuilder body = new StringBuilder();

    public TlcOutput(Consumer<Item> listener) {
        this.listener = listener;
    }

    public void accept(String line) {
        lines.add(line);
        Matcher start = START.matcher(line);
        if (code < 0 && start.matches()) {
            code = Integer.parseInt(start.group(1));
            severity = Integer.parseInt(start.group(2));
            body.setLength(0);
            return;
        }
        // TLC frames an inner message right after a text's last line (": @!@!@STARTMSG 5006:0 @!@!@")
        Matcher inner = START.matcher(line);
        if (code >= 0 && inner.find()) {
            nested.add(Integer.parseInt(inner.group(1)));
            body.append(line, 0, inner.start()).append('\n');
            return;
        }
        Matcher end = END.matcher(line);
        if (code >= 0 && end.matches() && !nested.isEmpty()) {
            nested.remove(nested.size() - 1);
            return;
        }
        if (code >= 0 && end.matches()) {
            Message m = new Message(code, severity, body.toString().strip());
            code = -1;
            messages.add(m);
            listener.accept(new Item(m, null));
            return;
        }
        if (code >= 0) {
            body.append(line).append('\n');
        } else {
            plainLines.add(line);
            listener.accept(new Item(null, line));
        }
    }

    public List<Message> messages() {
        return messages;
    }

    public List<String> plainLines() {
        return plainLines;
    }

    /** Every line accepted, in order, as TLC printed it. */
    public List<String> lines() {
        return lines;
    }

    /** Whether the last message was closed: a stored output cut short inside a message is not. */
    public boolean complete() {
        return code < 0;
    }

    public List<Message> withCode(int wanted) {
        return messages.stream().filter(m -> m.code() == wanted).toList();
    }

    /** The first group of {@code pattern} in the last message with this code, or -1. */
    public long lastNumber(int wanted, Pattern pattern) {
        List<Message> found = withCode(wanted);
        for (int i = found.size() - 1; i >= 0; i--) {
            Matcher m = pattern.matcher(found.get(i).body());
            if (m.find()) {
                return Long.parseLong(m.group(1));
            }
        }
        return -1;
    }
}
