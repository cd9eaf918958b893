package dev.palisade.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palisade.inventory.Snapshot;
import dev.palisade.scan.ScanConfig;
import dev.palisade.scan.ScanReport;
import dev.palisade.scan.Scanner;
import dev.palisade.TestSupport;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

/** Scans the report fixtures and renders them. */
final class Reports {

    /** Where the mixed fixture pretends to come from: a relative path with a space. */
    static final String MIXED_ORIGIN = "deploy/prod cluster/mixed.yaml";

    static final ScanConfig CONFIG = new ScanConfig(List.of("registry.corp.example", "docker.io/library"), List.of());

    private Reports() {
    }

    static ScanReport scan(String origin, String resource) {
        Snapshot snapshot = TestSupport.snapshot(origin, TestSupport.resource(resource));
        return Scanner.scan(snapshot, CONFIG);
    }

    /** The mixed fixture, which loads without problems and has findings of HIGH, MEDIUM and LOW. */
    static ScanReport mixed() {
        ScanReport report = scan(MIXED_ORIGIN, "report/mixed.yaml");
        assertThat(report.problems()).isEmpty();
        return report;
    }

    static String render(ReportRenderer renderer, ScanReport report) {
        StringWriter out = new StringWriter();
        try {
            renderer.render(report, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    static String render(OutputFormat format, boolean colour, ScanReport report) {
        return render(format.renderer(colour), report);
    }
}
