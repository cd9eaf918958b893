package dev.palisade.report;

import dev.palisade.scan.ScanReport;
import java.io.IOException;
import java.io.Writer;

/** Writes a scan report in one output format. */
public interface ReportRenderer {

    void render(ScanReport report, Writer out) throws IOException;
}
