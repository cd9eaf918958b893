package dev.palisade.image;

import dev.palisade.source.SourceException;

/**
 * An image, archive, blob or registry that cannot be read. The message names the file, blob or reference and is
 * meant for the user as it is.
 */
public class ImageException extends SourceException {

    public ImageException(String message) {
        super(message);
    }

    public ImageException(String message, Throwable cause) {
        super(message, cause);
    }
}
