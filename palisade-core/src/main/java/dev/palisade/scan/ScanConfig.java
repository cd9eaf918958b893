package dev.palisade.scan;

import java.util.List;

/**
 * What a scan needs beyond the inventory.
 *
 * @param trustedRegistries registry hosts (or host/path prefixes) the organisation trusts; empty = not configured
 * @param ownerKeys         label and annotation keys that name a workload's owning team, in order of preference
 */
public record ScanConfig(List<String> trustedRegistries, List<String> ownerKeys) {

    public static final List<String> DEFAULT_OWNER_KEYS = List.of("palisade.dev/owner", "owner", "team",
            "app.kubernetes.io/owner", "app.kubernetes.io/team");

    public ScanConfig {
        trustedRegistries = List.copyOf(trustedRegistries);
        ownerKeys = ownerKeys.isEmpty() ? DEFAULT_OWNER_KEYS : List.copyOf(ownerKeys);
    }

    public static ScanConfig defaults() {
        return new ScanConfig(List.of(), List.of());
    }
}
