package dev.tnsrelay.naming;

import dev.tnsrelay.descriptor.ConnectDescriptor;

/**
 * How a connect identifier was resolved.
 *
 * @param method the naming method that answered; {@code null} when the identifier was a descriptor itself
 * @param source where the answer came from: a file and line, a directory entry, or the identifier
 */
public record Resolution(String identifier, NamingMethod method, String source, ConnectDescriptor descriptor) {

    /** The method's name, or DESCRIPTOR when the identifier was a descriptor given as it is. */
    public String methodName() {
        return method == null ? "DESCRIPTOR" : method.name();
    }

    /** The line tnsping prints: {@code Used TNSNAMES adapter to resolve the alias}. */
    public String adapterLine() {
        return method == null ? "Used the connect descriptor as given"
                : "Used " + method + " adapter to resolve the alias";
    }
}
