package dev.palisade.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palisade.scan.ScanConfig;
import dev.palisade.scan.ScanReport;
import dev.palisade.scan.Scanner;
import dev.palisade.TestSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class TableRendererTest {

    private static final char ESC = '\u001b';

    @Test
    void noColourMeansNoEscapeSequence() {
        String text = Reports.render(new TableRenderer(false), Reports.mixed());

        assertThat(text).doesNotContain(String.valueOf(ESC));
        assertThat(text).contains("posture report", " 1. Where do the images", "12. How far does each cluster",
                "Findings (", "HIGH      privileged-container  DaemonSet kube-system/csi-node");
    }

    @Test
    void colourUsesEscapeSequences() {
        String text = Reports.render(new TableRenderer(true), Reports.mixed());

        assertThat(text).contains(String.valueOf(ESC), "\u001b[0m");
        // the same text once the colour codes are removed
        assertThat(text.replaceAll("\u001b\\[[0-9;]*m", ""))
                .isEqualTo(Reports.render(new TableRenderer(false), Reports.mixed()));
    }

    @Test
    void answerTablesAreCutAfterThirtyRows() {
        StringBuilder yaml = new StringBuilder();
        for (int i = 1; i <= 40; i++) {
            yaml.append(String.format("""
                    apiVersion: v1
                    kind: Service
                    metadata:
                      name: svc-%02d
                      namespace: shop
                    spec:
                      type: NodePort
                      selector: {app: svc-%02d}
                      ports:
                        - port: 80
                          nodePort: %d
                    ---
                    """, i, i, 30000 + i));
        }
        ScanReport report = Scanner.scan(TestSupport.snapshot("many.yaml", yaml.toString()), ScanConfig.defaults());
        assertThat(report.answers().get(6).table().rows()).hasSize(40);

        String text = Reports.render(new TableRenderer(false), report);
        String answer7 = text.substring(text.indexOf(" 7. "), text.indexOf(" 8. "));
        assertThat(answer7).contains("Service shop/svc-01", "Service shop/svc-30")
                .doesNotContain("Service shop/svc-31", "Service shop/svc-40")
                .contains("... 10 more rows (-o json or -o html show all)");
        // the cut is only in the text report: every finding is still listed
        assertThat(text.substring(text.indexOf("Findings ("))).contains("Service shop/svc-40");
        JsonNode json = JsonMapper.builder().build().readTree(Reports.render(new JsonRenderer(), report));
        assertThat(json.path("answers").get(6).path("rows").size()).isEqualTo(40);
        assertThat(Reports.render(new HtmlRenderer(), report)).contains("Service shop/svc-40");
    }

    @Test
    void thirtyRowsAreNotCut() {
        StringBuilder yaml = new StringBuilder();
        for (int i = 1; i <= 30; i++) {
            yaml.append(String.format("""
                    apiVersion: v1
                    kind: Service
                    metadata: {name: svc-%02d, namespace: shop}
                    spec:
                      type: NodePort
                      ports: [{port: 80}]
                    ---
                    """, i));
        }
        ScanReport report = Scanner.scan(TestSupport.snapshot("thirty.yaml", yaml.toString()), ScanConfig.defaults());
        assertThat(Reports.render(new TableRenderer(false), report)).doesNotContain("more rows");
    }
}
