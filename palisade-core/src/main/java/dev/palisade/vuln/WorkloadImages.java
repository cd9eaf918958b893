package dev.palisade.vuln;

import dev.palisade.inventory.ImageRef;
import dev.palisade.inventory.PodInstance;
import dev.palisade.inventory.Snapshot;
import dev.palisade.inventory.Workload;
import dev.palisade.inventory.WorkloadContainer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which image scans each workload's containers use: by the image each container names, and for live pods by the
 * image the runtime resolved (a digest matches the scan of that digest, so a pod still running an older build of
 * a tag is matched to what it runs, when that digest was scanned).
 */
public final class WorkloadImages {

    /** One container of a workload and the scan of its image (null when not scanned). */
    public record ContainerImage(String container, ImageRef image, ImageScan scan) {
    }

    private final ImageScans scans;
    private final Map<String, ImageScan> byDigest = new LinkedHashMap<>();

    public WorkloadImages(ImageScans scans) {
        this.scans = scans;
        scans.byReference().values().stream().filter(s -> s.digest() != null).forEach(s -> byDigest.put(s.digest(), s));
    }

    public ImageScans scans() {
        return scans;
    }

    /** The workload's containers with their images' scans, in spec order. */
    public List<ContainerImage> of(Workload workload) {
        List<ContainerImage> images = new ArrayList<>();
        for (WorkloadContainer container : workload.containers()) {
            images.add(new ContainerImage(container.name(), container.image(), scans.of(container.image()).orElse(null)));
        }
        return images;
    }

    /** The scan of what a live pod's container runs: its resolved digest first, else its image reference. */
    public Optional<ImageScan> running(PodInstance.RunningImage running) {
        String imageId = running.imageId() == null ? "" : running.imageId();
        int at = imageId.lastIndexOf("sha256:");
        if (at >= 0 && byDigest.containsKey(imageId.substring(at))) {
            return Optional.of(byDigest.get(imageId.substring(at)));
        }
        try {
            return running.image() == null ? Optional.empty() : scans.of(ImageRef.parse(running.image()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Every vulnerability of a workload's images, each once per id, worst first. */
    public List<Vulnerability> vulnerabilities(Workload workload) {
        Map<String, Vulnerability> byId = new LinkedHashMap<>();
        for (ContainerImage image : of(workload)) {
            if (image.scan() != null) {
                image.scan().vulnerabilities().forEach(v -> byId.merge(v.id(), v,
                        (a, b) -> ImageScan.WORST_FIRST.compare(a, b) <= 0 ? a : b));
            }
        }
        return byId.values().stream().sorted(ImageScan.WORST_FIRST).toList();
    }

    /** Whether the snapshot's namespace of a workload is labelled as production (docs/vulnerabilities.md). */
    public static boolean production(Snapshot snapshot, String namespace) {
        var object = snapshot.ofKind("Namespace").stream().filter(n -> n.ref().name().equals(namespace)).findFirst();
        for (String key : List.of("environment", "env", "stage", "tier", "palisade.dev/environment")) {
            String value = object.map(n -> n.labels().get(key)).orElse(null);
            if (value != null) {
                return value.equalsIgnoreCase("production") || value.equalsIgnoreCase("prod");
            }
        }
        return false;
    }
}
