package dev.palisade.compliance;

import java.util.List;

/** A standard (benchmark, framework) and its controls in catalogue order. */
public record Standard(String id, String title, String description, List<Control> controls) {

    public Standard {
        controls = List.copyOf(controls);
    }
}
