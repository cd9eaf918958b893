package dev.palisade.compliance;

import dev.palisade.compliance.SettingTest.Operator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** Runs a {@link SettingTest} on one component's flags, environment and configuration file. */
final class SettingsEvaluator {

    /**
     * The admission plugins kube-apiserver enables when {@code --enable-admission-plugins} does not name them
     * (kube-apiserver --help, v1.32 to v1.34).
     */
    static final Set<String> DEFAULT_ADMISSION_PLUGINS = Set.of("NamespaceLifecycle", "LimitRanger",
            "ServiceAccount", "TaintNodesByCondition", "PodSecurity", "Priority", "DefaultTolerationSeconds",
            "DefaultStorageClass", "StorageObjectInUseProtection", "PersistentVolumeClaimResize", "RuntimeClass",
            "CertificateApproval", "CertificateSigning", "ClusterTrustBundleAttest", "CertificateSubjectRestriction",
            "DefaultIngressClass", "MutatingAdmissionWebhook", "ValidatingAdmissionPolicy",
            "ValidatingAdmissionWebhook", "ResourceQuota");

    private SettingsEvaluator() {
    }

    /** What one component instance offers a test: its flags, its container's environment, its config file. */
    record Settings(Flags flags, Map<String, String> env, NodeFacts.KubeletConfig config) {
    }

    /** A test's outcome on one instance, and the values it saw. */
    record Outcome(boolean pass, String detail) {
    }

    /** A setting's value as found: how evidence shows it, the effective value, and its list items. */
    private record Observed(String shown, String value, List<String> items) {
    }

    static Outcome evaluate(SettingTest test, Settings settings) {
        if (test instanceof SettingTest.All all) {
            List<Outcome> outcomes = all.tests().stream().map(t -> evaluate(t, settings)).toList();
            return new Outcome(outcomes.stream().allMatch(Outcome::pass), join(outcomes));
        }
        if (test instanceof SettingTest.Any any) {
            List<Outcome> outcomes = any.tests().stream().map(t -> evaluate(t, settings)).toList();
            return new Outcome(outcomes.stream().anyMatch(Outcome::pass), join(outcomes));
        }
        if (test instanceof SettingTest.AdmissionPlugin plugin) {
            return admissionPlugin(plugin, settings.flags());
        }
        SettingTest.Compare comparison = (SettingTest.Compare) test;
        return compare(comparison, observe(comparison.setting(), settings));
    }

    private static String join(List<Outcome> outcomes) {
        return String.join("; ", outcomes.stream().map(Outcome::detail).distinct().toList());
    }

    private static Outcome admissionPlugin(SettingTest.AdmissionPlugin test, Flags flags) {
        String plugin = test.plugin();
        boolean disabled = flags.items("--disable-admission-plugins").contains(plugin);
        boolean enabled = flags.items("--enable-admission-plugins").contains(plugin);
        boolean inForce = !disabled && (enabled || DEFAULT_ADMISSION_PLUGINS.contains(plugin));
        String why;
        if (disabled) {
            why = "named in --disable-admission-plugins";
        } else if (enabled) {
            why = "named in --enable-admission-plugins";
        } else if (inForce) {
            why = "on by default";
        } else {
            why = "not named in --enable-admission-plugins" + flags.shown("--enable-admission-plugins")
                    .map(v -> "=" + v).orElse("");
        }
        boolean pass = inForce == test.enabled();
        return new Outcome(pass, "admission plugin " + plugin + (inForce ? " in force" : " not in force") + " ("
                + why + ")" + (pass ? "" : ", expected " + (test.enabled() ? "enabled" : "disabled")));
    }

    private static Optional<Observed> observe(SettingTest.Setting setting, Settings settings) {
        if (setting.flag() != null && settings.flags().isSet(setting.flag())) {
            String flag = setting.flag();
            return Optional.of(new Observed(flag + "=" + settings.flags().shown(flag).orElse(""),
                    settings.flags().value(flag).orElse(""), settings.flags().items(flag)));
        }
        if (setting.config() != null && settings.config() != null) {
            Optional<JsonNode> node = settings.config().at(setting.config());
            if (node.isPresent()) {
                List<String> items = items(node.get());
                String value = String.join(",", items);
                return Optional.of(new Observed(setting.config() + ": " + value + " (" + settings.config().path() + ")",
                        value, items));
            }
        }
        if (setting.env() != null && settings.env().containsKey(setting.env())) {
            String value = settings.env().get(setting.env());
            return Optional.of(new Observed(setting.env() + "=" + value, value, split(value)));
        }
        return Optional.empty();
    }

    /** A configuration value as flag-like items: a scalar, each element of a list, {@code key=value} of a map. */
    private static List<String> items(JsonNode node) {
        List<String> items = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(element -> items.add(element.asString()));
        } else if (node.isObject()) {
            node.properties().forEach(e -> items.add(e.getKey() + "=" + e.getValue().asString()));
        } else {
            items.add(node.asString());
        }
        return items;
    }

    private static List<String> split(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static Outcome compare(SettingTest.Compare test, Optional<Observed> observed) {
        if (observed.isEmpty()) {
            if (test.operator() == Operator.UNSET) {
                return new Outcome(true, test.setting() + " not set");
            }
            if (test.ifSet()) {
                return new Outcome(true, test.setting() + " not set (the default applies)");
            }
            return new Outcome(false, test.setting() + " not set, expected " + expectation(test));
        }
        Observed found = observed.get();
        String expected = test.expected();
        boolean pass = switch (test.operator()) {
            case EQ -> equal(found.value(), expected);
            case NOTEQ -> !equal(found.value(), expected);
            case GTE -> number(found.value()).map(n -> n >= Double.parseDouble(expected)).orElse(false);
            case HAS -> found.items().contains(expected);
            case LACKS -> !found.items().contains(expected);
            case MATCHES -> found.value().matches(expected);
            case WITHIN -> split(expected).containsAll(found.items());
            case SET -> true;
            case UNSET -> false;
        };
        return new Outcome(pass, found.shown() + (pass ? "" : ", expected " + expectation(test)));
    }

    /** kube-bench compares true and false in any case, everything else exactly. */
    private static boolean equal(String value, String expected) {
        String lower = value.toLowerCase(Locale.ROOT);
        if (lower.equals("true") || lower.equals("false")) {
            return lower.equals(expected.toLowerCase(Locale.ROOT));
        }
        return value.equals(expected);
    }

    private static Optional<Double> number(String value) {
        try {
            return Optional.of(Double.parseDouble(value.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String expectation(SettingTest.Compare test) {
        String expected = test.expected();
        return switch (test.operator()) {
            case EQ -> expected;
            case NOTEQ -> "not " + expected;
            case GTE -> ">= " + expected;
            case HAS -> "to include " + expected;
            case LACKS -> "not to include " + expected;
            case MATCHES -> "to match " + expected;
            case WITHIN -> "only " + expected;
            case SET -> "set";
            case UNSET -> "not set";
        } + (test.ifSet() ? " or not set" : "");
    }
}
