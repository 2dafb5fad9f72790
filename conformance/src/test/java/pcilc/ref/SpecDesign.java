package pcilc.ref;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import pcilc.model.Cfg;
import pcilc.model.Manifest;
import pcilc.ref.systems.Systems;

/**
 * A design as the spec states it: its threads from {@code spec/designs/<design>.cfg} and TLC's recorded
 * result from {@code spec/manifest.tsv} (read by the model library), so that the tests follow the spec
 * instead of repeating it. XenPirq's threads are its module's {@code Devices}, still found by a pattern.
 */
record SpecDesign(String design, List<String> threads, String expected, int distinct, int depth) {
    static final Path SPEC = Path.of("..", "spec");
    /** A module whose threads are fixed in the module itself (XenPirq: one probe thread per device). */
    private static final Pattern DEVICES = Pattern.compile("\\nDevices\\s*==\\s*\\{([^}]*)}");

    static SpecDesign of(String name) {
        Manifest.Design row = Manifest.load(SPEC).design(name);
        String threads = new Cfg(read(row.cfgFile(SPEC))).constants().get("Threads");
        if (threads == null) {
            Matcher m = DEVICES.matcher(read(row.moduleFile(SPEC)));
            if (!m.find()) {
                throw new IllegalArgumentException(row.cfg() + ": no Threads = {...} (nor Devices == {...} in "
                        + row.module() + ")");
            }
            threads = "{" + m.group(1) + "}";
        }
        // the cfg's order, which the tests start the threads in (a set's canonical order would sort them)
        List<String> names = Arrays.stream(threads.strip().replaceAll("^\\{|}$", "").split(","))
                .map(s -> s.strip().replace("\"", "")).toList();
        return new SpecDesign(name, names, row.expected(), Math.toIntExact(row.distinct()), Math.toIntExact(row.depth()));
    }

    /** The spec names of every design the implementation has. */
    static Stream<String> implemented() {
        return Systems.designs().stream();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
