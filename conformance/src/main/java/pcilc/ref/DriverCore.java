package pcilc.ref;

/**
 * The driver core (drivers/base/dd.c, core.c, bus.c): device_release_driver(), kill_device(), driver
 * probe, and the sysfs {@code unbind} and {@code bind} files. Each {@code k.step(...)} is a step point
 * carrying the name of the spec action that starts there; {@code cur().enter/pc/leave} keep the task's
 * shadow call stack (the spec's frames).
 */
public final class DriverCore {
    public static final int ENODEV = 19;
    public static final int EBUSY = 16;

    private final Kernel k;

    DriverCore(Kernel k) {
        this.k = k;
    }

    private static Task cur() {
        return Task.current();
    }

    /** device_release_driver(): device_lock, __device_release_driver() → the driver's .remove, unlock. */
    public void deviceReleaseDriver(PciDev dev) {
        cur().enter("device_release_driver", dev);
        k.step("DeviceReleaseDriver", dev.deviceLock);
        dev.deviceLock.lock();
        cur().pc("release");

        k.step("PciDeviceRemove");
        // __device_release_driver() -> pci_device_remove() -> drv->remove(dev).  A PF driver's .remove
        // calls pci_disable_sriov() -> sriov_del_vfs(), which has steps of its own.
        PciDriver drv = dev.driver;
        if (drv != null && dev.isPhysfn() && dev.numVfs > 0) {
            cur().pc("unlock");
            drv.remove(dev);
            k.step("DeviceReleaseDriverUnlock");
        } else if (drv != null) {
            drv.remove(dev);
        }
        dev.driver = null;
        dev.deviceLock.unlock();
        cur().leave("device_release_driver");
    }

    /** kill_device(): needs device_lock; false if the device is already dead. */
    public boolean killDevice(PciDev dev) {
        if (dev.deviceLock.owner() != Task.current()) {
            throw new IllegalStateException("kill_device(" + dev + ") without device_lock");
        }
        if (dev.dead) {
            return false;
        }
        dev.dead = true;
        return true;
    }

    /**
     * __driver_probe_device(): -ENODEV once the device is dead or no longer registered (device_del() kills it
     * first, so dead decides); else the driver binds. PCI's ADDED bit is not read.
     */
    public int driverProbeDevice(PciDriver drv, PciDev dev) {
        if (dev.dead) {
            return -ENODEV;
        }
        dev.driver = drv;
        return 0;
    }

    /** device_driver_attach(): device_lock, probe unless a driver is bound, device_unlock. */
    private int deviceDriverAttach(PciDriver drv, PciDev dev) {
        dev.deviceLock.lock();
        cur().pc("probe");
        k.step("BindStoreProbe");
        int ret = dev.driver != null ? -EBUSY : driverProbeDevice(drv, dev);
        dev.deviceLock.unlock();
        return ret;
    }

    /** sysfs bind: bind_store() → device_driver_attach(). */
    public int bindStore(PciDev dev, PciDriver drv) {
        cur().enter("bind_store", dev);
        k.step("BindStore", dev.deviceLock);
        int ret = deviceDriverAttach(drv, dev);
        cur().leave("bind_store");
        return ret;
    }

    /** sysfs unbind: dev->driver == drv is checked without the lock, then device_driver_detach(). */
    public int unbindStore(PciDev dev, PciDriver drv) {
        cur().enter("unbind_store", dev);
        k.step("UnbindStore");
        if (dev.driver != drv) {
            cur().leave("unbind_store");
            return -ENODEV;
        }
        cur().leave("unbind_store");  // tail call: device_driver_detach() -> device_release_driver()
        deviceReleaseDriver(dev);
        return 0;
    }
}
