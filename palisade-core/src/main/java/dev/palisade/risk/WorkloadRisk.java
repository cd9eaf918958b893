package dev.palisade.risk;

import dev.palisade.inventory.ObjectRef;
import java.util.List;

/**
 * A workload's risk: the score, its rank (1 = fix first), every factor with its contribution, and the attack
 * path that makes it dangerous ({@code internet → Ingress shop/web → ... → can read secrets}).
 */
public record WorkloadRisk(ObjectRef workload, double score, int rank, List<RiskFactor> factors, List<String> path) {

    public WorkloadRisk {
        factors = List.copyOf(factors);
        path = List.copyOf(path);
    }

    /** The factors that add points, largest first, in a few words: {@code internet-exposure 20.0, privileges 16.0}. */
    public String why() {
        return String.join(", ", factors.stream().filter(f -> f.contribution() > 0)
                .sorted(java.util.Comparator.comparingDouble(RiskFactor::contribution).reversed())
                .limit(4).map(f -> f.name() + " +" + RiskScorer.round(f.contribution())).toList());
    }
}
