package dev.palisade.cli;

import dev.palisade.inventory.ObjectRef;
import dev.palisade.inventory.Snapshot;
import dev.palisade.inventory.Workload;
import dev.palisade.network.Connections;
import dev.palisade.network.IpSet;
import dev.palisade.network.Protocol;
import dev.palisade.network.ReachQuery;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** {@code palisade netpol reach}: one connection question, with the rules that decide it on both sides. */
@Command(name = "reach", mixinStandardHelpOptions = true,
        description = {"May --from connect to --to? Prints the verdict and, for each side, the policies that isolate it"
                + " and the rules that allow it.", "Exit code 0 when allowed, 1 when denied."})
final class NetpolReachCommand implements Callable<Integer> {

    @Mixin
    SourceOptions source;

    @Option(names = "--from", required = true, paramLabel = "WORKLOAD|IP",
            description = "The source: a workload (NAME, NS/NAME or NS/KIND/NAME) or an IP address outside the cluster.")
    String from;

    @Option(names = "--to", required = true, paramLabel = "WORKLOAD|IP", description = "The destination, likewise.")
    String to;

    @Option(names = "--port", paramLabel = "PORT[/PROTOCOL]",
            description = "Ask about one port, e.g. 5432 or 53/UDP (TCP when no protocol); default: every port.")
    String port;

    @Mixin
    TableOrJsonOptions output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws java.io.IOException {
        boolean json = output.json();
        Protocol protocol = Protocol.TCP;
        Integer number = null;
        if (port != null) {
            String[] parts = port.split("/", 2);
            try {
                number = Integer.parseInt(parts[0].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--port '" + port + "': expected PORT or PORT/PROTOCOL, e.g. 53/UDP");
            }
            if (number < 1 || number > 65535) {
                throw new IllegalArgumentException("--port " + number + " is outside 1-65535");
            }
            if (parts.length == 2) {
                protocol = Protocol.parse(parts[1]).orElseThrow(() -> new IllegalArgumentException(
                        "--port '" + port + "': protocol must be TCP, UDP or SCTP"));
            }
        }
        Snapshot snapshot = NetpolCommand.load(source, spec);
        var reachability = NetpolCommand.reachability(snapshot, spec);
        ReachQuery.Answer answer = ReachQuery.ask(reachability, end(snapshot, from), end(snapshot, to));
        boolean allowed = number == null ? !answer.allowed().isEmpty() : answer.allowed().allows(protocol, number);
        String question = number == null ? "any port" : number + "/" + protocol;
        output.write(spec, out -> {
            if (json) {
                ObjectNode node = JsonNodeFactory.instance.objectNode();
                node.put("source", answer.source()).put("destination", answer.destination()).put("port", question)
                        .put("allowed", allowed).put("connections", answer.allowed().toString());
                side(node, "egress", answer.egress());
                side(node, "ingress", answer.ingress());
                out.write(JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n");
                return;
            }
            out.write(answer.source() + " => " + answer.destination() + " (" + question + "): "
                    + (allowed ? "ALLOWED" : "DENIED") + " — allowed connections: " + answer.allowed() + "\n");
            for (ReachQuery.Side side : java.util.Arrays.asList(answer.egress(), answer.ingress())) {
                if (side != null) {
                    out.write("  " + side.explanation() + "\n");
                }
            }
        });
        return allowed ? PalisadeCommand.EXIT_OK : PalisadeCommand.EXIT_FINDINGS;
    }

    private static void side(ObjectNode node, String name, ReachQuery.Side side) {
        if (side == null) {
            node.putNull(name);
            return;
        }
        ObjectNode object = node.putObject(name);
        object.put("subject", side.subject()).put("isolated", side.isolated())
                .put("allowed", side.allowed().toString());
        side.isolatingPolicies().forEach(object.putArray("isolatingPolicies")::add);
        side.allowingRules().forEach(object.putArray("allowingRules")::add);
        object.put("explanation", side.explanation());
    }

    private static ReachQuery.End end(Snapshot snapshot, String text) {
        if (IpSet.parse(text).isPresent() && !text.contains("/")) {
            return new ReachQuery.AddressEnd(text.trim());
        }
        ObjectRef ref = NetpolCommand.workload(snapshot, text);
        Workload workload = snapshot.workloads().stream().filter(w -> w.ref().equals(ref)).findFirst().orElseThrow();
        return new ReachQuery.WorkloadEnd(workload);
    }
}
