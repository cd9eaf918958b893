package dev.palisade.compliance;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A test on a component's settings (flags, configuration file values, environment variables), as the catalogue
 * writes it: {@code {flag: --profiling, eq: "false"}}, {@code {all: [...]}}, {@code {any: [...]}} or
 * {@code {admissionPlugin: NodeRestriction, enabled: true}}.
 */
public sealed interface SettingTest {

    /** Every test must pass. */
    record All(List<SettingTest> tests) implements SettingTest {
        public All {
            tests = List.copyOf(tests);
        }
    }

    /** One test must pass. */
    record Any(List<SettingTest> tests) implements SettingTest {
        public Any {
            tests = List.copyOf(tests);
        }
    }

    /**
     * A setting compared with an expected value. An unset setting passes {@code set: false}, passes any test
     * marked {@code ifSet} (kube-bench's "or not set"), and fails every other test.
     */
    record Compare(Setting setting, Operator operator, String expected, boolean ifSet) implements SettingTest {
    }

    /**
     * Whether an admission plugin is in force: enabled by {@code --enable-admission-plugins} or by default, and
     * not named in {@code --disable-admission-plugins}.
     */
    record AdmissionPlugin(String plugin, boolean enabled) implements SettingTest {
    }

    /**
     * Where a value is read: a flag, else (when given) a path in the component's configuration file, else an
     * environment variable of its container; the flag wins, as it does for the component itself.
     *
     * @param flag   e.g. {@code --anonymous-auth}; null when only the configuration holds it
     * @param config a dotted path in the configuration file, e.g. {@code authentication.anonymous.enabled}
     * @param env    e.g. {@code ETCD_CERT_FILE} (etcd reads every flag from one)
     */
    record Setting(String flag, String config, String env) {

        /** How evidence names the setting: {@code --anonymous-auth / authentication.anonymous.enabled}. */
        @Override
        public String toString() {
            return String.join(" / ", java.util.stream.Stream.of(flag, config, env)
                    .filter(java.util.Objects::nonNull).toList());
        }
    }

    /** How a value is compared; the catalogue key is the lower-case name. */
    enum Operator {
        /** Equal; true and false in any case, as kube-bench compares booleans. */
        EQ,
        NOTEQ,
        /** A number at least the expected one. */
        GTE,
        /** The comma-separated items (of every occurrence) include the expected item. */
        HAS,
        /** The comma-separated items do not include the expected item. */
        LACKS,
        /** The whole value matches the regular expression. */
        MATCHES,
        /** Every item is one of the expected comma-separated items. */
        WITHIN,
        /** {@code set: true}: the setting has a value; {@code set: false} is {@link #UNSET}. */
        SET,
        UNSET;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The operators written as keys ({@code unset} is written {@code set: false}). */
        public static List<Operator> keyed() {
            return Arrays.stream(values()).filter(o -> o != UNSET).toList();
        }
    }
}
