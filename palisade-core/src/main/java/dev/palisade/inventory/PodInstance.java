package dev.palisade.inventory;

import java.util.List;

/**
 * A live pod of a workload, as a cluster reported it.
 *
 * @param images what each container is actually running: the image and the resolved image ID (digest)
 */
public record PodInstance(String name, String node, String phase, List<RunningImage> images) {

    public PodInstance {
        images = List.copyOf(images);
    }

    /** The image a container of a live pod runs, with the digest the runtime resolved. */
    public record RunningImage(String container, String image, String imageId) {
    }
}
