package dev.palisade;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Check fixtures announce what they must produce in their leading comments: {@code # expect: N} and one
 * {@code # finding: Kind namespace/name [container=NAME]} line per finding. Other {@code # key: value} lines of
 * the leading comments configure the scan ({@link #setting}).
 */
public record FixtureHeader(int count, List<String> resources) {

    private static final Pattern EXPECT = Pattern.compile("#\\s*expect:\\s*(\\d+)\\s*");
    private static final Pattern FINDING = Pattern.compile(
            "#\\s*finding:\\s*(\\S+)\\s+(\\S+)(?:\\s+container=(\\S+))?\\s*");
    private static final Pattern NAME = Pattern.compile("\\s*name:\\s*\"?([^\"\\s]+)\"?\\s*");

    /** Reads the header of a violating fixture; fails the test when it is missing or inconsistent. */
    public static FixtureHeader read(String path, String text) {
        Integer count = null;
        List<String> resources = new ArrayList<>();
        for (String line : leadingComments(text)) {
            Matcher expect = EXPECT.matcher(line);
            if (expect.matches()) {
                count = Integer.parseInt(expect.group(1));
            }
            Matcher finding = FINDING.matcher(line);
            if (finding.matches()) {
                resources.add(finding.group(1) + " " + finding.group(2)
                        + (finding.group(3) == null ? "" : " container=" + finding.group(3)));
            }
        }
        assertThat(count).as("%s must start with a '# expect: N' comment", path).isNotNull().isPositive();
        assertThat(resources).as("%s: one '# finding:' line per expected finding", path).hasSize(count);
        return new FixtureHeader(count, resources);
    }

    /**
     * The value of a {@code # key: value} line among the leading comments of a fixture, e.g.
     * {@code # image-scans: scans.yaml}; empty when there is none.
     */
    public static Optional<String> setting(String text, String key) {
        Pattern setting = Pattern.compile("#\\s*" + Pattern.quote(key) + ":\\s*(.*?)\\s*");
        return leadingComments(text).stream().map(setting::matcher).filter(Matcher::matches)
                .map(matcher -> matcher.group(1)).findFirst();
    }

    private static List<String> leadingComments(String text) {
        return Stream.of(text.split("\n")).takeWhile(line -> line.startsWith("#")).toList();
    }

    /** Whether some announced finding names a container. */
    public boolean withContainers() {
        return resources.stream().anyMatch(r -> r.contains(" container="));
    }

    /** The sub-folders of a test resource folder, sorted: one per check. */
    public static Stream<String> folders(String root) {
        URL url = FixtureHeader.class.getClassLoader().getResource(root);
        assertThat(url).as("test resource folder %s/", root).isNotNull();
        try (Stream<Path> folders = Files.list(Path.of(url.toURI()))) {
            List<String> ids = folders.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
            assertThat(ids).isNotEmpty();
            return ids.stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The metadata.name of the object whose mapping starts at {@code line} (1-based): the line must open the
     * object ({@code apiVersion:}), and its first {@code name:} line is the object's name.
     */
    public static String nameAt(String[] lines, int line) {
        String first = lines[line - 1].strip();
        if (first.startsWith("- ")) {
            first = first.substring(2).strip();
        }
        assertThat(first).as("line %d", line).startsWith("apiVersion:");
        for (int i = line; i < lines.length && !lines[i].startsWith("---"); i++) {
            Matcher name = NAME.matcher(lines[i]);
            if (name.matches()) {
                return name.group(1);
            }
        }
        return null;
    }
}
