package dev.palisade.network;

import dev.palisade.inventory.ObjectRef;
import dev.palisade.inventory.Snapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reachability change proposed NetworkPolicies would cause: they are applied on top of the existing ones, a
 * proposed policy with the namespace and name of an existing one replacing it (as {@code kubectl apply} would),
 * and both connectivity maps are compared.
 *
 * @param added    proposed policies no existing one had the name of
 * @param replaced existing policies a proposed one replaces
 * @param changes  every path whose connections change
 */
public record PolicySimulation(List<ObjectRef> added, List<ObjectRef> replaced, List<ReachabilityDiff.Change> changes) {

    public PolicySimulation {
        added = List.copyOf(added);
        replaced = List.copyOf(replaced);
        changes = List.copyOf(changes);
    }

    /** Applies {@code proposed} on top of the policies of {@code before} (the snapshot's reachability). */
    public static PolicySimulation of(Snapshot snapshot, Reachability before, List<ParsedPolicy> proposed) {
        Map<String, ParsedPolicy> policies = new LinkedHashMap<>();
        before.model().policies().forEach(p -> policies.put(key(p), p));
        List<ObjectRef> added = new ArrayList<>();
        List<ObjectRef> replaced = new ArrayList<>();
        for (ParsedPolicy policy : proposed) {
            (policies.containsKey(key(policy)) ? replaced : added).add(policy.ref());
            policies.put(key(policy), policy);
        }
        Reachability after = Reachability.of(NetworkModel.of(snapshot, List.copyOf(policies.values()),
                before.model().ipBlocksSelectPods()));
        return new PolicySimulation(added, replaced,
                ReachabilityDiff.of(ConnectivityMap.of(before), ConnectivityMap.of(after)));
    }

    private static String key(ParsedPolicy policy) {
        return policy.namespace() + "/" + policy.ref().name();
    }
}
