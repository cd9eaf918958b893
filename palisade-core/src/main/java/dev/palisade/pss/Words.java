package dev.palisade.pss;

import java.util.Collection;
import java.util.stream.Collectors;

/** The admission plugin's way of naming things in messages. */
final class Words {

    private Words() {
    }

    static String plural(String singular, String plural, int count) {
        return count == 1 ? singular : plural;
    }

    /** {@code "a", "b"} */
    static String quoted(Collection<String> values) {
        return values.stream().map(v -> "\"" + v + "\"").collect(Collectors.joining(", "));
    }

    /** {@code container "a"} or {@code containers "a", "b"} */
    static String containers(Collection<String> names) {
        return plural("container", "containers", names.size()) + " " + quoted(names);
    }
}
