package dev.tnsrelay.admin;

import dev.tnsrelay.naming.Resolution;
import dev.tnsrelay.net.NvPrinter;

/**
 * What a name resolves to with this server's naming files, as {@code bin/resolve} prints it.
 *
 * @param method TNSNAMES, LDAP, EZCONNECT, or DESCRIPTOR for a descriptor given as it is
 * @param descriptor laid out as Oracle's tools write it
 */
public record Resolved(String identifier, String method, String source, String descriptor) {

    static Resolved of(Resolution r) {
        return new Resolved(r.identifier(), r.methodName(), r.source(), NvPrinter.pretty(r.descriptor().nv()));
    }
}
