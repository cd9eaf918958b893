package dev.palisade.inventory;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A live pod of a workload, as a cluster reported it.
 *
 * @param labels the pod's own labels (they may differ from the template's, e.g. after a relabel)
 * @param ips    the pod's IP addresses ({@code status.podIPs}, else {@code status.podIP}); empty when not reported
 * @param images what each container is actually running: the image and the resolved image ID (digest)
 */
public record PodInstance(String name, String node, String phase, Map<String, String> labels, List<String> ips,
                          List<RunningImage> images) {

    public PodInstance {
        labels = Workload.frozen(labels);
        ips = List.copyOf(ips);
        images = List.copyOf(images);
    }

    /** The image a container of a live pod runs, with the digest the runtime resolved. */
    public record RunningImage(String container, String image, String imageId) {
    }

    /** A pod's IP addresses: {@code status.podIPs} (dual-stack), else {@code status.podIP}; empty when unknown. */
    public static List<String> ipsOf(Pod pod) {
        if (pod.getStatus() == null) {
            return List.of();
        }
        List<String> ips = new ArrayList<>();
        if (pod.getStatus().getPodIPs() != null) {
            pod.getStatus().getPodIPs().forEach(ip -> {
                if (ip.getIp() != null && !ip.getIp().isBlank()) {
                    ips.add(ip.getIp().trim());
                }
            });
        }
        String single = pod.getStatus().getPodIP();
        if (ips.isEmpty() && single != null && !single.isBlank()) {
            ips.add(single.trim());
        }
        return ips;
    }
}
