package dev.palisade.cli;

import dev.palisade.inventory.Snapshot;
import dev.palisade.inventory.Workload;
import dev.palisade.scan.ScanConfig;
import dev.palisade.source.InventoryLoader;
import dev.palisade.vuln.ImageScans;
import dev.palisade.vuln.Vulnerability;
import dev.palisade.vuln.WorkloadImages;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** {@code palisade vuln where ID}: the images, workloads, namespaces and running pods that carry a vulnerability. */
@Command(name = "vuln", mixinStandardHelpOptions = true, description = "Vulnerabilities in the inventory's images.",
        subcommands = {VulnCommand.Where.class})
final class VulnCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "where", mixinStandardHelpOptions = true, sortOptions = false, description = {"Where a"
            + " vulnerability (CVE, GHSA, DSA... id or alias) is: images, workloads, namespaces, running pods.",
            "Exit 0 when it is found, 1 when no scanned image carries it."})
    static final class Where implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "ID", description = "e.g. CVE-2021-44228 or GHSA-jfh8-c2jp-5v3q")
        String id;

        @Parameters(index = "1..*", paramLabel = "PATH", description = "Manifest files or directories.")
        List<String> paths = new ArrayList<>();

        @Mixin
        InputOptions input;

        @Mixin
        ImageScanOptions imageScans;

        @Mixin
        TableOrJsonOptions output;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            boolean json = output.json();
            if (!imageScans.given()) {
                imageScans.scanImages = true;
            }
            Snapshot snapshot = new InventoryLoader().load(input.request(paths));
            snapshot.problems().forEach(p -> spec.commandLine().getErr().println("palisade: " + p));
            ScanConfig config = imageScans.apply(snapshot, ScanConfig.defaults(), spec.commandLine().getErr());
            WorkloadImages images = new WorkloadImages(config.evidence().get(ImageScans.class).orElseThrow());
            String wanted = id.trim().toUpperCase(Locale.ROOT);
            record Hit(Workload workload, String container, String image, Vulnerability vulnerability) {
            }
            List<Hit> hits = new ArrayList<>();
            for (Workload workload : snapshot.workloads()) {
                for (var image : images.of(workload)) {
                    if (image.scan() == null) {
                        continue;
                    }
                    image.scan().vulnerabilities().stream().filter(v -> v.id().equalsIgnoreCase(wanted)
                            || v.aliases().stream().anyMatch(a -> a.equalsIgnoreCase(wanted))).findFirst()
                            .ifPresent(v -> hits.add(new Hit(workload, image.container(), image.scan().reference(), v)));
                }
            }
            output.write(spec, out -> {
                if (json) {
                    ObjectNode root = JsonNodeFactory.instance.objectNode();
                    root.put("id", id);
                    ArrayNode list = root.putArray("workloads");
                    for (Hit hit : hits) {
                        list.addObject().put("workload", hit.workload().ref().toString())
                                .put("namespace", hit.workload().namespace()).put("container", hit.container())
                                .put("image", hit.image()).put("package", hit.vulnerability().affectedPackage().name())
                                .put("installedVersion", hit.vulnerability().installedVersion())
                                .put("fixedVersion", hit.vulnerability().fixedVersion())
                                .put("severity", hit.vulnerability().severity().name().toLowerCase(Locale.ROOT))
                                .put("runningPods", hit.workload().pods().size())
                                .put("production", WorkloadImages.production(snapshot, hit.workload().namespace()));
                    }
                    out.write(JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
                    return;
                }
                if (hits.isEmpty()) {
                    out.write(id + ": no scanned image of the inventory carries it\n");
                    return;
                }
                out.write(id + " (" + hits.get(0).vulnerability().severity().name().toLowerCase(Locale.ROOT) + "): "
                        + hits.size() + " containers\n");
                for (Hit hit : hits) {
                    out.write("  " + hit.workload().ref() + " container " + hit.container() + ": " + hit.image() + ", "
                            + hit.vulnerability().affectedPackage().name() + " " + hit.vulnerability().installedVersion()
                            + (hit.vulnerability().fixedVersion() == null ? " (no fix)" : " → " + hit.vulnerability().fixedVersion())
                            + ", " + hit.workload().pods().size() + " running pods"
                            + (WorkloadImages.production(snapshot, hit.workload().namespace()) ? ", production" : "") + "\n");
                }
            });
            return hits.isEmpty() ? PalisadeCommand.EXIT_FINDINGS : PalisadeCommand.EXIT_OK;
        }
    }
}
