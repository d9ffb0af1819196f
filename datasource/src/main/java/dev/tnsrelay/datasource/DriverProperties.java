package dev.tnsrelay.datasource;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.util.Properties;

/**
 * The Oracle driver's connection properties given as one string, {@code name=value;name=value}: an asadmin
 * {@code --property} and an annotation's {@code properties} entry each carry one string.
 */
final class DriverProperties {

    private DriverProperties() {
    }

    /** Blank parts are skipped; a part without {@code =} or without a name is an error that quotes it. */
    static Properties parse(String text) throws SQLException {
        Properties properties = new Properties();
        if (text == null) {
            return properties;
        }
        for (String part : text.split(";")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq <= 0 || part.substring(0, eq).isBlank()) {
                throw new SQLNonTransientConnectionException("tnsrelay: connectionProperties: '" + part.strip()
                        + "' is not name=value (entries are separated by ';')", "08001");
            }
            properties.setProperty(part.substring(0, eq).strip(), part.substring(eq + 1).strip());
        }
        return properties;
    }
}
