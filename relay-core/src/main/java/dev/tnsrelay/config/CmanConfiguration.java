package dev.tnsrelay.config;

import dev.tnsrelay.net.NvValue;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A whole cman.ora: its instances, and the settings beside them that belong to other layers
 * (WALLET_LOCATION, SQLNET.*), kept as read.
 */
public record CmanConfiguration(String source, List<CmanInstance> instances, Map<String, NvValue> otherSettings) {

    public CmanConfiguration {
        instances = List.copyOf(instances);
        otherSettings = Map.copyOf(otherSettings);
    }

    public Optional<CmanInstance> instance(String name) {
        return instances.stream().filter(i -> i.name().equalsIgnoreCase(name)).findFirst();
    }

    /**
     * The instance cmctl administers without {@code -c}: the only one; else {@code cman_<host>}, else the
     * first in the file.
     */
    public CmanInstance defaultInstance(String hostName) {
        if (instances.size() == 1) {
            return instances.get(0);
        }
        return instance("cman_" + hostName.toLowerCase(Locale.ROOT)).orElse(instances.get(0));
    }
}
