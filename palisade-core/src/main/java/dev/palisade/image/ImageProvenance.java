package dev.palisade.image;

import dev.palisade.inventory.ImageRef;
import dev.palisade.inventory.Snapshot;
import dev.palisade.inventory.Workload;
import dev.palisade.inventory.WorkloadContainer;
import dev.palisade.scan.Analysis;
import dev.palisade.scan.Answer;
import dev.palisade.scan.Finding;
import dev.palisade.scan.ScanConfig;
import dev.palisade.scan.Table;
import dev.palisade.scan.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Question 1: where the images in use come from (the inventory), and which are untrusted (the findings of
 * policy {@value #UNTRUSTED}).
 */
public final class ImageProvenance implements Analysis {

    static final String UNTRUSTED = "image-untrusted-registry";

    private record RegistryUse(Set<String> images, Set<String> untrustedImages, Set<String> workloads) {
    }

    @Override
    public Result analyze(Snapshot snapshot, ScanConfig config, List<Finding> policyFindings) {
        Set<String> untrustedContainers = Analysis.of(policyFindings, UNTRUSTED).stream()
                .map(f -> f.resource().identity() + "#" + f.container()).collect(Collectors.toSet());
        boolean configured = new RegistryMatcher(config.trustedRegistries()).configured();
        Map<String, RegistryUse> registries = new TreeMap<>();
        for (Workload workload : snapshot.workloads()) {
            for (WorkloadContainer container : workload.containers()) {
                ImageRef image = container.image();
                if (image == null) {
                    continue;
                }
                RegistryUse use = registries.computeIfAbsent(image.registry(),
                        r -> new RegistryUse(new TreeSet<>(), new TreeSet<>(), new TreeSet<>()));
                use.images().add(image.fullReference());
                use.workloads().add(workload.ref().identity());
                if (untrustedContainers.contains(workload.ref().identity() + "#" + container.name())) {
                    use.untrustedImages().add(image.fullReference());
                }
            }
        }
        Table.Builder table = new Table.Builder("registry", "trusted", "images", "workloads");
        List<String> untrusted = new ArrayList<>();
        int images = 0;
        int untrustedImages = 0;
        for (Map.Entry<String, RegistryUse> entry : registries.entrySet()) {
            RegistryUse use = entry.getValue();
            images += use.images().size();
            int untrustedCount = use.untrustedImages().size();
            String trust = !configured ? "not configured" : untrustedCount == 0 ? "yes"
                    : untrustedCount == use.images().size() ? "no" : "partly: " + untrustedCount + " untrusted";
            if (untrustedCount > 0) {
                untrusted.add(entry.getKey());
                untrustedImages += untrustedCount;
            }
            table.row(entry.getKey(), trust, String.valueOf(use.images().size()), String.valueOf(use.workloads().size()));
        }
        String summary = Text.count(images, "distinct image") + " from " + registries.size()
                + (registries.size() == 1 ? " registry." : " registries.");
        Answer.Status status = Answer.Status.ANSWERED;
        String needs = "";
        if (!configured) {
            status = Answer.Status.PARTIAL;
            needs = "Name the trusted registries (trustedRegistries in palisade.yaml, or --trusted-registry"
                    + " HOST[/PATH]) to tell which images come from untrusted ones.";
        } else {
            summary += untrusted.isEmpty() ? " All come from trusted registries."
                    : " " + Text.count(untrustedImages, "image") + " from untrusted sources in "
                    + String.join(", ", untrusted) + " (findings " + UNTRUSTED + ").";
        }
        return Result.answer(new Answer(1, "Where do the images in use come from; are they all from trusted"
                + " registries?", status, summary, table.build(), needs));
    }
}
