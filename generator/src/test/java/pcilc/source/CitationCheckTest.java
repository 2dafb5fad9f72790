package pcilc.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CitationCheckTest {
    @TempDir
    Path dir;

    /** A one-file kernel tree: drivers/pci/remove.c as 6.12.117 has pci_stop_dev (abridged), with a prototype first. */
    private Path kernel() throws IOException {
        Path src = dir.resolve("kernel-src/linux-6.12.117/drivers/pci");
        Files.createDirectories(src);
        Files.writeString(src.resolve("remove.c"), String.join("\n",
                "static void pci_stop_dev(struct pci_dev *dev);",
                "",
                "static void pci_stop_dev(struct pci_dev *dev)",
                "{",
                "\tpci_pme_active(dev, false);",
                "",
                "\tif (pci_dev_is_added(dev)) {",
                "\t\tdevice_release_driver(&dev->dev);",
                "\t}",
                "}",
                "",
                "void pci_stop_and_remove_bus_device(struct pci_dev *dev)",
                "{",
                "\tpci_stop_bus_device(dev);",
                "}", ""));
        return dir.resolve("kernel-src");
    }

    private Path spec(String... actionBlock) throws IOException {
        Path spec = dir.resolve("spec");
        Files.createDirectories(spec.resolve("designs"));
        Files.writeString(spec.resolve("M.tla"), String.join("\n",
                "---- MODULE M ----",
                String.join("\n", actionBlock),
                "PciStopDev(t) == TRUE",
                "",
                "\\* @source linux-v6.13 6d6d962a8dc2 drivers/pci/remove.c pci_stop_dev",
                "\\* @fidelity open: whether the firmware answers; the constant Answers covers each",
                "Other(t) == TRUE",
                "",
                "ThreadStep(t) ==",
                "    \\/ PciStopDev(t)",
                "    \\/ Other(t)",
                "Next == \\E t \\in {} : ThreadStep(t)",
                "===="));
        Files.writeString(spec.resolve("designs/d.cfg"), "\\* @tree linux-6.12.117\nCONSTANTS\n");
        return spec;
    }

    private CitationCheck.Result check(Path spec) throws IOException {
        return new CitationCheck(kernel()).run(SourceMap.read(spec));
    }

    @Test
    void aCitationThatReadsAsTheSourceHolds() throws IOException {
        CitationCheck.Result r = check(spec(
                "\\* @source linux-6.12.117 drivers/pci/remove.c pci_stop_dev \"if (pci_dev_is_added(dev)) {\"",
                "\\* @fidelity simplified: the PME step is left out;",
                "\\*   sound while nothing reads PME state"));
        assertThat(r.errors()).isEmpty();
        assertThat(r.checked()).isEqualTo(1);
        assertThat(r.unchecked()).containsExactly(
                "spec/M.tla:7: Other: linux-v6.13 6d6d962a8dc2 drivers/pci/remove.c pci_stop_dev");
        SourceMap map = SourceMap.read(dir.resolve("spec"));
        assertThat(map.actions()).extracting(SourceMap.Action::name).containsExactly("PciStopDev", "Other");
        assertThat(map.actions().get(0).fidelity()).isEqualTo("the PME step is left out; sound while nothing reads PME state");
        assertThat(map.designs()).containsExactly(new SourceMap.Design("d", new SourceMap.Where("spec/designs/d.cfg", 1), "linux-6.12.117"));
    }

    @Test
    void aFunctionThatIsNotInTheCitedFileFails() throws IOException {
        CitationCheck.Result r = check(spec(
                "\\* @source linux-6.12.117 drivers/pci/remove.c pci_destroy_dev",
                "\\* @fidelity faithful: as the code"));
        assertThat(r.errors()).containsExactly("spec/M.tla:2: PciStopDev cites linux-6.12.117 drivers/pci/remove.c pci_destroy_dev:"
                + " no function pci_destroy_dev is defined in drivers/pci/remove.c of linux-6.12.117");
    }

    @Test
    void aPrototypeOrACallIsNotADefinition() throws IOException {
        // remove.c calls pci_stop_bus_device and declares pci_stop_dev before defining it
        CitationCheck.Result r = check(spec(
                "\\* @source linux-6.12.117 drivers/pci/remove.c pci_stop_bus_device",
                "\\* @fidelity faithful: as the code"));
        assertThat(r.errors()).singleElement().asString().contains("no function pci_stop_bus_device is defined");
    }

    @Test
    void aFunctionLikeMacroIsADefinition() throws IOException {
        Path access = dir.resolve("kernel-src/linux-6.12.117/drivers/pci");
        Files.createDirectories(access);
        Files.writeString(access.resolve("access.c"), String.join("\n",
                "#define PCI_USER_READ_CONFIG(size, type)\t\t\t\t\t\\",
                "int pci_user_read_config_##size\t\t\t\t\t\t\\",
                "\t(struct pci_dev *dev, int pos, type *val)\t\t\t\\",
                "{\t\t\t\t\t\t\t\t\\",
                "\tif (unlikely(dev->block_cfg_access))\t\t\t\t\\",
                "\t\tpci_wait_cfg(dev);\t\t\t\t\t\\",
                "}",
                "",
                "PCI_USER_READ_CONFIG(byte, u8)", ""));
        Path spec = spec("\\* @source linux-6.12.117 drivers/pci/access.c PCI_USER_READ_CONFIG \"if (unlikely(dev->block_cfg_access)) pci_wait_cfg(dev);\"",
                "\\* @fidelity faithful: as the code");
        assertThat(new CitationCheck(dir.resolve("kernel-src")).run(SourceMap.read(spec)).errors()).isEmpty();
    }

    @Test
    void aQuotedLineTheFunctionDoesNotReadFails() throws IOException {
        CitationCheck.Result r = check(spec(
                "\\* @source linux-6.12.117 drivers/pci/remove.c pci_stop_dev \"if (pci_dev_test_and_clear_added(dev)) {\"",
                "\\* @fidelity faithful: as the code"));
        assertThat(r.errors()).containsExactly("spec/M.tla:2: PciStopDev cites linux-6.12.117 drivers/pci/remove.c pci_stop_dev:"
                + " pci_stop_dev in linux-6.12.117 does not read \"if (pci_dev_test_and_clear_added(dev)) {\"");
    }

    @Test
    void aMissingFileOrMissingTagsAreNamedWithTheirLine() throws IOException {
        CitationCheck.Result r = check(spec("\\* @source linux-6.12.117 drivers/pci/probe.c pci_stop_dev"));
        assertThat(r.errors()).containsExactly(
                "spec/M.tla:3: action PciStopDev has no @fidelity line (faithful, simplified or open; docs/source-map.md)",
                "spec/M.tla:2: PciStopDev cites linux-6.12.117 drivers/pci/probe.c pci_stop_dev: there is no file drivers/pci/probe.c in linux-6.12.117");
        assertThat(check(spec("\\* just a comment")).errors()).containsExactly(
                "spec/M.tla:3: action PciStopDev cites no kernel source (an @source line right above it; docs/source-map.md)",
                "spec/M.tla:3: action PciStopDev has no @fidelity line (faithful, simplified or open; docs/source-map.md)");
        assertThat(check(spec("\\* @source linux-6.12.117 pci_stop_dev", "\\* @fidelity exact: yes")).errors()).containsExactly(
                "spec/M.tla:2: @source must read 'linux-6.12.117 FILE FUNCTION [\"quoted source text\" ...]' (docs/source-map.md): linux-6.12.117 pci_stop_dev",
                "spec/M.tla:3: @fidelity of PciStopDev must read 'faithful', 'simplified: …' or 'open: …' (what is left out and why, or what it depends on, after the colon)",
                "spec/M.tla:4: action PciStopDev cites no kernel source (an @source line right above it; docs/source-map.md)");
    }

    @Test
    void aDesignWithoutItsTreeIsNamed() throws IOException {
        Path spec = spec("\\* @source linux-6.12.117 drivers/pci/remove.c pci_stop_dev", "\\* @fidelity faithful: as the code");
        Files.writeString(spec.resolve("designs/e.cfg"), "\\* Design e\nCONSTANTS\n");
        assertThat(check(spec).errors()).containsExactly(
                "spec/designs/e.cfg:1: design e does not name the kernel tree it models (a '\\* @tree …' line in its header; docs/source-map.md)");
    }

    /** The repository's own spec against the sources `make sources` fetched (make test fetches them first). */
    @Test
    void theSpecsCitationsHoldInThePinnedTrees() {
        Path kernelSrc = Path.of("..", "build", "kernel-src");
        Assumptions.assumeTrue(Files.isDirectory(kernelSrc.resolve(SourceMap.PINNED.get(0))), "make sources has not run");
        CitationCheck.Result r = new CitationCheck(kernelSrc).run(SourceMap.read(Path.of("..", "spec")));
        assertThat(r.errors()).isEmpty();
        assertThat(r.checked()).isPositive();
    }

    @Test
    void docsFidelityIsTheSpecs() throws IOException {
        String fresh = FidelityDoc.render(SourceMap.read(Path.of("..", "spec")));
        assertThat(Files.readString(Path.of("..", "docs", "fidelity.md")))
                .as("docs/fidelity.md is out of date with spec/: run make fidelity").isEqualTo(fresh);
    }
}
