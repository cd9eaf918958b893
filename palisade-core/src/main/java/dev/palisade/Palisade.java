package dev.palisade;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Facts about this build of Palisade. */
public final class Palisade {

    public static final String NAME = "palisade";

    private static final String VERSION = readVersion();

    private Palisade() {
    }

    public static String version() {
        return VERSION;
    }

    private static String readVersion() {
        try (InputStream in = Palisade.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "dev";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "dev");
        } catch (IOException e) {
            return "dev";
        }
    }
}
