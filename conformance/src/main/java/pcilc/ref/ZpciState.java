package pcilc.ref;

/** {@code enum zpci_state}, as Linux and the platform (per FID) know it; the spec's names. */
public enum ZpciState {
    STANDBY("Standby"), CONFIGURED("Configured"), RESERVED("Reserved"),
    /** The platform only (QEMU, the spec's FwQemu): configured, marked for unplug by device_del. */
    UNPLUGGING("Unplugging");

    private final String specName;

    ZpciState(String specName) {
        this.specName = specName;
    }

    public String specName() {
        return specName;
    }

    public static ZpciState bySpecName(String name) {
        for (ZpciState s : values()) {
            if (s.specName.equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("no zPCI state " + name);
    }

    @Override
    public String toString() {
        return specName;
    }
}
