package dev.palisade.compliance;

import dev.palisade.inventory.InputProblem;
import dev.palisade.inventory.InputText;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/** The data files bundled with Palisade under {@code compliance/}: read from the classpath, wrong data fails loudly. */
final class Bundled {

    private Bundled() {
    }

    static String text(String resource) {
        try (InputStream in = Bundled.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing from the classpath: " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Bundled data is part of the build: any problem is a defect, reported with every file and line at once. */
    static void failOn(String origin, List<InputProblem> problems) {
        if (!problems.isEmpty()) {
            throw new IllegalStateException("invalid " + origin + ":\n" + problems.stream()
                    .map(p -> "  " + p.location() + ": " + p.message()).collect(Collectors.joining("\n")));
        }
    }

    static IllegalStateException invalidYaml(String origin, YamlEngineException e) {
        int line = e instanceof MarkedYamlEngineException marked
                ? marked.getProblemMark().map(m -> m.getLine() + 1).orElse(0) : 0;
        return new IllegalStateException(origin + ": line " + line + ": invalid YAML: "
                + InputText.safeMessage(e.getMessage()));
    }
}
