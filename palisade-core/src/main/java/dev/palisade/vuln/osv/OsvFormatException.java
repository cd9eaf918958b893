package dev.palisade.vuln.osv;

/** An OSV document Palisade cannot read; the message names the document (file, archive entry or URL). */
public final class OsvFormatException extends RuntimeException {

    public OsvFormatException(String source, String reason) {
        super(source + ": " + reason);
    }
}
