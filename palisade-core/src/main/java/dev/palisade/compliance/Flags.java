package dev.palisade.compliance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A command line's flags, parsed as kube-bench reads them: {@code --flag=value}, {@code --flag value} (the next
 * word, when it is not itself a flag) and a bare {@code --flag} (true). Every occurrence is kept: a scalar flag
 * takes its last value, as Kubernetes' flag library does, and list flags ({@code --enable-admission-plugins},
 * {@code --authorization-mode}, {@code --feature-gates}) accumulate every occurrence's comma-separated items.
 */
public record Flags(List<Flag> occurrences) {

    /** One occurrence: the name with its dashes, and the value as written ("true" for a bare flag). */
    public record Flag(String name, String value) {
    }

    public Flags {
        occurrences = List.copyOf(occurrences);
    }

    public static Flags parse(List<String> args) {
        List<Flag> flags = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String word = args.get(i);
            if (!word.startsWith("-") || word.equals("-") || word.equals("--")) {
                continue; // a positional argument, e.g. a subcommand
            }
            int equals = word.indexOf('=');
            if (equals > 0) {
                flags.add(new Flag(normalise(word.substring(0, equals)), word.substring(equals + 1)));
            } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("-")) {
                flags.add(new Flag(normalise(word), args.get(++i)));
            } else {
                flags.add(new Flag(normalise(word), "true"));
            }
        }
        return new Flags(flags);
    }

    /** {@code -v} and {@code --v} are the same flag to Kubernetes' flag library; the catalogue writes {@code --}. */
    private static String normalise(String name) {
        return name.startsWith("--") ? name : "-" + name;
    }

    public boolean isSet(String name) {
        return occurrences.stream().anyMatch(f -> f.name().equals(name));
    }

    /** The value that takes effect: the last occurrence's. */
    public Optional<String> value(String name) {
        String value = null;
        for (Flag flag : occurrences) {
            if (flag.name().equals(name)) {
                value = flag.value();
            }
        }
        return Optional.ofNullable(value);
    }

    /** The items of a list flag over every occurrence, trimmed, empty ones dropped. */
    public List<String> items(String name) {
        return occurrences.stream().filter(f -> f.name().equals(name))
                .flatMap(f -> Arrays.stream(f.value().split(","))).map(String::trim).filter(s -> !s.isEmpty())
                .toList();
    }

    /** The value as evidence shows it: every occurrence, comma-joined when repeated. */
    public Optional<String> shown(String name) {
        List<String> values = occurrences.stream().filter(f -> f.name().equals(name)).map(Flag::value).toList();
        return values.isEmpty() ? Optional.empty() : Optional.of(String.join(",", values));
    }
}
