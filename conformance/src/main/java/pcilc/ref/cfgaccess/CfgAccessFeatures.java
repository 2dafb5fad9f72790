package pcilc.ref.cfgaccess;

import java.util.Map;
import java.util.Set;
import pcilc.ref.Constants;

/**
 * The feature constants of spec/CfgAccess.tla, as a design's cfg sets them; the code asks them exactly where
 * it differs.
 *
 * @param blockIsLock fb51ccbf217c: blocking is a lock. pci_dev_reset() calls pci_cfg_access_lock() (sleeps
 *     while blocked) instead of pci_block_user_cfg_access(); ipr calls pci_cfg_access_trylock() and retries
 *     from a timer.
 * @param blockCounts Brian King, 2011-08-24: "Each call to pci_block increments a count. Each pci_unblock
 *     decrements the count and only actually do the unblock if the count drops to zero." Otherwise the 2011
 *     API.
 */
public record CfgAccessFeatures(boolean blockIsLock, boolean blockCounts) {
    static final String BLOCK_IS_LOCK = "BlockIsLock_fb51ccbf217c";
    static final String BLOCK_COUNTS = "BlockCounts_King2011";
    /** The code's features. */
    public static final Set<String> CODE = Set.of(BLOCK_IS_LOCK, BLOCK_COUNTS);
    /** Every constant of the module. */
    public static final Set<String> CONSTANTS = Set.of(BLOCK_IS_LOCK, BLOCK_COUNTS, "Threads");

    public static CfgAccessFeatures of(Map<String, Object> c) {
        return new CfgAccessFeatures(Constants.bool(c, BLOCK_IS_LOCK), Constants.bool(c, BLOCK_COUNTS));
    }
}
