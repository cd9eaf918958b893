package dev.palisade.inventory;

import io.fabric8.kubernetes.api.model.Container;

/**
 * A container of a workload's pod template.
 *
 * @param image the parsed image reference, or null when {@code imageReference} is not one a runtime accepts
 * @param spec  the container spec (ephemeral containers are carried in the same model)
 */
public record WorkloadContainer(String name, ContainerKind kind, String imageReference, ImageRef image,
                                Container spec) {
}
