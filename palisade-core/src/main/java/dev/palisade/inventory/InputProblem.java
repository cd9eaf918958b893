package dev.palisade.inventory;

/**
 * A problem met while reading input: an ERROR means an object (or a whole file or endpoint) could not
 * be loaded; a WARNING means something was loaded only in part, or ignored on purpose.
 */
public record InputProblem(Level level, SourceLocation location, String message) {

    public enum Level { ERROR, WARNING }

    public static InputProblem error(SourceLocation location, String message) {
        return new InputProblem(Level.ERROR, location, message);
    }

    public static InputProblem warning(SourceLocation location, String message) {
        return new InputProblem(Level.WARNING, location, message);
    }

    @Override
    public String toString() {
        return level.name().toLowerCase(java.util.Locale.ROOT) + ": " + location + ": " + message;
    }
}
