package dev.palisade.image;

import java.nio.file.Path;

/** Where an image (or its SBOM) is read from. */
public sealed interface ImageSource {

    /** What to call the source in messages and reports. */
    String describe();

    /** A registry reference, e.g. {@code debian:12} or {@code 127.0.0.1:5000/app@sha256:…}. */
    record Registry(String reference) implements ImageSource {
        @Override
        public String describe() {
            return reference;
        }
    }

    /** A {@code docker save} tarball or an OCI archive; {@code tag} picks one of several images (may be null). */
    record Archive(Path file, String tag) implements ImageSource {
        @Override
        public String describe() {
            return file.toString();
        }
    }

    /** An OCI image layout directory; {@code tag} picks one of several images (may be null). */
    record Layout(Path dir, String tag) implements ImageSource {
        @Override
        public String describe() {
            return dir.toString();
        }
    }

    /** A CycloneDX or SPDX JSON document listing the packages. */
    record Sbom(Path file) implements ImageSource {
        @Override
        public String describe() {
            return file.toString();
        }
    }
}
