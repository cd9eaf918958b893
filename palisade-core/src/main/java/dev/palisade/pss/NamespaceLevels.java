package dev.palisade.pss;

import dev.palisade.inventory.KubeObject;
import java.util.Map;
import java.util.Optional;

/**
 * The Pod Security Admission labels of a namespace: {@code pod-security.kubernetes.io/<mode>} and
 * {@code <mode>-version}, for the modes enforce, audit and warn.
 */
public record NamespaceLevels(Optional<Mode> enforce, Optional<Mode> audit, Optional<Mode> warn) {

    public static final String PREFIX = "pod-security.kubernetes.io/";

    /** A level and version set for one mode; an invalid value is kept as written so it can be reported. */
    public record Mode(String level, String version) {

        public Optional<PssLevel> parsedLevel() {
            try {
                return Optional.of(PssLevel.parse(level));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }

        /** The version, {@code latest} when unset (as the admission plugin defaults it). */
        public PssVersion parsedVersion() {
            try {
                return PssVersion.parse(version == null ? "latest" : version);
            } catch (IllegalArgumentException e) {
                return PssVersion.LATEST;
            }
        }

        @Override
        public String toString() {
            return level + (version == null ? "" : ":" + version);
        }
    }

    public static NamespaceLevels of(KubeObject namespace) {
        return of(namespace.labels());
    }

    public static NamespaceLevels of(Map<String, String> labels) {
        return new NamespaceLevels(mode(labels, "enforce"), mode(labels, "audit"), mode(labels, "warn"));
    }

    private static Optional<Mode> mode(Map<String, String> labels, String mode) {
        String level = labels.get(PREFIX + mode);
        return level == null ? Optional.empty() : Optional.of(new Mode(level, labels.get(PREFIX + mode + "-version")));
    }
}
