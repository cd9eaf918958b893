package dev.palisade.compliance;

import dev.palisade.inventory.SourceLocation;

/**
 * What a verdict rests on: one resource, flag or file and what was found there. Never a secret value: flags and
 * files are named with their values or attributes, findings with their messages.
 *
 * @param status   whether this piece of evidence meets the control (PASS or FAIL), or why it does not count
 *                 (NOT_APPLICABLE)
 * @param subject  the resource, process or file, e.g. {@code Pod kube-system/kube-apiserver-cp-1}
 * @param detail   the value found and what was expected, e.g. {@code --profiling=true (expected false)}
 * @param location where the subject is defined, or null (node facts, derived values)
 */
public record Evidence(Status status, String subject, String detail, SourceLocation location) {

    public static Evidence of(boolean pass, String subject, String detail, SourceLocation location) {
        return new Evidence(pass ? Status.PASS : Status.FAIL, subject, detail, location);
    }
}
