package dev.palisade.compliance;

/** The outcome of a control, overall or in one scope. */
public enum Status {
    /** Evaluated and met. */
    PASS,
    /** Evaluated and not met. */
    FAIL,
    /** Needs a person: the control cannot be judged from the data Palisade reads, or the data was not given. */
    MANUAL,
    /** The control has nothing to judge here, e.g. control-plane flags on a managed cluster. */
    NOT_APPLICABLE
}
