package dev.palisade.image.source;

/**
 * A content-addressed blob as manifests name it.
 *
 * @param mediaType the blob's media type; may be null in docker-save archives
 * @param digest    {@code sha256:<hex>}
 * @param size      size in bytes, or -1 when the referrer does not state it
 * @param platform  for index entries, the platform the manifest is for; else null
 */
public record Descriptor(String mediaType, String digest, long size, Platform platform) {

    public static Descriptor of(String mediaType, String digest, long size) {
        return new Descriptor(mediaType, digest, size, null);
    }

    /** The first 12 hex digits, for messages. */
    public String shortDigest() {
        return Digests.shorten(digest);
    }
}
