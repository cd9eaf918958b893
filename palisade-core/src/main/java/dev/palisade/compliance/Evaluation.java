package dev.palisade.compliance;

import java.util.List;

/** How a control is judged: exactly one of these per control. */
public sealed interface Evaluation {

    /** Active findings of Palisade checks (policies, RBAC, network) fail the control in their scope. */
    record Checks(List<String> ids) implements Evaluation {
        public Checks {
            ids = List.copyOf(ids);
        }
    }

    /** Pod Security Standards checks (the admission library's ids), judged on every workload's pod template. */
    record PodSecurity(List<String> checks) implements Evaluation {
        public PodSecurity {
            checks = List.copyOf(checks);
        }
    }

    /** A test on a component's flags and configuration. */
    record Settings(Component component, SettingTest test) implements Evaluation {
    }

    /** A test on the owner or permissions of the node files of one role (node-files.yaml). */
    record NodeFile(String role, String suffix, FileTest test) implements Evaluation {
    }

    /** Another standard's controls and Palisade checks, each with why it applies; judged as they are. */
    record Mapped(List<Mapping> mappings) implements Evaluation {
        public Mapped {
            mappings = List.copyOf(mappings);
        }
    }

    /** Judged by a person; the reason says why Palisade cannot, and what to look at. */
    record Manual(String reason) implements Evaluation {
    }

    /** A mapped control ({@code cis-1.12/1.2.16}) or check id, and the one-line justification. */
    record Mapping(Target target, String why) {

        public sealed interface Target {
        }

        public record ControlRef(String key) implements Target {
        }

        public record CheckRef(String id) implements Target {
        }
    }

    /** What a node file must satisfy. */
    sealed interface FileTest {

        /** No permission bit outside the mask, e.g. {@code 600}: kube-bench's "600 or more restrictive". */
        record Permissions(int mask) implements FileTest {
            @Override
            public String toString() {
                return Integer.toOctalString(mask) + " or more restrictive";
            }
        }

        /** Owner and group, e.g. {@code root:root}. */
        record Owner(String owner) implements FileTest {
            @Override
            public String toString() {
                return owner;
            }
        }
    }
}
