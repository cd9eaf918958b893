package dev.palisade.pss;

/**
 * One failed Pod Security check, worded as the admission plugin words it.
 *
 * @param check  the check id, e.g. {@code allowPrivilegeEscalation}
 * @param reason the short reason, e.g. {@code allowPrivilegeEscalation != false}
 * @param detail what exactly fails, e.g. {@code container "app" must set securityContext.allowPrivilegeEscalation=false}
 */
public record PssViolation(String check, String reason, String detail) {

    /** {@code reason (detail)}, the admission plugin's message for one check. */
    public String message() {
        return detail.isEmpty() ? reason : reason + " (" + detail + ")";
    }
}
