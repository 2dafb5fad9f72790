package pcilc.ref;

import java.util.Arrays;
import java.util.List;

/**
 * The s390 zPCI designs of the spec ({@code ZpciDesigns} in spec/PciCore.tla, module ZpciLifecycle), by the
 * spec's names. {@link #core()} is the PCI-core design whose code the design runs (the spec's
 * {@code MainlineCore} and {@code NechitaV11}); the predicates are the operators under "Designs (zPCI side)"
 * in spec/ZpciLifecycle.tla, asked by the arch code exactly where the patches differ. Each design also
 * carries its cfg's constants as its default {@link ZpciModel}.
 */
public enum ZpciDesign {
    ZPCI_MAINLINE("zpci-mainline", Design.SRIOV_UNLOCKED, List.of("PF"), 2, List.of("PF"),
            List.of("0x0301", "0x0302", "0x0303", "0x0304", "0x0308"), 2,
            List.of("firmware", "zpci_event", "power_off", "power_on", "pdev_holder")),
    ZPCI_PRE_REUSE("zpci-pre-reuse", Design.SRIOV_UNLOCKED, List.of("PF"), 2, List.of("PF"),
            List.of("0x0302", "0x0304"), 2, List.of("firmware", "zpci_event", "pdev_holder")),
    ZPCI_PRE_SERIALIZE("zpci-pre-serialize", Design.SRIOV_UNLOCKED, List.of("PF"), 2, List.of("PF"),
            List.of("0x0302", "0x0304"), 2, List.of("firmware", "zpci_event", "pdev_holder")),
    ZPCI_PRE_SELFDELETE("zpci-pre-selfdelete", Design.SRIOV_UNLOCKED, List.of("PF"), 1, List.of("PF"),
            List.of("0x0308"), 1, List.of("firmware", "zpci_event", "power_off")),
    ZPCI_PRE_DUPPUT("zpci-pre-dupput", Design.SRIOV_UNLOCKED, List.of("PF", "VF"), 2, List.of("PF"),
            List.of("0x0308"), 0, List.of("power_off")),
    ZPCI_PRE_CREATECHECK("zpci-pre-createcheck", Design.SRIOV_UNLOCKED, List.of("PF"), 2, List.of("PF"),
            List.of("0x0304", "0x0306"), 2, List.of("firmware", "zpci_event"), true, false),
    ZPCI_CREATECHECK("zpci-createcheck", Design.SRIOV_UNLOCKED, List.of("PF"), 2, List.of("PF"),
            List.of("0x0304", "0x0306"), 2, List.of("firmware", "zpci_event"), true, true),
    ZPCI_SRIOV_DEADLOCK("zpci-sriov-deadlock", Design.NECHITA_V9, List.of("PF", "VF", "VF2"), 3,
            List.of("VF", "VF2"), List.of("0x0304"), 1, List.of("firmware", "zpci_event", "sriov_numvfs_store")),
    ZPCI_SRIOV_SELFDEADLOCK("zpci-sriov-selfdeadlock", Design.SRIOV_UNLOCKED, List.of("PF", "VF"), 2,
            List.of("VF"), List.of("0x0304"), 1, List.of("firmware", "zpci_event", "sriov_numvfs_store")),
    ZPCI_BLOCK_V3("zpci-block-v3", Design.NECHITA_V9, List.of("PF", "VF", "VF2"), 3,
            List.of("VF", "VF2"), List.of("0x0304"), 1, List.of("firmware", "zpci_event", "sriov_numvfs_store")),
    ZPCI_BLOCK_V3_HOTPLUG("zpci-block-v3-hotplug", Design.NECHITA_V11, List.of("PF", "VF"), 2, List.of("PF"),
            List.of("0x0304"), 1, List.of("firmware", "zpci_event", "unbind_store")),
    /** Debian's 6.1.176 (the s390x trace lab's kernel) under QEMU: none of the series. */
    LINUX_6_1_176_S390X("linux-6.1.176-s390x", Design.SRIOV_UNLOCKED, List.of("PF"), 2, List.of("PF"),
            List.of("0x0301", "0x0303", "0x0308"), 3, List.of("firmware", "zpci_event", "power_off", "power_on"),
            List.of("fail"), false, true, new ZpciModel.Features(false, false, false, false, true)),
    /** The same with 6ee600bfbe0f on (the slot removed at release): the wrong design for the lab's traces. */
    LINUX_6_1_176_S390X_6EE600BFBE0F("linux-6.1.176-s390x-6ee600bfbe0f", Design.SRIOV_UNLOCKED, List.of("PF"), 2,
            List.of("PF"), List.of("0x0301", "0x0303", "0x0308"), 3,
            List.of("firmware", "zpci_event", "power_off", "power_on"), List.of("fail"), false, true,
            new ZpciModel.Features(false, true, false, false, true));

