package dev.palisade.inventory;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.Map;
import java.util.Optional;

/**
 * One object of the inventory: its identity, where it came from, and its typed fabric8 model
 * ({@code GenericKubernetesResource} for kinds fabric8 does not model). The resource is shared by every
 * analysis and must be treated as read-only.
 */
public record KubeObject(ObjectRef ref, SourceLocation source, HasMetadata resource) {

    public Map<String, String> labels() {
        return orEmpty(metadata().getLabels());
    }

    public Map<String, String> annotations() {
        return orEmpty(metadata().getAnnotations());
    }

    public String uid() {
        return metadata().getUid();
    }

    public ObjectMeta metadata() {
        return resource.getMetadata();
    }

    /** The resource as the given model class, when it is one. */
    public <T> Optional<T> as(Class<T> type) {
        return type.isInstance(resource) ? Optional.of(type.cast(resource)) : Optional.empty();
    }

    static Map<String, String> orEmpty(Map<String, String> map) {
        return map == null ? Map.of() : map;
    }
}
