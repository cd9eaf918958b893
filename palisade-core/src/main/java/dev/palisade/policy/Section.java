package dev.palisade.policy;

import java.util.List;

/**
 * A conjunction of criteria; container criteria of one section must all hold for the same container, and its
 * vulnerability criteria for the same vulnerability of that container's image.
 */
public record Section(String name, List<Criterion> criteria) {

    public Section {
        criteria = List.copyOf(criteria);
    }

    public boolean perContainer() {
        return criteria.stream().anyMatch(Criterion::perContainer);
    }

    public boolean perVulnerability() {
        return criteria.stream().anyMatch(Criterion::perVulnerability);
    }
}
