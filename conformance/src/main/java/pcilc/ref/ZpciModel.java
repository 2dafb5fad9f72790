package pcilc.ref;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The model a zPCI design runs on: its cfg's constants (Fids, MaxInst, FwFids, FwPecs, FwEvents, Threads)
 * and the spec's VFs, which spec/PciCore.tla derives from the model's Design. Separate from the code
 * ({@link ZpciDesign}) so that one design's code can run on another design's model (a generated suite's
 * power test).
 */
public record ZpciModel(List<String> fids, int maxInst, List<String> fwFids, List<String> fwPecs, int fwEvents,
        List<String> threads, List<String> vfs, List<String> clpStaleDisableAnswers, boolean createDeviceCanFail,
        boolean createDeviceErrChecked, Features features) {

    /**
     * The version constants of spec/ZpciLifecycle.tla (one per commit of the 2024-2025 series that changed the
     * modelled paths; all on in the designs on 6.12.117's code, all off in linux-6.1.176-s390x) and FwQemu
     * (the platform is QEMU's s390 PCI host).
     */
    public record Features(boolean stateLock, boolean exitSlotAtRelease, boolean releaseOnlyReserved,
            boolean releaseNoBusRemoval, boolean fwQemu) {
        /** The series' code on the abstract firmware. */
        static final Features SERIES = new Features(true, true, true, true, false);

        /** The pre-series zpci_release_device() (before c4a585e952ca and d76f96332967). */
        public boolean oldRelease() {
            return !releaseNoBusRemoval;
        }
    }

    static final String STATE_LOCK = "ZpciStateLock_bcb5d6c76903";
    static final String EXIT_SLOT_AT_RELEASE = "ZpciExitSlotAtRelease_6ee600bfbe0f";
    static final String RELEASE_ONLY_RESERVED = "ZpciReleaseOnlyReserved_c4a585e952ca";
    static final String RELEASE_NO_BUS_REMOVAL = "ZpciReleaseNoBusRemoval_d76f96332967";
    static final String FW_QEMU = "FwQemu";

    /** zpci_create_device() can fail (kzalloc, clp_query_pci_fn): the spec's ZpciCreateDeviceCanFail. */
    static final String CREATE_CAN_FAIL = "ZpciCreateDeviceCanFail";
    /** 42420c50c68f: __clp_add() checks IS_ERR(zdev) (the spec's ZpciCreateDeviceErrChecked_42420c50c68f). */
    static final String CREATE_ERR_CHECKED = "ZpciCreateDeviceErrChecked_42420c50c68f";

    /** The constants this model reads; Systems.create refuses any other (pcilc.ref.systems). */
    public static final Set<String> CONSTANTS = Set.of("Design", "Threads", "Fids", "MaxInst", "FwFids", "FwPecs", "FwEvents",
            "ClpStaleDisableAnswers", CREATE_CAN_FAIL, CREATE_ERR_CHECKED, STATE_LOCK, EXIT_SLOT_AT_RELEASE,
            RELEASE_ONLY_RESERVED, RELEASE_NO_BUS_REMOVAL, FW_QEMU);

    /**
     * The model of {@code constants} (as {@code TlcText} parses a cfg's values); a constant it does not give
     * keeps the value of its Design's own cfg ({@code code}'s when it names no Design).
     */
    public static ZpciModel of(ZpciDesign code, Map<String, Object> constants) {
        ZpciDesign design = constants.containsKey("Design")
                ? ZpciDesign.bySpecName((String) constants.get("Design")) : code;
        ZpciModel d = design.model();
        return new ZpciModel(strings(constants, "Fids", d.fids), number(constants, "MaxInst", d.maxInst),
                strings(constants, "FwFids", d.fwFids), strings(constants, "FwPecs", d.fwPecs),
                number(constants, "FwEvents", d.fwEvents), strings(constants, "Threads", d.threads), d.vfs,
                strings(constants, "ClpStaleDisableAnswers", d.clpStaleDisableAnswers),
                bool(constants, CREATE_CAN_FAIL, d.createDeviceCanFail),
                bool(constants, CREATE_ERR_CHECKED, d.createDeviceErrChecked),
                new Features(bool(constants, STATE_LOCK, d.features.stateLock()),
                        bool(constants, EXIT_SLOT_AT_RELEASE, d.features.exitSlotAtRelease()),
                        bool(constants, RELEASE_ONLY_RESERVED, d.features.releaseOnlyReserved()),
                        bool(constants, RELEASE_NO_BUS_REMOVAL, d.features.releaseNoBusRemoval()),
                        bool(constants, FW_QEMU, d.features.fwQemu())));
    }

    private static List<String> strings(Map<String, Object> constants, String name, List<String> otherwise) {
        Object v = constants.get(name);
        return v == null ? otherwise : ((Collection<?>) v).stream().map(String.class::cast).sorted().toList();
    }

    private static boolean bool(Map<String, Object> constants, String name, boolean otherwise) {
        Object v = constants.get(name);
        return v == null ? otherwise : (Boolean) v;
    }

    private static int number(Map<String, Object> constants, String name, int otherwise) {
        Object v = constants.get(name);
        return v == null ? otherwise : ((Number) v).intValue();
    }
}
