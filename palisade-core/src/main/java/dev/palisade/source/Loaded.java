package dev.palisade.source;

import dev.palisade.inventory.InputProblem;
import dev.palisade.inventory.RawDocument;
import java.util.List;

/**
 * What a source delivered: raw documents, the problems met while reading them, and the cluster name
 * when the source knows one (a kubeconfig context), else empty.
 */
public record Loaded(List<RawDocument> documents, List<InputProblem> problems, String cluster) {

    public Loaded {
        documents = List.copyOf(documents);
        problems = List.copyOf(problems);
        cluster = cluster == null ? "" : cluster;
    }

    public Loaded(List<RawDocument> documents, List<InputProblem> problems) {
        this(documents, problems, "");
    }
}
