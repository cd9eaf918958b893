package dev.palisade.inventory;

/** The three places a container can stand in a pod spec. */
public enum ContainerKind {
    INIT, REGULAR, EPHEMERAL;

    /** Field name in the pod spec: {@code initContainers}, {@code containers}, {@code ephemeralContainers}. */
    public String specField() {
        return switch (this) {
            case INIT -> "initContainers";
            case REGULAR -> "containers";
            case EPHEMERAL -> "ephemeralContainers";
        };
    }
}
