package pcilc.ref;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The model a zPCI design runs on, from its cfg's constants (spec/ZpciLifecycle.tla): the functions, what the
 * firmware may do, the threads and the VFs (the model's constants), and the code's feature constants
 * ({@link Features}), each named after the commit or proposal it switches on.
 */
public record ZpciModel(List<String> fids, int maxInst, List<String> fwFids, List<String> fwPecs, int fwEvents,
        List<String> threads, List<String> vfs, List<String> clpStaleDisableAnswers, boolean createDeviceCanFail,
        Features features) {

    /**
     * The feature constants of spec/ZpciLifecycle.tla: one per commit of the 2024-2025 series (or proposal)
     * that changed the modelled paths, all on in the designs on 6.12.117's code, and FwQemu (the platform is
     * QEMU's s390 PCI host). The arch code asks them exactly where the code differs.
     */
    public record Features(boolean createDeviceErrChecked, boolean stateLock, boolean exitSlotAtRelease,
            boolean releaseOnlyReserved, boolean releaseNoBusRemoval, boolean fwQemu, boolean putBeforeUnlock,
            boolean reuseReserved, boolean addRemoveLocked, boolean disableSlotPutOnce, boolean rescanLockOutermost) {

        /** The pre-series zpci_release_device() (before c4a585e952ca and d76f96332967). */
        public boolean oldRelease() {
            return !releaseNoBusRemoval;
        }

        /** Before 05a2538f2b48: the -EBUSY branch of disable_slot puts the pdev, and "out" puts it again. */
        public boolean dupPut() {
            return !disableSlotPutOnce;
        }

        /**
         * Block v3: the rescan lock is outermost: taken by the event handler and by pcibios_release_device,
         * asserted in zpci_zdev_put, no longer taken in the release path.
         */
        public boolean blockFix() {
            return rescanLockOutermost;
        }
    }

    /** 42420c50c68f: __clp_add() checks IS_ERR(zdev) (the spec's ZpciCreateDeviceErrChecked_42420c50c68f). */
    static final String CREATE_ERR_CHECKED = "ZpciCreateDeviceErrChecked_42420c50c68f";
    static final String STATE_LOCK = "ZpciStateLock_bcb5d6c76903";
    static final String EXIT_SLOT_AT_RELEASE = "ZpciExitSlotAtRelease_6ee600bfbe0f";
    static final String RELEASE_ONLY_RESERVED = "ZpciReleaseOnlyReserved_c4a585e952ca";
    static final String RELEASE_NO_BUS_REMOVAL = "ZpciReleaseNoBusRemoval_d76f96332967";
    /** 47c397844869: disable_slot puts its pdev reference before unlocking state_lock. */
    static final String PUT_BEFORE_UNLOCK = "ZpciPutBeforeUnlock_47c397844869";
    /**
     * 4b1815a52d7e: a reserved zdev stays on zpci_list until released (kref_put_lock), zpci_event_reappear,
     * idempotent zpci_device_reserved.
     */
    static final String REUSE_RESERVED = "ZpciReuseReserved_4b1815a52d7e";
    /** 774a1fa880bc: zpci_add_remove_lock around zpci_add_device and zpci_zdev_put. */
    static final String ADD_REMOVE_LOCK = "ZpciAddRemoveLock_774a1fa880bc";
    /** 05a2538f2b48: disable_slot() puts the pdev once. */
    static final String DISABLE_SLOT_PUT_ONCE = "ZpciDisableSlotPutOnce_05a2538f2b48";
    static final String RESCAN_LOCK_OUTERMOST = "ZpciRescanLockOutermost_BlockV3";
    static final String FW_QEMU = "FwQemu";
    /** zpci_create_device() can fail (kzalloc, clp_query_pci_fn): the allocator's and firmware's choice. */
    static final String CREATE_CAN_FAIL = "ZpciCreateDeviceCanFail";

    /** The code's features (a design's code runs on another design's model with these replaced). */
    public static final Set<String> CODE = Set.of(CREATE_ERR_CHECKED, STATE_LOCK, EXIT_SLOT_AT_RELEASE,
            RELEASE_ONLY_RESERVED, RELEASE_NO_BUS_REMOVAL, PUT_BEFORE_UNLOCK, REUSE_RESERVED, ADD_REMOVE_LOCK,
            DISABLE_SLOT_PUT_ONCE, RESCAN_LOCK_OUTERMOST);
    /** Every constant ZpciLifecycle declares itself (the PCI core's are {@link PciCoreFeatures#CONSTANTS}). */
    public static final Set<String> CONSTANTS = PciCoreFeatures.union(CODE, Set.of("Fids", "MaxInst", "FwFids", "FwPecs",
            "FwEvents", "ClpStaleDisableAnswers", CREATE_CAN_FAIL, FW_QEMU));

    /** The model of a design's cfg constants (as {@code TlcText} parses them), on the PCI core {@code core}. */
    public static ZpciModel of(PciCoreFeatures core, Map<String, Object> c) {
        return new ZpciModel(Constants.strings(c, "Fids"), Constants.number(c, "MaxInst"),
                Constants.strings(c, "FwFids"), Constants.strings(c, "FwPecs"), Constants.number(c, "FwEvents"),
                Constants.strings(c, "Threads"), core.vfNames(), Constants.strings(c, "ClpStaleDisableAnswers"),
                Constants.bool(c, CREATE_CAN_FAIL),
                new Features(Constants.bool(c, CREATE_ERR_CHECKED), Constants.bool(c, STATE_LOCK),
                        Constants.bool(c, EXIT_SLOT_AT_RELEASE), Constants.bool(c, RELEASE_ONLY_RESERVED),
                        Constants.bool(c, RELEASE_NO_BUS_REMOVAL), Constants.bool(c, FW_QEMU),
                        Constants.bool(c, PUT_BEFORE_UNLOCK), Constants.bool(c, REUSE_RESERVED),
                        Constants.bool(c, ADD_REMOVE_LOCK), Constants.bool(c, DISABLE_SLOT_PUT_ONCE),
                        Constants.bool(c, RESCAN_LOCK_OUTERMOST)));
    }
}
