package dev.palisade.cli;

import dev.palisade.inventory.Snapshot;
import dev.palisade.network.ObservedFlows;
import dev.palisade.network.PolicyGenerator;
import dev.palisade.report.NetpolRenderer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code palisade netpol generate}: least-privilege NetworkPolicies from observed flows. */
@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write least-privilege NetworkPolicies (YAML) from observed flows: per namespace a default deny"
                + " and DNS egress to kube-dns; per workload ingress and egress policies allowing exactly its observed"
                + " flows. They are meant to replace the existing policies.",
                "Warnings (workloads labels cannot tell apart, and what the policies allow beyond the flows because of"
                        + " them) go to standard error. Exit 0: done; 2: usage or input error."})
final class NetpolGenerateCommand implements Callable<Integer> {

    @Mixin
    FlowsOptions flows;

    @Mixin
    SourceOptions source;

    @Option(names = "--output-file", paramLabel = "FILE", description = "Write to FILE instead of standard output.")
    Path outputFile;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Snapshot snapshot = NetpolCommand.load(source, spec);
        ObservedFlows observed = flows.load(snapshot, source, spec);
        PolicyGenerator.Result result = PolicyGenerator.generate(snapshot, observed.flows());
        Output.write(outputFile, spec.commandLine().getOut(), writer -> NetpolRenderer.yaml(result.policies(), writer));
        PrintWriter err = spec.commandLine().getErr();
        result.warnings().forEach(warning -> err.println("palisade: warning: " + warning));
        result.deviations().forEach(change -> err.println("palisade: warning: the policies also allow "
                + change.source().label() + " => " + change.destination().label() + " : " + change.added()
                + (change.removed().isEmpty() ? "" : ", and leave out observed " + change.removed())));
        return PalisadeCommand.EXIT_OK;
    }
}
