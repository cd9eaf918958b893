package dev.palisade.policy;

import java.util.List;

/** A conjunction of criteria; container criteria of one section must all hold for the same container. */
public record Section(String name, List<Criterion> criteria) {

    public Section {
        criteria = List.copyOf(criteria);
    }

    public boolean perContainer() {
        return criteria.stream().anyMatch(Criterion::perContainer);
    }
}
