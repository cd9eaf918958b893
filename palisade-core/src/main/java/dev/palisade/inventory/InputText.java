package dev.palisade.inventory;

import java.util.regex.Pattern;

/**
 * Makes parser messages safe to show: they may quote the input they choke on, and the input may be a Secret
 * or a kubeconfig. Quoted text becomes an ellipsis; the message keeps what went wrong and where.
 */
public final class InputText {

    private static final Pattern QUOTED = Pattern.compile("'[^'\\n]*'|\"[^\"\\n]*\"");
    private static final Pattern ALIAS_NAME = Pattern.compile("(undefined alias) \\S+");

    private InputText() {
    }

    /** The first line of a parser message with quoted input and alias names taken out. */
    public static String safeMessage(String message) {
        if (message == null || message.isBlank()) {
            return "unreadable input";
        }
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        line = QUOTED.matcher(line).replaceAll("'…'");
        return ALIAS_NAME.matcher(line).replaceAll("$1");
    }
}
