package dev.palisade.cli;

import dev.palisade.compliance.NodeFacts;
import dev.palisade.source.NodeFactsCollector;
import dev.palisade.source.NodeFactsFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code palisade node-facts}: collects, read-only, what the node controls of the benchmarks need. */
@Command(name = "node-facts", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Collect this node's facts for 'palisade compliance --node-facts DIR', read-only: the"
                + " kubelet, kube-proxy and control-plane processes with their flags, the kubelet's configuration"
                + " file, and owner, group and permissions of the files the CIS benchmark judges. No other file"
                + " content is read; certificates and keys never are. Run it on every node (as root, or in a pod"
                + " with the host's root mounted and --root pointing there) and gather the files in one directory.",
                "Exit 0: facts written (what could not be read is listed in them and on stderr); 2: usage error."})
final class NodeFactsCommand implements Callable<Integer> {

    @Option(names = "--root", paramLabel = "DIR", defaultValue = "/",
            description = "The node's root file system (default: /), e.g. /host in a pod.")
    Path root;

    @Option(names = {"-o", "--output-file"}, paramLabel = "FILE",
            description = "Write the facts to FILE (or to DIR/NODE.json when FILE is a directory) instead of stdout.")
    Path output;

    @Option(names = "--node-name", paramLabel = "NAME",
            description = "The node's name in Kubernetes (default: the kubelet's --hostname-override, else the host"
                    + " name).")
    String nodeName;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("--root " + root + " is not a directory");
        }
        NodeFacts facts = new NodeFactsCollector(root, NodeFactsCollector.FileAttributes.POSIX, Clock.systemUTC())
                .collect(nodeName);
        Path file = output != null && Files.isDirectory(output) ? output.resolve(facts.node() + ".json") : output;
        Output.write(file, spec.commandLine().getOut(), writer -> NodeFactsFile.write(facts, writer));
        facts.problems().forEach(problem -> spec.commandLine().getErr().println("palisade: " + problem));
        if (file != null) {
            spec.commandLine().getErr().println("palisade: facts of node " + facts.node() + " written to " + file);
        }
        return PalisadeCommand.EXIT_OK;
    }
}
