package pcilc.ref;

/**
 * One frame of a task's shadow call stack: the kernel function, the label it is at, its device, and for
 * the frames of s390 zPCI code ({@code IsZFrame} in spec/ZpciLifecycle.tla) the zPCI fields {@link #z()}.
 */
public record Frame(String proc, String pc, String dev, Z z) {

    /**
     * The zPCI frame fields: {@code zdev} the zpci_dev instance the code works on (0: none), {@code ref} the
     * frame owns one kref of it, {@code pdev} the frame owns a pci_dev reference (1; 2: it still has the
     * pointer but already dropped the reference; 0: none), {@code pec} the event being handled, {@code fh}
     * the event's function handle (ccdf->fh).
     */
    public record Z(int zdev, boolean ref, int pdev, String pec, ZpciFh fh) {
        public static final Z NONE = new Z(0, false, 0, "none");

        public Z(int zdev, boolean ref, int pdev, String pec) {
            this(zdev, ref, pdev, pec, ZpciFh.NONE);
        }
    }

    /** A PCI-core frame. */
    public Frame(String proc, String pc, String dev) {
        this(proc, pc, dev, null);
    }

    public Frame withPc(String label) {
        return new Frame(proc, label, dev, z);
    }

    public Frame withZ(Z newZ) {
        return new Frame(proc, pc, dev, newZ);
    }
}
