/**
 * relay-core as a module: it needs the JDK and, for its network layer, Netty (never Jakarta), and exports only what
 * other modules use. The layering inside is held by {@code LayeringTest}; which packages another module may use, by
 * its own boundary test.
 */
module dev.tnsrelay.core {
    requires io.netty.buffer;
    requires io.netty.codec;
    requires io.netty.codec.haproxy;
    requires io.netty.common;
    requires io.netty.handler;
    requires io.netty.resolver;
    requires io.netty.resolver.dns;
    requires io.netty.transport;
    requires io.netty.transport.classes.epoll;
    requires io.netty.transport.unix.common;
    requires java.management;
    requires java.management.rmi;
    requires java.naming;
    requires java.net.http;
    requires java.rmi;
    // the standalone instance's /metrics endpoint (admin.prometheus): the JDK's HTTP server, no library
    requires jdk.httpserver;

    // adapter-rar: the composition root it hosts, the admin model it hands to the WAR, the naming results it
    // hands to applications (a Resolved carries a typed connect descriptor)
    exports dev.tnsrelay.instance;
    exports dev.tnsrelay.admin;
    exports dev.tnsrelay.naming;
    exports dev.tnsrelay.descriptor;
    // adapter-rar: the data grid it finds on the server (Payara's Hazelcast), for the instance to share its state on
    exports dev.tnsrelay.grid;
    // admin-war: the model's text layouts and filter grammar (REST's cmctl endpoint), the roles, the one encoder
    // of log text for its own log lines, and the statistics its MicroProfile Metrics gauges and charts read
    exports dev.tnsrelay.admin.cmctl;
    exports dev.tnsrelay.admin.stats;
    exports dev.tnsrelay.admin.users;
    exports dev.tnsrelay.logging;
    // JMX consoles and the JDK's MXBean introspection: the MXBean interfaces
    exports dev.tnsrelay.admin.jmx;
    // the command lines (bin/), and the hosted tests that run cmctl in their JVM
    exports dev.tnsrelay.cli;
    // relay-core's test jar, used by the hosted tests and the benchmark: the fake listener and raw clients speak
    // TNS, the gateway fixture starts an engine from cman.ora
    exports dev.tnsrelay.tns;
    exports dev.tnsrelay.gateway;
    // the session listener SPI (gateway) names why a TLS handshake failed: TlsFailure
    exports dev.tnsrelay.tls;
    exports dev.tnsrelay.config;
    exports dev.tnsrelay.rules;
}
