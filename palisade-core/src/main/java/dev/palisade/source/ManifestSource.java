package dev.palisade.source;

import dev.palisade.inventory.InputProblem;
import dev.palisade.inventory.RawDocument;
import dev.palisade.inventory.SourceLocation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Reads manifests from files, directories (recursively: {@code .yaml}, {@code .yml}, {@code .json}) and
 * stdin ({@code -}). Output of {@code helm template} and {@code kubectl kustomize} is plain multi-document
 * YAML and needs nothing special. Every problem names the file (and document and line where there is one);
 * the other inputs are still read.
 */
public final class ManifestSource {

    /** Default upper bound for one input file: larger files are refused with a clear message. */
    public static final long DEFAULT_MAX_FILE_BYTES = 32L * 1024 * 1024;

    private final long maxFileBytes;
    private final ManifestParser parser;

    public ManifestSource(long maxFileBytes) {
        this.maxFileBytes = maxFileBytes;
        this.parser = new ManifestParser((int) Math.min(Integer.MAX_VALUE, maxFileBytes));
    }

    public ManifestSource() {
        this(DEFAULT_MAX_FILE_BYTES);
    }

    /** One input to read: a file, or stdin with its stream. */
    private record Input(String origin, Path file, boolean json) {
    }

    public Loaded load(List<String> paths, InputStream stdin) {
        ManifestParser.Result<RawDocument> result = load(paths, stdin, Function.identity());
        return new Loaded(result.items(), result.problems());
    }

    /**
     * Reads the paths and hands each document to {@code each} as soon as it is parsed (files and documents in
     * parallel); the result keeps input order.
     */
    public <T> ManifestParser.Result<T> load(List<String> paths, InputStream stdin, Function<RawDocument, T> each) {
        List<InputProblem> problems = new ArrayList<>();
        List<Input> inputs = new ArrayList<>();
        for (String path : paths) {
            if (path.equals("-")) {
                inputs.add(new Input("<stdin>", null, false));
            } else {
                collect(Path.of(path), inputs, problems);
            }
        }
        List<ManifestParser.Result<T>> results = inputs.parallelStream()
                .map(input -> read(input, stdin, each))
                .toList();
        List<T> items = new ArrayList<>();
        for (ManifestParser.Result<T> result : results) {
            items.addAll(result.items());
            problems.addAll(result.problems());
        }
        return new ManifestParser.Result<>(items, problems);
    }

    /** Parses manifest text that did not come from a file (bundled resources, tests). */
    public Loaded parse(String origin, String text) {
        ManifestParser.Result<RawDocument> result = parser.parse(origin, text, ManifestParser.looksLikeJson(text));
        return new Loaded(result.items(), result.problems());
    }

    private void collect(Path path, List<Input> inputs, List<InputProblem> problems) {
        if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            problems.add(InputProblem.error(SourceLocation.file(path.toString()), "no such file or directory"));
            return;
        }
        if (!Files.isDirectory(path)) {
            inputs.add(new Input(path.toString(), path, isJsonName(path)));
            return;
        }
        List<Path> files = new ArrayList<>();
        try {
            Files.walkFileTree(path, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                            boolean hidden = !dir.equals(path) && dir.getFileName().toString().startsWith(".");
                            return hidden ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                            if (isManifestName(file)) {
                                files.add(file);
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path file, IOException e) {
                            if (isManifestName(file) || Files.isDirectory(file)) {
                                problems.add(InputProblem.error(SourceLocation.file(file.toString()), reason(e)));
                            }
                            return FileVisitResult.CONTINUE;
                        }
                    });
        } catch (IOException e) {
            problems.add(InputProblem.error(SourceLocation.file(path.toString()), reason(e)));
        }
        files.stream().sorted().forEach(file -> inputs.add(new Input(file.toString(), file, isJsonName(file))));
    }

    private static boolean isManifestName(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
    }

    private static boolean isJsonName(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
    }

    private <T> ManifestParser.Result<T> read(Input input, InputStream stdin, Function<RawDocument, T> each) {
        SourceLocation location = SourceLocation.file(input.origin());
        byte[] bytes;
        try {
            bytes = input.file() == null ? readLimited(stdin) : readFile(input.file());
        } catch (TooLargeException e) {
            return failure(location, e.getMessage());
        } catch (IOException e) {
            return failure(location, reason(e));
        }
        String text;
        try {
            text = decode(bytes);
        } catch (CharacterCodingException e) {
            return failure(location, "not a text file: the content is not UTF-8 (binary data?)");
        }
        int nul = text.indexOf('\0');
        if (nul >= 0) {
            return failure(location, "not a text file: it contains a NUL byte at offset " + nul + " (binary data?)");
        }
        boolean json = input.file() == null ? ManifestParser.looksLikeJson(text) : input.json();
        return parser.parse(input.origin(), text, json, each);
    }

    private static <T> ManifestParser.Result<T> failure(SourceLocation location, String message) {
        return new ManifestParser.Result<>(List.of(), List.of(InputProblem.error(location, message)));
    }

    private static final class TooLargeException extends IOException {
        TooLargeException(String message) {
            super(message);
        }
    }

    private byte[] readFile(Path file) throws IOException {
        long size = Files.size(file);
        if (size > maxFileBytes) {
            throw new TooLargeException(tooLarge(size));
        }
        return Files.readAllBytes(file);
    }

    private byte[] readLimited(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxFileBytes + 1));
        if (bytes.length > maxFileBytes) {
            throw new TooLargeException("stdin is larger than the limit of " + megabytes(maxFileBytes)
                    + " (raise it with --max-file-size)");
        }
        return bytes;
    }

    private String tooLarge(long size) {
        return "file is " + megabytes(size) + ", larger than the limit of " + megabytes(maxFileBytes)
                + " (raise it with --max-file-size)";
    }

    static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }

    static String decode(byte[] bytes) throws CharacterCodingException {
        int offset = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
                && (bytes[2] & 0xFF) == 0xBF ? 3 : 0; // UTF-8 byte order mark
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes, offset, bytes.length - offset))
                .toString();
    }

    /** A short reason for an I/O failure, without a stack trace. */
    static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemLoopException) {
            return "symbolic link loop";
        }
        if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) {
            return "cannot read: " + fs.getReason();
        }
        return "cannot read: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }
}
