package dev.palisade.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palisade.TestSupport;
import dev.palisade.compliance.ComplianceEngine;
import dev.palisade.compliance.ComplianceReport;
import dev.palisade.inventory.Snapshot;
import dev.palisade.scan.ScanConfig;
import dev.palisade.scan.Scanner;
import java.io.IOException;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ComplianceFormatTest {

    private static final ComplianceReport REPORT = report();

    private static ComplianceReport report() {
        Snapshot snapshot = TestSupport.snapshotOf("compliance-fixtures/kubeadm-defaults/cluster.yaml");
        return ComplianceEngine.of(snapshot, ScanConfig.defaults(), Scanner.scan(snapshot, ScanConfig.defaults())
                .findings()).evaluate("cis-1.12");
    }

    private static String render(String format) throws IOException {
        StringWriter out = new StringWriter();
        ComplianceFormat.parse(format).write(REPORT, out);
        return out.toString();
    }

    @Test
    void jsonIsTheDocumentedSchema() throws IOException {
        JsonNode json = JsonMapper.builder().build().readTree(render("json"));

        assertThat(json.path("standard").asString()).isEqualTo("cis-1.12");
        assertThat(json.path("controls")).hasSize(131);
        JsonNode profiling = json.path("controls").get(35);
        assertThat(profiling.path("id").asString()).isEqualTo("1.2.15");
        assertThat(profiling.path("status").asString()).isEqualTo("FAIL");
        assertThat(profiling.path("automated").asBoolean()).isTrue();
        assertThat(profiling.path("scopes").get(0).path("scope").asString()).isEqualTo("cluster");
        JsonNode evidence = profiling.path("evidence").get(0);
        assertThat(evidence.path("resource").asString()).isEqualTo("Pod kube-system/kube-apiserver-cp-1");
        assertThat(evidence.path("detail").asString()).isEqualTo("--profiling not set, expected false");
        assertThat(evidence.path("location").path("file").asString())
                .isEqualTo("compliance-fixtures/kubeadm-defaults/cluster.yaml");
        assertThat(evidence.path("location").path("line").asInt()).isPositive();
        JsonNode summary = json.path("summary");
        assertThat(summary.path("controls").asInt()).isEqualTo(131);
        assertThat(summary.path("pass").asInt() + summary.path("fail").asInt() + summary.path("manual").asInt()
                + summary.path("notApplicable").asInt()).isEqualTo(131);
        assertThat(summary.path("adherence").asInt()).isEqualTo(REPORT.summary().percent());
        assertThat(summary.path("scopes").get(0).path("kind").asString()).isEqualTo("cluster");
    }

    @Test
    void tableCsvAndHtmlShowEachControlWithItsEvidence() throws IOException {
        assertThat(render("table")).startsWith("CIS Kubernetes Benchmark v1.12 (cis-1.12)\nAdherence ")
                .contains("1.2 API Server\n", "--profiling not set, expected false", "Adherence by scope");
        String csv = render("csv");
        assertThat(csv).startsWith("standard,id,status,automated,section,title,failing scopes,details\n");
        assertThat(csv.lines()).hasSize(132);
        assertThat(render("html")).startsWith("<!DOCTYPE html>").contains("<td class=\"FAIL\">FAIL</td>")
                .doesNotContain("<script");
        assertThatThrownBy(() -> ComplianceFormat.parse("xml")).hasMessage("unknown output format 'xml' (expected"
                + " table, json, csv or html)");
    }
}
