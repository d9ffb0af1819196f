package dev.tnsrelay.adapter;

import dev.tnsrelay.descriptor.ConnectDescriptor;
import dev.tnsrelay.naming.Resolution;

/**
 * A resolved connect identifier, as applications receive it.
 *
 * @param method TNSNAMES, LDAP, EZCONNECT, or DESCRIPTOR when the identifier was a descriptor
 * @param source where the answer came from (file and line, directory entry)
 * @param descriptor typed; {@link #text()} is its canonical text
 */
public record Resolved(String identifier, String method, String source, ConnectDescriptor descriptor) {

    static Resolved of(Resolution r, ConnectDescriptor descriptor) {
        return new Resolved(r.identifier(), r.methodName(), r.source(), descriptor);
    }

    public String text() {
        return descriptor.toString();
    }

    /** The URL for the Oracle JDBC thin driver. */
    public String jdbcUrl() {
        return "jdbc:oracle:thin:@" + text();
    }
}
