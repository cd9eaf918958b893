package dev.palisade.network;

/** An allowed connection between two endpoints. */
public record Flow(Endpoint source, Endpoint destination, Connections connections) implements Comparable<Flow> {

    /** {@code src => dst : conns}, as {@code roxctl netpol connectivity map} prints it. */
    public String line() {
        return source.label() + " => " + destination.label() + " : " + connections;
    }

    @Override
    public int compareTo(Flow other) {
        int bySource = source.compareTo(other.source);
        return bySource != 0 ? bySource : destination.compareTo(other.destination);
    }
}
