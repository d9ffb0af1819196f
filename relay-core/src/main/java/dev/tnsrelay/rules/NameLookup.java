package dev.tnsrelay.rules;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * The addresses of host names as far as they are known: a rule is evaluated without waiting for DNS, and says
 * which names it needs when it cannot decide without them.
 */
@FunctionalInterface
public interface NameLookup {

    /** The name's addresses (empty when it does not resolve), or empty Optional while it is not known yet. */
    Optional<List<InetAddress>> addressesOf(String hostName);

    /** Nothing is known: a rule that needs a name says so. */
    NameLookup NOTHING_KNOWN = name -> Optional.empty();
}
