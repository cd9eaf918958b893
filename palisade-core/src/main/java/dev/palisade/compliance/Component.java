package dev.palisade.compliance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The Kubernetes components whose flags and configuration the benchmarks judge. Control-plane components are read
 * from their static pods in kube-system (or, failing that, from node facts); the kubelet and kube-proxy from node
 * facts.
 */
public enum Component {
    KUBE_APISERVER("kube-apiserver", "apiserver", true),
    KUBE_CONTROLLER_MANAGER("kube-controller-manager", "controller-manager", true),
    KUBE_SCHEDULER("kube-scheduler", "scheduler", true),
    ETCD("etcd", "etcd", true),
    KUBELET("kubelet", "kubelet", false),
    KUBE_PROXY("kube-proxy", "proxy", false);

    private static final List<String> SHELLS = List.of("sh", "bash", "ash", "dash");

    /** The binary's name, as the catalogue and node facts write it. */
    public final String binary;
    /** The name after {@code hyperkube}, the all-in-one binary of older releases. */
    private final String hyperkubeName;
    public final boolean controlPlane;

    Component(String binary, String hyperkubeName, boolean controlPlane) {
        this.binary = binary;
        this.hyperkubeName = hyperkubeName;
        this.controlPlane = controlPlane;
    }

    public static Component parse(String text) {
        return Arrays.stream(values()).filter(c -> c.binary.equals(text)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown component '" + text + "' (expected "
                        + String.join(", ", Arrays.stream(values()).map(c -> c.binary).toList()) + ")"));
    }

    /** A command line recognised as a component, with the arguments after the binary (and subcommand). */
    public record Invocation(Component component, List<String> args) {
    }

    /**
     * Which component a command line runs, as kube-bench recognises them: {@code kube-apiserver ...},
     * {@code /usr/local/bin/kubelet ...}, {@code hyperkube kubelet ...}, or any of these behind {@code sh -c} (with or without {@code exec}).
     */
    public static Optional<Invocation> identify(List<String> argv) {
        List<String> words = argv;
        if (words.size() >= 3 && SHELLS.contains(basename(words.get(0))) && words.get(1).equals("-c")) {
            words = new ArrayList<>(List.of(words.get(2).trim().split("\\s+")));
            if (words.get(0).equals("exec")) {
                words.remove(0);
            }
            words.addAll(argv.subList(3, argv.size()));
        }
        if (words.isEmpty()) {
            return Optional.empty();
        }
        String first = basename(words.get(0));
        for (Component component : values()) {
            if (first.equals(component.binary)) {
                return Optional.of(new Invocation(component, List.copyOf(words.subList(1, words.size()))));
            }
            if (first.equals("hyperkube") && words.size() > 1
                    && (words.get(1).equals(component.binary) || words.get(1).equals(component.hyperkubeName))) {
                return Optional.of(new Invocation(component, List.copyOf(words.subList(2, words.size()))));
            }
        }
        return Optional.empty();
    }

    private static String basename(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