    private final String specName;
    private final Design core;
    private final ZpciModel model;

    ZpciDesign(String specName, Design core, List<String> fids, int maxInst, List<String> fwFids,
            List<String> fwPecs, int fwEvents, List<String> threads) {
        // every answer the code handles to a CLP disable with a stale handle (ClpStaleDisableAnswers, sorted)
        // zpci_create_device() does not fail; 42420c50c68f is in
        this(specName, core, fids, maxInst, fwFids, fwPecs, fwEvents, threads, false, true);
    }

    ZpciDesign(String specName, Design core, List<String> fids, int maxInst, List<String> fwFids,
            List<String> fwPecs, int fwEvents, List<String> threads, boolean createCanFail, boolean createErrChecked) {
        this(specName, core, fids, maxInst, fwFids, fwPecs, fwEvents, threads, List.of("already", "fail", "success"),
                createCanFail, createErrChecked, ZpciModel.Features.SERIES);
    }

    ZpciDesign(String specName, Design core, List<String> fids, int maxInst, List<String> fwFids,
            List<String> fwPecs, int fwEvents, List<String> threads, List<String> clpStaleDisableAnswers,
            boolean createCanFail, boolean createErrChecked, ZpciModel.Features features) {
        this.specName = specName;
        this.core = core;
        // spec/PciCore.tla's VFs: two where Block's deadlock A needs them
        List<String> vfs = specName.equals("zpci-sriov-deadlock") || specName.equals("zpci-block-v3")
                ? List.of("VF", "VF2") : List.of("VF");
        this.model = new ZpciModel(fids, maxInst, fwFids, fwPecs, fwEvents, threads, vfs, clpStaleDisableAnswers,
                createCanFail, createErrChecked, features);
    }

    /** The design's own model (its cfg's constants). */
    public ZpciModel model() {
        return model;
    }

    public String specName() {
        return specName;
    }

    public static ZpciDesign bySpecName(String name) {
        return Arrays.stream(values()).filter(d -> d.specName.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown zPCI design: " + name));
    }

    /**
     * The PCI core the design runs: mainline (a5338e365c45, as sriov-unlocked), Nechita patch 1 (as
     * nechita-v9: reentrant rescan lock taken in sriov_del_vfs), or all of Nechita v11.
     */
    public Design core() {
        return core;
    }

    /**
     * 4b1815a52d7e: a reserved zdev stays on zpci_list until released (kref_put_lock), zpci_event_reappear,
     * idempotent zpci_device_reserved.
     */
    public boolean reuseReserved() {
        // the designs before 47c397844869, 05a2538f2b48 and 42420c50c68f come before it as well
        return this != ZPCI_PRE_REUSE && !preSeries();
    }

    /** 774a1fa880bc: zpci_add_remove_lock around zpci_add_device and zpci_zdev_put. */
    public boolean addRemoveLocked() {
        return this != ZPCI_PRE_REUSE && this != ZPCI_PRE_SERIALIZE && !preSeries();
    }

    /** 47c397844869: disable_slot puts its pdev reference before unlocking state_lock. */
    public boolean putBeforeUnlock() {
        return !preSeries();
    }

    /** Before 05a2538f2b48: the -EBUSY branch of disable_slot puts the pdev, and "out" puts it again. */
    public boolean dupPut() {
        return this == ZPCI_PRE_DUPPUT || this == ZPCI_PRE_CREATECHECK || this == ZPCI_CREATECHECK;
    }

    /**
     * The designs before 47c397844869 (the spec's PreSeries): zpci-pre-selfdelete, zpci-pre-dupput, and the
     * code before and at 42420c50c68f, which precedes 05a2538f2b48.
     */
    private boolean preSeries() {
        return this == ZPCI_PRE_SELFDELETE || this == ZPCI_PRE_DUPPUT || this == ZPCI_PRE_CREATECHECK
                || this == ZPCI_CREATECHECK || this == LINUX_6_1_176_S390X || this == LINUX_6_1_176_S390X_6EE600BFBE0F;
    }

    /**
     * Block v3: the rescan lock is outermost: taken by the event handler and by pcibios_release_device,
     * asserted in zpci_zdev_put, no longer taken in the release path.
     */
    public boolean blockFix() {
        return this == ZPCI_BLOCK_V3 || this == ZPCI_BLOCK_V3_HOTPLUG;
    }

    @Override
    public String toString() {
        return specName;
    }
}
