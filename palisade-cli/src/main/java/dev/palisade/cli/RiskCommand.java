package dev.palisade.cli;

import dev.palisade.inventory.Snapshot;
import dev.palisade.risk.RiskFactor;
import dev.palisade.risk.RiskModel;
import dev.palisade.risk.RiskScorer;
import dev.palisade.risk.WorkloadRisk;
import dev.palisade.scan.ScanConfig;
import dev.palisade.scan.ScanReport;
import dev.palisade.scan.Scanner;
import dev.palisade.source.InventoryLoader;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** {@code palisade risk}: workloads ranked by risk score, with every factor and the attack path (docs/risk.md). */
@Command(name = "risk", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Rank workloads by risk: vulnerabilities, exposure weighed by NetworkPolicies, privileges,"
                + " RBAC, findings and criticality; each factor's contribution and the attack path.")
final class RiskCommand implements Callable<Integer> {

    @Mixin
    SourceOptions source;

    @Mixin
    ConfigOptions config;

    @Mixin
    RuntimeOptions runtime;

    @Mixin
    ImageScanOptions imageScans;

    @Option(names = "--top", paramLabel = "N", defaultValue = "10", description = "How many workloads (default 10; 0 = all).")
    int top;

    @Mixin
    TableOrJsonOptions output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        boolean json = output.json();
        if (top < 0) {
            throw new IllegalArgumentException("--top must be 0 (all) or more, not " + top);
        }
        Snapshot snapshot = new InventoryLoader().load(source.request());
        snapshot.problems().forEach(problem -> spec.commandLine().getErr().println("palisade: " + problem));
        ScanConfig scanConfig = imageScans.apply(snapshot,
                runtime.apply(snapshot, config.scanConfig(true), spec.commandLine().getErr()), spec.commandLine().getErr());
        ScanReport report = Scanner.scan(snapshot, scanConfig);
        List<WorkloadRisk> risks = new RiskScorer(RiskModel.defaults()).score(snapshot, scanConfig, report.findings());
        List<WorkloadRisk> shown = top == 0 ? risks : risks.stream().limit(top).toList();
        output.write(spec, writer -> {
            if (json) {
                writer.write(JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(json(shown)));
                writer.write('\n');
            } else {
                for (WorkloadRisk risk : shown) {
                    writer.write(String.format("%3d  %6.1f  %s%n", risk.rank(), risk.score(), risk.workload()));
                    writer.write("           why:  " + risk.why() + "\n");
                    writer.write("           path: " + String.join(" → ", risk.path()) + "\n");
                }
            }
        });
        return PalisadeCommand.EXIT_OK;
    }

    /** {@code {"workloads":[{"resource":{kind,namespace,name},"score","rank","factors":[...],"path":[...]}]}}. */
    private static ObjectNode json(List<WorkloadRisk> risks) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ArrayNode workloads = root.putArray("workloads");
        for (WorkloadRisk risk : risks) {
            ObjectNode node = workloads.addObject();
            node.putObject("resource").put("kind", risk.workload().kind()).put("namespace", risk.workload().namespace())
                    .put("name", risk.workload().name());
            node.put("score", risk.score()).put("rank", risk.rank());
            ArrayNode factors = node.putArray("factors");
            for (RiskFactor factor : risk.factors()) {
                factors.addObject().put("name", factor.name()).put("value", Math.round(factor.value() * 1000) / 1000.0)
                        .put("contribution", Math.round(factor.contribution() * 10) / 10.0).put("detail", factor.detail());
            }
            risk.path().forEach(node.putArray("path")::add);
        }
        return root;
    }
}
