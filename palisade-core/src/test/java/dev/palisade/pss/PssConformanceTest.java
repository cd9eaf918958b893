package dev.palisade.pss;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palisade.SharedData;
import dev.palisade.TestSupport;
import dev.palisade.inventory.Snapshot;
import dev.palisade.inventory.Workload;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The official Pod Security Standards fixtures of kubernetes/pod-security-admission
 * (../shared/conformance/pss, ORACLE-NOTES.md is the contract): every pass file allowed, every fail file denied
 * with the expected substring, at its level and version.
 */
class PssConformanceTest {

    record Fixture(String file, PssLevel level, PssVersion version, boolean pass, String check, String expected) {
    }

    static List<Fixture> fixtures() throws IOException {
        Path index = SharedData.path("conformance/pss/index.tsv");
        List<Fixture> fixtures = new ArrayList<>();
        List<String> lines = Files.readAllLines(index);
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split("\t", -1);
            fixtures.add(new Fixture(cells[0], PssLevel.parse(cells[1]), PssVersion.parse(cells[2]),
                    cells[3].equals("pass"), cells[4], cells[6]));
        }
        return fixtures;
    }

    @Test
    void everyOfficialFixtureIsJudgedAsTheAdmissionPluginJudgesIt() throws IOException {
        List<Fixture> fixtures = fixtures();
        Path root = SharedData.path("conformance/pss");
        List<String> failures = new ArrayList<>();
        int passes = 0;
        int denials = 0;
        for (Fixture fixture : fixtures) {
            String text = Files.readString(root.resolve(fixture.file()));
            Snapshot snapshot = TestSupport.snapshot(fixture.file(), text);
            if (!snapshot.problems().isEmpty() || snapshot.workloads().size() != 1) {
                failures.add(fixture.file() + ": did not load as one pod: " + snapshot.problems());
                continue;
            }
            Workload pod = snapshot.workloads().get(0);
            List<PssViolation> violations = PssEvaluator.evaluate(pod.podAnnotations(), pod.podSpec(), fixture.level(),
                    fixture.version());
            String denial = PssEvaluator.denial(violations, fixture.level(), fixture.version());
            if (fixture.pass()) {
                if (!violations.isEmpty()) {
                    failures.add(fixture.file() + ": expected allowed, got " + denial);
                }
                passes++;
            } else {
                if (violations.isEmpty()) {
                    failures.add(fixture.file() + ": expected denied by " + fixture.check() + ", got allowed");
                } else if (!denial.contains(fixture.expected())) {
                    failures.add(fixture.file() + ": denial lacks '" + fixture.expected() + "': " + denial);
                }
                denials++;
            }
        }
        assertThat(fixtures).hasSize(4537);
        assertThat(passes + denials).isEqualTo(4537);
        assertThat(failures).as(failures.size() + " of " + fixtures.size() + " fixtures judged differently:\n"
                + failures.stream().limit(40).collect(Collectors.joining("\n"))).isEmpty();
    }
}
