package pcilc.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The design matrix: spec/manifest.tsv, one design a line with the result, distinct-state count and
 * depth that TLC must reproduce. Columns (tab-separated):
 * {@code design  module  cfg  expected  distinct  depth  description}.
 */
public final class Manifest {
    public static final String FILE = "manifest.tsv";
    private static final Pattern RESULT = Pattern.compile("pass|deadlock|invariant:\\w+|property:\\w+");
    /** Lower case, digits and dashes; dots between (a kernel version: linux-6.1.176-s390x). */
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*(\\.[a-z0-9][a-z0-9-]*)*");

    /** One row of the manifest. */
    public record Design(String name, String module, String cfg, String expected, long distinct, long depth,
                         String description) {
        public Path moduleFile(Path specDir) {
            return specDir.resolve(module + ".tla");
        }

        public Path cfgFile(Path specDir) {
            return specDir.resolve(cfg);
        }
    }

    private final Path file;
    private final Map<String, Design> designs;

    private Manifest(Path file, Map<String, Design> designs) {
        this.file = file;
        this.designs = designs;
    }

    public static Manifest load(Path specDir) {
        Path file = specDir.resolve(FILE);
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new ToolError(file + ": cannot read the manifest (" + AtomicFile.why(e) + ")");
        }
        Map<String, Design> designs = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String where = file + ":" + (i + 1) + ": ";
            String[] f = line.split("\t", -1);
            if (f.length != 7) {
                throw new ToolError(where + "expected 7 tab-separated fields (design module cfg expected distinct depth"
                        + " description), found " + f.length);
            }
            if (!NAME.matcher(f[0]).matches()) {
                throw new ToolError(where + "bad design name '" + f[0] + "'");
            }
            if (!RESULT.matcher(f[3]).matches()) {
                throw new ToolError(where + "bad expected result '" + f[3]
                        + "' (pass, deadlock, invariant:<Name> or property:<Name>)");
            }
            Design d = new Design(f[0], f[1], f[2], f[3], number(where, "distinct", f[4]), number(where, "depth", f[5]),
                    f[6]);
            if (designs.putIfAbsent(d.name(), d) != null) {
                throw new ToolError(where + "design '" + d.name() + "' is listed twice");
            }
        }
        if (designs.isEmpty()) {
            throw new ToolError(file + ": no designs");
        }
        return new Manifest(file, designs);
    }

    private static long number(String where, String column, String text) {
        try {
            long n = Long.parseLong(text);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ToolError(where + column + " must be a whole number, not '" + text + "'");
    }

    /**
     * Rewrites the distinct and depth columns of the named designs, keeping every other byte of the file; a
     * file whose counts are already these is not written at all (make sees no change).
     */
    public void writeCounts(Map<String, long[]> counts) {
        List<String> lines;
        try {
            lines = new ArrayList<>(Files.readAllLines(file));
            for (int i = 0; i < lines.size(); i++) {
                String[] f = lines.get(i).split("\t", -1);
                long[] c = f.length == 7 ? counts.get(f[0]) : null;
                if (c != null && !lines.get(i).startsWith("#")) {
                    f[4] = Long.toString(c[0]);
                    f[5] = Long.toString(c[1]);
                    lines.set(i, String.join("\t", f));
                }
            }
        } catch (IOException e) {
            throw new ToolError(file + ": cannot read (" + AtomicFile.why(e) + ")");
        }
        String text = lines.stream().map(l -> l + System.lineSeparator()).collect(Collectors.joining());
        try {
            if (text.equals(Files.readString(file))) {
                return;
            }
        } catch (IOException e) {
            throw new ToolError(file + ": cannot read (" + AtomicFile.why(e) + ")");
        }
        AtomicFile.write(file, text);
    }

    public List<Design> designs() {
        return List.copyOf(designs.values());
    }

    public Design design(String name) {
        Design d = designs.get(name);
        if (d == null) {
            throw new ToolError(file + ": unknown design '" + name + "' (known: "
                    + String.join(", ", new ArrayList<>(designs.keySet())) + ")");
        }
        return d;
    }

    public Path file() {
        return file;
    }
}
