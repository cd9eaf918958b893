package dev.palisade.image;

/**
 * Something in an image that could not be read, while the rest of the image was: a corrupt layer, an unsafe tar
 * entry, a package database that does not parse.
 *
 * @param where   the blob, file or entry concerned, e.g. {@code layer sha256:ab12… /var/lib/dpkg/status}
 * @param message what went wrong
 */
public record ImageProblem(String where, String message) {

    @Override
    public String toString() {
        return where + ": " + message;
    }
}
