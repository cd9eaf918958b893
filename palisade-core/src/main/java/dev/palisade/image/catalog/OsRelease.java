package dev.palisade.image.catalog;

/**
 * The distribution an image is built on, from {@code /etc/os-release} or the distribution's own files.
 *
 * @param id         lowercase distribution id as os-release writes it: {@code debian}, {@code alpine}, {@code centos}
 * @param versionId  release, e.g. {@code 12}, {@code 3.19.1}, {@code 8.9}; null when unknown (e.g. Debian sid)
 * @param codename   e.g. {@code bookworm}; null when none
 * @param prettyName for display; null when none
 */
public record OsRelease(String id, String versionId, String codename, String prettyName) {
}
