package dev.palisade.cli;

import dev.palisade.inventory.ObjectRef;
import dev.palisade.inventory.Snapshot;
import dev.palisade.network.ConnectivityMap;
import dev.palisade.network.Flow;
import dev.palisade.network.NetworkModel;
import dev.palisade.network.Reachability;
import dev.palisade.report.ConnectivityFormat;
import dev.palisade.source.InventoryLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code palisade netpol}: what NetworkPolicies allow, computed with Kubernetes' semantics. */
@Command(name = "netpol", mixinStandardHelpOptions = true,
        description = "NetworkPolicy analysis: connectivity map, reachability questions.",
        subcommands = {NetpolCommand.MapCommand.class, NetpolReachCommand.class, NetpolDiffCommand.class,
                NetpolGenerateCommand.class, NetpolSimulateCommand.class})
final class NetpolCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Loads the inventory, printing input problems to standard error; shared by every netpol subcommand. */
    static Snapshot load(SourceOptions source, CommandSpec spec) {
        Snapshot snapshot = new InventoryLoader().load(source.request());
        snapshot.problems().forEach(problem -> spec.commandLine().getErr().println("palisade: " + problem));
        return snapshot;
    }

    /** Evaluates the snapshot's policies, printing what is invalid in them to standard error. */
    static Reachability reachability(Snapshot snapshot, CommandSpec spec) {
        NetworkModel model = NetworkModel.of(snapshot);
        model.policies().forEach(policy -> policy.problems().forEach(problem -> spec.commandLine().getErr()
                .println("palisade: " + policy.ref() + " (" + policy.object().source() + "): " + problem)));
        return Reachability.of(model);
    }

    /** Finds a workload by {@code name}, {@code ns/name} or {@code ns/Kind/name}; fails with the candidates. */
    static ObjectRef workload(Snapshot snapshot, String text) {
        String[] parts = text.split("/");
        List<ObjectRef> matches = snapshot.workloads().stream().map(w -> w.ref()).filter(r -> switch (parts.length) {
            case 1 -> r.name().equals(parts[0]);
            case 2 -> r.namespace().equals(parts[0]) && r.name().equals(parts[1]);
            case 3 -> r.namespace().equals(parts[0]) && r.kind().equalsIgnoreCase(parts[1]) && r.name().equals(parts[2]);
            default -> false;
        }).toList();
        if (matches.size() == 1) {
            return matches.get(0);
        }
        if (matches.isEmpty()) {
            throw new IllegalArgumentException("no workload '" + text + "' in the inventory (use NAME, NS/NAME or NS/KIND/NAME)");
        }
        throw new IllegalArgumentException("'" + text + "' names " + matches.size() + " workloads: "
                + String.join(", ", matches.stream().map(ObjectRef::toString).toList()) + "; use NS/KIND/NAME");
    }

    @Command(name = "map", mixinStandardHelpOptions = true,
            description = "Every allowed connection between workloads and external address ranges: src => dst : conns.")
    static final class MapCommand implements Callable<Integer> {

        @Mixin
        SourceOptions source;

        @Option(names = {"-o", "--output"}, defaultValue = "txt", paramLabel = "FORMAT",
                description = "txt (default), json, csv, md or dot.")
        String format;

        @Option(names = "--focus-workload", paramLabel = "WORKLOAD",
                description = "Only connections from or to this workload (NAME, NS/NAME or NS/KIND/NAME).")
        String focus;

        @Option(names = "--output-file", paramLabel = "FILE", description = "Write to FILE instead of standard output.")
        Path outputFile;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            ConnectivityFormat connectivityFormat = ConnectivityFormat.parse(format);
            Snapshot snapshot = load(source, spec);
            List<Flow> flows = ConnectivityMap.of(reachability(snapshot, spec));
            if (focus != null) {
                flows = ConnectivityMap.focus(flows, workload(snapshot, focus));
            }
            List<Flow> result = flows;
            Output.write(outputFile, spec.commandLine().getOut(), writer -> connectivityFormat.write(result, writer));
            return PalisadeCommand.EXIT_OK;
        }
    }
}
