package pcilc.ref;

import java.util.List;

/** The spec's {@code Task}: which operation each thread name runs, on which device. */
public final class Operations {
    /** Every thread name the spec knows. */
    public static final List<String> THREADS = List.of("remove_store", "unbind_store", "bind_store",
            "sriov_numvfs_store", "hotplug_pf", "hotplug_vf");

    private Operations() {
    }

    public static Runnable of(Kernel k, String thread) {
        return switch (thread) {
            case "remove_store" -> () -> k.pci.removeStore(k.pf);              // echo 1 > remove
            case "unbind_store" -> () -> k.driverCore.unbindStore(k.pf, k.pfDriver);
            case "bind_store" -> () -> k.driverCore.bindStore(k.pf, k.pfDriver);
            case "sriov_numvfs_store" -> () -> k.pci.sriovNumvfsStore(k.pf, 0); // echo 0 > sriov_numvfs
            case "hotplug_pf" -> () -> k.pci.hotplugRemove(k.pf);
            case "hotplug_vf" -> () -> k.pci.hotplugRemove(k.vf);
            default -> throw new IllegalArgumentException("unknown thread " + thread);
        };
    }
}
