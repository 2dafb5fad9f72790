package pcilc.conform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import pcilc.model.Cfg;
import pcilc.model.Manifest;
import pcilc.model.TlcText;

/**
 * A design of spec/manifest.tsv as the tests read it (with the model library): its manifest row and its cfg's
 * constants as values, in the cfg's order, so that a test that takes a design name runs the code and the
 * model the cfg says. Substitutions ({@code Name <- Op}) are no model constants and are left out.
 */
public record SpecCfg(Manifest.Design row, Map<String, Object> constants) {
    public static final Path SPEC = Path.of(System.getProperty("pcilc.specDir", "../spec"));

    /** Design {@code name} of spec/manifest.tsv. */
    public static SpecCfg of(String name) {
        return of(SPEC, name);
    }

    public static SpecCfg of(Path spec, String name) {
        Manifest.Design row = Manifest.load(spec).design(name);
        Map<String, Object> constants = new LinkedHashMap<>();
        try {
            new Cfg(Files.readString(row.cfgFile(spec))).constants()
                    .forEach((k, v) -> constants.put(k, TlcText.parseValue(v)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new SpecCfg(row, constants);
    }

    /** Every design of the manifest, in its order. */
    public static List<String> designs() {
        return Manifest.load(SPEC).designs().stream().map(Manifest.Design::name).toList();
    }
}
