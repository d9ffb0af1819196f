package dev.tnsrelay.naming;

import dev.tnsrelay.net.NvValue;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What tnsrelay reads of sqlnet.ora: NAMES.DIRECTORY_PATH (default TNSNAMES, LDAP, EZCONNECT, as Oracle
 * documents) and NAMES.DEFAULT_DOMAIN. Methods tnsrelay does not offer (ONAMES, NIS…) are skipped and
 * listed in {@link #ignoredMethods()}. Other settings are kept as read.
 */
public record SqlnetOra(List<NamingMethod> directoryPath, Optional<String> defaultDomain,
        List<String> ignoredMethods, Map<String, NvValue> settings) {

    public static final List<NamingMethod> DEFAULT_PATH =
            List.of(NamingMethod.TNSNAMES, NamingMethod.LDAP, NamingMethod.EZCONNECT);

    public SqlnetOra {
        directoryPath = List.copyOf(directoryPath);
        ignoredMethods = List.copyOf(ignoredMethods);
        settings = Map.copyOf(settings);
    }

    /** sqlnet.ora as when there is none. */
    public static SqlnetOra defaults() {
        return new SqlnetOra(DEFAULT_PATH, Optional.empty(), List.of(), Map.of());
    }

    public static SqlnetOra load(Path file) {
        Map<String, NvValue> settings = new LinkedHashMap<>();
        OraFiles.settings(file).forEach((key, entry) -> settings.put(key, entry.value()));
        List<NamingMethod> path = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        NvValue configured = settings.get("NAMES.DIRECTORY_PATH");
        if (configured == null) {
            path.addAll(DEFAULT_PATH);
        } else {
            for (String keyword : OraFiles.list(configured)) {
                NamingMethod.fromKeyword(keyword).ifPresentOrElse(m -> {
                    if (!path.contains(m)) {
                        path.add(m);
                    }
                }, () -> ignored.add(keyword));
            }
        }
        Optional<String> domain = Optional.ofNullable(settings.get("NAMES.DEFAULT_DOMAIN"))
                .map(OraFiles::text).filter(d -> !d.isEmpty());
        return new SqlnetOra(path, domain, ignored, settings);
    }
}
