package pcilc.ref;

/** A PCI driver: what its {@code .remove} and {@code .sriov_configure} do. */
public interface PciDriver {
    String name();

    /** drv->remove(dev). */
    void remove(PciDev dev);

    /** drv->sriov_configure(dev, numVfs); only 0 (disable) is modelled. */
    default void sriovConfigure(PciDev dev, int numVfs) {
    }
}
