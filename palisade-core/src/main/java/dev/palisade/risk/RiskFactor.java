package dev.palisade.risk;

/**
 * One factor of a workload's score: its value between 0 and 1, the points it adds, and why.
 */
public record RiskFactor(String name, double value, double contribution, String detail) {
}
