package dev.palisade.scan;

/**
 * The answer to one of the twelve questions a security team asks of a cluster.
 *
 * @param number   1 to 12
 * @param status   whether the data at hand answers the question
 * @param summary  one or two sentences: the answer, or why there is none yet
 * @param table    the details (empty when there are none)
 * @param needs    for PARTIAL and NEEDS_DATA: what data is missing and how to provide it; else empty
 */
public record Answer(int number, String question, Status status, String summary, Table table, String needs) {

    public enum Status {
        /** The data at hand answers the question. */
        ANSWERED,
        /** Part of the answer: the rest needs data Palisade does not have here. */
        PARTIAL,
        /** No answer: the question needs data Palisade does not have here. */
        NEEDS_DATA
    }

    public Answer {
        needs = needs == null ? "" : needs;
        table = table == null ? Table.empty() : table;
    }
}
