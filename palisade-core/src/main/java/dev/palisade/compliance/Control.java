package dev.palisade.compliance;

import dev.palisade.inventory.SourceLocation;
import java.util.Map;

/**
 * One control of a standard, as its catalogue file defines it.
 *
 * @param standard    the standard's id, e.g. {@code cis-1.12}
 * @param section     the section's id and title, e.g. {@code 1.2 API Server}
 * @param automated   the standard's own classification (CIS: Automated or Manual); for standards without one,
 *                    whether Palisade judges the control without a person
 * @param equivalents the same control in peer tools, e.g. {@code kubescape: C-0129}
 * @param source      where the catalogue defines it
 */
public record Control(String standard, String id, String title, String section, boolean automated,
                      Map<String, String> equivalents, Evaluation evaluation, SourceLocation source) {

    public Control {
        equivalents = Map.copyOf(equivalents);
    }

    /** {@code cis-1.12/1.2.16}: how other catalogues refer to it. */
    public String key() {
        return standard + "/" + id;
    }
}
