package dev.palisade.cli;

import dev.palisade.inventory.Snapshot;
import dev.palisade.network.FlowDiff;
import dev.palisade.network.ObservedFlows;
import dev.palisade.report.NetpolRenderer;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code palisade netpol diff}: allowed paths never used, and observed flows the policies deny. */
@Command(name = "diff", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Compare what the NetworkPolicies allow with observed flows: allowed paths never (or only"
                + " partly) used, and observed flows the policies deny, with the side that denies them.",
                "Exit 0: done; 1: --fail-on-denied and some observed flow is denied; 2: usage or input error."})
final class NetpolDiffCommand implements Callable<Integer> {

    @Mixin
    FlowsOptions flows;

    @Mixin
    SourceOptions source;

    @Mixin
    TableOrJsonOptions output;

    @Option(names = "--fail-on-denied", description = "Exit 1 when the policies deny some observed flow.")
    boolean failOnDenied;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        output.json();
        Snapshot snapshot = NetpolCommand.load(source, spec);
        ObservedFlows observed = flows.load(snapshot, source, spec);
        FlowDiff.Result result = FlowDiff.of(NetpolCommand.reachability(snapshot, spec), observed.flows());
        output.write(spec, writer -> NetpolRenderer.diff(result, observed.problems(), output.format, writer));
        return failOnDenied && !result.denied().isEmpty() ? PalisadeCommand.EXIT_FINDINGS : PalisadeCommand.EXIT_OK;
    }
}
