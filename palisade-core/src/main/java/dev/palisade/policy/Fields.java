package dev.palisade.policy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Every field criteria can name, by target; names compare case-insensitively. */
public final class Fields {

    private static final List<Field> ALL;
    private static final Map<String, Field> BY_KEY = new HashMap<>();

    static {
        List<Field> all = new ArrayList<>();
        all.addAll(WorkloadFields.all());
        all.addAll(ObjectFields.all());
        ALL = Collections.unmodifiableList(all);
        for (Field field : ALL) {
            if (BY_KEY.put(key(field.target(), field.name()), field) != null) {
                throw new IllegalStateException("field defined twice: " + field.name() + " for " + field.target());
            }
        }
    }

    private Fields() {
    }

    private static String key(Target target, String name) {
        return target + "/" + name.toLowerCase(Locale.ROOT).replaceAll("[\\s_-]+", " ").trim();
    }

    public static Optional<Field> find(Target target, String name) {
        return Optional.ofNullable(BY_KEY.get(key(target, name)));
    }

    public static List<Field> all() {
        return ALL;
    }

    public static List<Field> of(Target target) {
        return ALL.stream().filter(f -> f.target() == target).toList();
    }
}
