package pcilc.ref;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import pcilc.conform.SpecCfg;
import pcilc.model.Cfg;
import pcilc.model.Manifest;
import pcilc.ref.systems.Systems;

/**
 * A design as the spec states it: its cfg's constants, threads and invariants ({@code spec/designs/<design>.cfg}) and
 * TLC's recorded result ({@code spec/manifest.tsv}), read by the model library, so that the tests follow the
 * spec instead of repeating it; {@link #system(String)} is the implementation the cfg's constants select.
 * XenPirq's threads are its module's {@code Devices}, still found by a pattern.
 */
public record SpecDesign(String design, List<String> threads, String expected, int distinct, int depth,
        Map<String, Object> constants, List<String> invariants) {
    static final Path SPEC = SpecCfg.SPEC;
    /** A module whose threads are fixed in the module itself (XenPirq: one probe thread per device). */
    private static final Pattern DEVICES = Pattern.compile("\\nDevices\\s*==\\s*\\{([^}]*)}");

    public static SpecDesign of(String name) {
        SpecCfg cfg = SpecCfg.of(SPEC, name);
        Manifest.Design row = cfg.row();
        Cfg model = new Cfg(read(row.cfgFile(SPEC)));
        String threads = model.constants().get("Threads");
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
        return new SpecDesign(name, names, row.expected(), Math.toIntExact(row.distinct()),
                Math.toIntExact(row.depth()), cfg.constants(), model.invariants());
    }

    /**
     * A fresh system of design {@code name}: the code and model its cfg's constants select; a zPCI system's
     * firmware, free-running, raises the events of the design's documented interleaving.
     */
    public static SpecSystem system(String name) {
        SpecSystem s = Systems.create(name, SpecCfg.of(SPEC, name).constants());
        if (s instanceof ZpciKernel z) {
            z.scriptEvents(scriptedEvents(name));
        }
        return s;
    }

    /** The designs of the manifest that the implementation runs (their cfg's constants are an implemented module's). */
    static Stream<String> implemented() {
        return SpecCfg.designs().stream().filter(d -> {
            try {
                Systems.create(d, SpecCfg.of(SPEC, d).constants());
                return true;
            } catch (IllegalArgumentException e) {
                return false;
            }
        });
    }

    /**
     * Free-running (Lincheck), the events the firmware raises in order, as [fid, pec, new platform state]: those
     * of the design's documented interleaving (none for a design not listed).
     */
    static List<String[]> scriptedEvents(String design) {
        return switch (design) {
            case "zpci-mainline" -> List.of(new String[] {"PF", "0x0304", "Standby"},
                    new String[] {"PF", "0x0301", "Configured"});
            case "zpci-pre-reuse", "zpci-pre-serialize" -> List.of(new String[] {"PF", "0x0304", "Reserved"},
                    new String[] {"PF", "0x0302", "Standby"});
            case "zpci-pre-selfdelete" -> List.<String[]>of(new String[] {"PF", "0x0308", "Reserved"});
            case "zpci-pre-createcheck", "zpci-createcheck" -> List.of(new String[] {"PF", "0x0304", "Reserved"},
                    new String[] {"PF", "0x0306", "Standby"});
            case "zpci-sriov-deadlock", "zpci-block-v3", "zpci-sriov-selfdeadlock" ->
                    List.<String[]>of(new String[] {"VF", "0x0304", "Reserved"});
            case "zpci-block-v3-hotplug" -> List.<String[]>of(new String[] {"PF", "0x0304", "Standby"});
            // QEMU: device_del (0x0303; its 0x0308 comes with the SCLP deconfigure), then device_add
            case "linux-6.1.176-s390x", "linux-6.1.176-s390x-6ee600bfbe0f" -> List.of(
                    new String[] {"PF", "0x0303", "Unplugging"}, new String[] {"PF", "0x0301", "Configured"});
            default -> List.of();
        };
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
