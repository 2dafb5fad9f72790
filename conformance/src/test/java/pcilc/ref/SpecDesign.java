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
import pcilc.ref.systems.Systems;

/**
 * A design as the spec states it: its threads from {@code spec/designs/<design>.cfg} and TLC's recorded
 * result from {@code spec/manifest.tsv}, so that the tests follow the spec instead of repeating it.
 */
record SpecDesign(String design, List<String> threads, String expected, int distinct, int depth) {
    static final Path SPEC = Path.of("..", "spec");
    private static final Pattern THREADS = Pattern.compile("Threads\\s*=\\s*\\{([^}]*)}");
    /** A module whose threads are fixed in the module itself (XenPirq: one probe thread per device). */
    private static final Pattern DEVICES = Pattern.compile("\\nDevices\\s*==\\s*\\{([^}]*)}");

    static SpecDesign of(String name) {
        String[] row = read(SPEC.resolve("manifest.tsv")).lines()
                .map(l -> l.split("\t")).filter(f -> f[0].equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("spec/manifest.tsv has no design " + name));
        Matcher m = THREADS.matcher(read(SPEC.resolve(row[2])));
        if (!m.find()) {
            m = DEVICES.matcher(read(SPEC.resolve(row[1] + ".tla")));
            if (!m.find()) {
                throw new IllegalArgumentException(row[2] + ": no Threads = {...} (nor Devices == {...} in " + row[1] + ")");
            }
        }
        List<String> threads = Arrays.stream(m.group(1).split(",")).map(s -> s.strip().replace("\"", "")).toList();
        return new SpecDesign(name, threads, row[3], Integer.parseInt(row[4]),
                Integer.parseInt(row[5]));
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
