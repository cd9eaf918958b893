package dev.palisade.image;

import dev.palisade.image.catalog.ImageCatalogue;
import java.util.List;

/**
 * What reading an image or SBOM produced.
 *
 * @param catalogue what was found
 * @param problems  what could not be read (the catalogue holds everything else)
 * @param cached    true when the catalogue came from the image cache
 */
public record ImageResult(ImageCatalogue catalogue, List<ImageProblem> problems, boolean cached) {

    public ImageResult {
        problems = List.copyOf(problems);
    }
}
