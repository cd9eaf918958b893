package dev.palisade.inventory;

import tools.jackson.databind.node.ObjectNode;

/** One object as a source delivered it, before normalisation: its JSON tree and where it came from. */
public record RawDocument(SourceLocation source, ObjectNode body) {
}
