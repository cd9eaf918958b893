package dev.palisade.scan;

import java.util.Map;
import java.util.Optional;

/**
 * Data a scan can weigh beyond the inventory, each kind given by its own capability: image scan results,
 * observed network flows, runtime alerts. Keyed by type, so the scan contract does not depend on the packages
 * that produce them; an analysis asks for the kind it understands and says what is missing when it is absent.
 */
public final class Evidence {

    public static final Evidence NONE = new Evidence(Map.of());

    private final Map<Class<?>, Object> items;

    private Evidence(Map<Class<?>, Object> items) {
        this.items = Map.copyOf(items);
    }

    public <T> Optional<T> get(Class<T> type) {
        return Optional.ofNullable(type.cast(items.get(type)));
    }

    /** This evidence plus one item (replacing an item of the same type). */
    public <T> Evidence with(Class<T> type, T item) {
        java.util.HashMap<Class<?>, Object> copy = new java.util.HashMap<>(items);
        copy.put(type, type.cast(item));
        return new Evidence(copy);
    }

    @Override
    public String toString() {
        return "Evidence" + items.keySet().stream().map(Class::getSimpleName).sorted().toList();
    }
}
