package dev.palisade.scan;

/** What a failed check does: INFORM reports it; ENFORCE also fails the CI gate and, later, admission. */
public enum Enforcement {
    INFORM, ENFORCE
}
