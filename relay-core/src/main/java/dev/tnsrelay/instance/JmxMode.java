package dev.tnsrelay.instance;

/** How an instance is seen over JMX. */
public sealed interface JmxMode {

    /** No MBeans at all. */
    record None() implements JmxMode {
    }

    /** The MXBeans in the platform MBeanServer: for in-process consoles and the server's own JMX. */
    record Platform() implements JmxMode {
    }

    /**
     * The MXBeans and tnsrelay's authenticated remote connector bound to {@code host} (loopback unless asked
     * otherwise: there is no TLS on it).
     */
    record Remote(String host, int port) implements JmxMode {
    }

    /** {@code off}, {@code platform}, {@code PORT} (on 127.0.0.1) or {@code HOST:PORT}. */
    static JmxMode parse(String text) { // an interface's static method is public
        if (text.equalsIgnoreCase("off")) {
            return new None();
        }
        if (text.equalsIgnoreCase("platform")) {
            return new Platform();
        }
        int colon = text.lastIndexOf(':');
        String host = colon < 0 ? "127.0.0.1" : text.substring(0, colon).replaceAll("^\\[|\\]$", "");
        try {
            int port = Integer.parseInt(text.substring(colon + 1));
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return new Remote(host, port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("JMX is off, platform, PORT or HOST:PORT, not " + text);
        }
    }
}
