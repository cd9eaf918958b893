package dev.palisade.source;

import dev.palisade.inventory.Snapshot;
import dev.palisade.network.ObservedFlows;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a file of observed flows (JSON or CSV, see {@link ObservedFlows}) and resolves it against an inventory. */
public final class ObservedFlowsFile {

    private ObservedFlowsFile() {
    }

    /**
     * @throws SourceException when the file cannot be read at all (missing, too large, not UTF-8 text); problems
     *                         with single flows are in the result
     */
    public static ObservedFlows read(Path file, Snapshot snapshot, long maxFileBytes) {
        String origin = file.toString();
        try {
            long size = Files.size(file);
            if (size > maxFileBytes) {
                throw new SourceException(origin + ": file is " + ManifestSource.megabytes(size)
                        + ", larger than the limit of " + ManifestSource.megabytes(maxFileBytes)
                        + " (raise it with --max-file-size)");
            }
            return ObservedFlows.parse(origin, ManifestSource.decode(Files.readAllBytes(file)), snapshot);
        } catch (CharacterCodingException e) {
            throw new SourceException(origin + ": not a text file: the content is not UTF-8");
        } catch (IOException e) {
            throw new SourceException(origin + ": " + ManifestSource.reason(e));
        }
    }
}
