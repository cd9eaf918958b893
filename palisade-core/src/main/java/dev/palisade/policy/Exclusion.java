package dev.palisade.policy;

import java.time.LocalDate;

/**
 * Objects a policy does not apply to, with the reason; from its expiry date on, the exclusion no longer
 * applies (the date itself included).
 */
public record Exclusion(Scope scope, String reason, LocalDate expires) {

    public boolean activeOn(LocalDate day) {
        return expires == null || day.isBefore(expires);
    }
}
