package dev.tnsrelay.naming;

import java.util.Locale;
import java.util.Optional;

/** The naming methods NAMES.DIRECTORY_PATH may list, under the keywords Oracle uses there. */
public enum NamingMethod {
    TNSNAMES, LDAP, EZCONNECT;

    /** The keyword in sqlnet.ora; HOSTNAME is Oracle's older name for what EZCONNECT does. */
    static Optional<NamingMethod> fromKeyword(String keyword) {
        String k = keyword.strip().toUpperCase(Locale.ROOT);
        return switch (k) {
            case "TNSNAMES" -> Optional.of(TNSNAMES);
            case "LDAP" -> Optional.of(LDAP);
            case "EZCONNECT", "HOSTNAME" -> Optional.of(EZCONNECT);
            default -> Optional.empty();
        };
    }
}
