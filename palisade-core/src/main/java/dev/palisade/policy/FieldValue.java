package dev.palisade.policy;

/**
 * One value of a field for one subject.
 *
 * @param value what criteria match against (for key/value fields {@code key=value})
 * @param path  the field it was read from, relative to the pod spec for workload fields and to the object
 *              otherwise, e.g. {@code containers[0].securityContext.privileged}; empty when derived
 * @param text  how a finding message names it, e.g. {@code mounts host path /var/run/docker.sock writable};
 *              never a secret value
 */
public record FieldValue(String value, String path, String text) {

    public static FieldValue of(String value, String path, String text) {
        return new FieldValue(value, path == null ? "" : path, text);
    }

    public static FieldValue bool(boolean value, String path, String whenTrue, String whenFalse) {
        return new FieldValue(String.valueOf(value), path == null ? "" : path, value ? whenTrue : whenFalse);
    }
}
