package dev.palisade.image;

import dev.palisade.inventory.ImageRef;
import dev.palisade.inventory.Snapshot;
import dev.palisade.inventory.Workload;
import dev.palisade.inventory.WorkloadContainer;
import dev.palisade.scan.Analysis;
import dev.palisade.scan.Answer;
import dev.palisade.scan.Check;
import dev.palisade.scan.Finding;
import dev.palisade.scan.ScanConfig;
import dev.palisade.scan.Severity;
import dev.palisade.scan.Table;
import dev.palisade.scan.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Question 1: where the images in use come from, and whether every registry is trusted. */
public final class ImageProvenance implements Analysis {

    static final Check UNTRUSTED_REGISTRY = new Check("image-untrusted-registry", "Image from an untrusted registry",
            Severity.MEDIUM, "Pull the image from a trusted registry (mirror it there), or add the registry to the"
            + " trusted list if the organisation trusts it.",
            Map.of("kubescape", "C-0078", "stackrox", "Image Registry"));
    static final Check MUTABLE_TAG = new Check("image-mutable-tag", "Image tag is latest or missing",
            Severity.MEDIUM, "Pin the image to a versioned tag, better to a digest (image@sha256:...), so every"
            + " pod runs the same, scanned image.",
            Map.of("trivy", "KSV-0013", "kube-score", "container-image-tag", "polaris", "tagNotSpecified",
                    "stackrox", "Latest tag"));

    private record RegistryUse(Set<String> images, Set<String> untrustedImages, Set<String> workloads) {
    }

    @Override
    public Result analyze(Snapshot snapshot, ScanConfig config) {
        RegistryMatcher trusted = new RegistryMatcher(config.trustedRegistries());
        Map<String, RegistryUse> registries = new TreeMap<>();
        List<Finding> findings = new ArrayList<>();
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
                String where = "container \"" + container.name() + "\" image " + container.imageReference();
                if (trusted.configured() && !trusted.matches(image)) {
                    use.untrustedImages().add(image.fullReference());
                    findings.add(UNTRUSTED_REGISTRY.finding(workload.ref(), workload.source(),
                            where + " comes from registry " + image.registry() + ", which is not trusted"));
                }
                if (image.mutableLatest()) {
                    String why = image.tagImplied() ? "has no tag, so it means :latest" : "uses the :latest tag";
                    findings.add(MUTABLE_TAG.finding(workload.ref(), workload.source(), where + " " + why));
                }
            }
        }
        Table.Builder table = new Table.Builder("registry", "trusted", "images", "workloads");
        List<String> untrusted = new ArrayList<>();
        int images = 0;
        int untrustedImages = 0;
        for (Map.Entry<String, RegistryUse> entry : registries.entrySet()) {
            String registry = entry.getKey();
            RegistryUse use = entry.getValue();
            images += use.images().size();
            int untrustedCount = use.untrustedImages().size();
            String trust = !trusted.configured() ? "not configured" : untrustedCount == 0 ? "yes"
                    : untrustedCount == use.images().size() ? "no" : "partly: " + untrustedCount + " untrusted";
            if (untrustedCount > 0) {
                untrusted.add(registry);
                untrustedImages += untrustedCount;
            }
            table.row(registry, trust, String.valueOf(use.images().size()), String.valueOf(use.workloads().size()));
        }
        String summary = Text.count(images, "distinct image") + " from " + registries.size()
                + (registries.size() == 1 ? " registry." : " registries.");
        Answer.Status status;
        String needs = "";
        if (!trusted.configured()) {
            status = Answer.Status.PARTIAL;
            needs = "Name the trusted registries (--trusted-registry HOST[/PATH], repeatable) to tell which images"
                    + " come from untrusted ones.";
        } else {
            status = Answer.Status.ANSWERED;
            summary += untrusted.isEmpty() ? " All come from trusted registries."
                    : " " + Text.count(untrustedImages, "image") + " from untrusted sources in "
                    + String.join(", ", untrusted) + " (findings " + UNTRUSTED_REGISTRY.id() + ").";
        }
        Answer answer = new Answer(1, "Where do the images in use come from; are they all from trusted registries?",
                status, summary, table.build(), needs);
        return new Result(findings, List.of(answer));
    }
}
