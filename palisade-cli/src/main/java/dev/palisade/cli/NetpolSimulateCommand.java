package dev.palisade.cli;

import dev.palisade.inventory.KubeObject;
import dev.palisade.inventory.Snapshot;
import dev.palisade.network.ParsedPolicy;
import dev.palisade.network.PolicySimulation;
import dev.palisade.network.Reachability;
import dev.palisade.report.NetpolRenderer;
import dev.palisade.source.InventoryLoader;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code palisade netpol simulate}: the reachability change proposed NetworkPolicies would cause. */
@Command(name = "simulate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Show the connections proposed NetworkPolicies would add, remove or change: they are applied"
                + " on top of the existing policies, a proposed policy replacing an existing one of the same namespace"
                + " and name.", "Exit 0: done; 2: usage or input error."})
final class NetpolSimulateCommand implements Callable<Integer> {

    @Option(names = "--with", required = true, paramLabel = "FILE",
            description = "The proposed NetworkPolicies: a manifest file or directory.")
    Path proposed;

    @Mixin
    SourceOptions source;

    @Mixin
    TableOrJsonOptions output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        output.json();
        Snapshot snapshot = NetpolCommand.load(source, spec);
        Reachability before = NetpolCommand.reachability(snapshot, spec);
        PolicySimulation simulation = PolicySimulation.of(snapshot, before, proposedPolicies());
        output.write(spec, writer -> NetpolRenderer.simulation(simulation, output.format, writer));
        return PalisadeCommand.EXIT_OK;
    }

    /** The NetworkPolicies of --with; its problems and other objects are reported on standard error. */
    private List<ParsedPolicy> proposedPolicies() {
        PrintWriter err = spec.commandLine().getErr();
        Snapshot file = new InventoryLoader().load(new InventoryLoader.Request(List.of(proposed.toString()),
                InputStream.nullInputStream(), null, null, InputOptions.parseSize(source.input.maxFileSize)));
        file.problems().forEach(problem -> err.println("palisade: " + problem));
        List<ParsedPolicy> policies = new ArrayList<>();
        for (KubeObject object : file.objects()) {
            if (object.as(NetworkPolicy.class).isEmpty()) {
                err.println("palisade: " + object.source() + ": " + object.ref() + " is not a networking.k8s.io/v1"
                        + " NetworkPolicy: ignored");
                continue;
            }
            ParsedPolicy policy = ParsedPolicy.of(object);
            policy.problems().forEach(problem -> err.println("palisade: " + policy.ref() + " (" + object.source() + "): "
                    + problem));
            policies.add(policy);
        }
        if (policies.isEmpty()) {
            throw new IllegalArgumentException(proposed + ": no NetworkPolicy to simulate");
        }
        return policies;
    }
}
