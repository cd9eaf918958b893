package dev.palisade.image.catalog.rpm;

import dev.palisade.image.ImageException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Reads the installed packages of an rpm database in any of its three formats, told apart by content: SQLite
 * ({@code rpmdb.sqlite}, rpm 4.16+), NDB ({@code Packages.db}, SUSE) and Berkeley DB hash ({@code Packages}).
 */
public final class RpmDatabase {

    private static final byte[] SQLITE_MAGIC = "SQLite format 3\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private RpmDatabase() {
    }

    /**
     * The headers of every package in {@code file}. Blobs that are not package headers (Berkeley DB's bookkeeping
     * records) are skipped; a database that cannot be read at all fails.
     */
    public static List<RpmHeader> read(Path file, String where) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            if (channel.size() == 0) {
                return List.of();
            }
            ByteBuffer db = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
            List<byte[]> blobs;
            if (isSqlite(db)) {
                blobs = sqliteBlobs(file, where);
            } else if (NdbPackages.matches(db)) {
                blobs = NdbPackages.blobs(db);
            } else if (BerkeleyDbHash.matches(db)) {
                blobs = BerkeleyDbHash.values(db);
            } else {
                throw new ImageException(where + ": not an rpm database (neither SQLite, NDB nor Berkeley DB)");
            }
            List<RpmHeader> headers = new ArrayList<>(blobs.size());
            for (byte[] blob : blobs) {
                if (blob.length <= 8) {
                    continue;  // Berkeley DB keeps a 4-byte counter record beside the headers
                }
                headers.add(RpmHeader.parse(blob));
            }
            return headers;
        } catch (IllegalArgumentException e) {
            throw new ImageException(where + ": corrupt rpm database (" + e.getMessage() + ")", e);
        }
    }

    private static boolean isSqlite(ByteBuffer db) {
        if (db.capacity() < SQLITE_MAGIC.length) {
            return false;
        }
        for (int i = 0; i < SQLITE_MAGIC.length; i++) {
            if (db.get(i) != SQLITE_MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    private static List<byte[]> sqliteBlobs(Path file, String where) {
        Properties properties = new Properties();
        properties.setProperty("open_mode", "1");  // SQLITE_OPEN_READONLY
        List<byte[]> blobs = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file, properties);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT blob FROM Packages")) {
            while (rows.next()) {
                blobs.add(rows.getBytes(1));
            }
        } catch (SQLException e) {
            if (e.getMessage() != null && e.getMessage().contains("no such table")) {
                return List.of();  // an rpmdb.sqlite that was created but never written to
            }
            throw new ImageException(where + ": unreadable rpmdb.sqlite (" + e.getMessage() + ")", e);
        }
        return blobs;
    }
}
