package dev.tnsrelay.bench;

import dev.tnsrelay.config.CmanOra;
import dev.tnsrelay.descriptor.ConnectDescriptor;
import dev.tnsrelay.rules.NameLookup;
import dev.tnsrelay.rules.RuleList;
import dev.tnsrelay.tns.ConnectPacket;
import dev.tnsrelay.tns.ConnectRequest;
import dev.tnsrelay.tns.FrameDecoder;
import dev.tnsrelay.tns.TnsPacket;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * JMH micro-benchmarks of what the gateway does for every connect: cutting the CONNECT out of the stream,
 * parsing its descriptor, and evaluating the rule list (10 and 1,000 rules, the match at the end).
 * Run: {@code bin/benchmark-jmh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HotPaths {

    /** What ojdbc sends for a source-routed connect (shape of shared/vectors/tns/jdbc-sourceroute). */
    static final String DESCRIPTOR = "(DESCRIPTION=(ADDRESS=(PROTOCOL=TCP)(PORT=1522)(HOST=127.0.0.1))"
            + "(ADDRESS=(HOST=db-sales.internal)(PORT=1521)(PROTOCOL=TCP))(SOURCE_ROUTE=yes)(CONNECT_DATA=(CID="
            + "(PROGRAM=JdbcProbe)(HOST=app01)(USER=app))(SERVICE_NAME=sales.example.com)"
            + "(CONNECTION_ID=muM44sDkT5asZNfrLJZr0A==)))";

    @Param({"10", "1000"})
    int rules;

    private byte[] connectBytes;
    private RuleList ruleList;
    private InetAddress client;
    private NameLookup names;

    @Setup
    public void setUp() throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : ConnectPacket.build(DESCRIPTOR)) {
            out.writeBytes(p);
        }
        connectBytes = out.toByteArray();
        StringBuilder cman = new StringBuilder("c = (CONFIGURATION=(ADDRESS=(HOST=127.0.0.1)(PORT=1522))(RULE_LIST=");
        for (int i = 0; i < rules - 1; i++) {
            cman.append("(RULE=(SRC=10.").append(i / 250).append('.').append(i % 250).append(".0/24)(DST=*)(SRV=svc")
                    .append(i).append(")(ACT=accept))");
        }
        cman.append("(RULE=(SRC=192.0.2.0/24)(DST=*)(SRV=sales.example.com)(ACT=accept))))");
        ruleList = CmanOra.parse(cman.toString(), "jmh").instances().get(0).rules();
        client = InetAddress.getByName("192.0.2.7");
        List<InetAddress> destination = List.of(InetAddress.getByName("198.51.100.5"));
        names = name -> java.util.Optional.of(destination);
    }

    @Benchmark
    public String decodeConnect() {
        FrameDecoder decoder = new FrameDecoder(1 << 16);
        decoder.feed(ByteBuffer.wrap(connectBytes));
        ConnectRequest request = null;
        for (TnsPacket p = decoder.next(); p != null; p = decoder.next()) {
            request = request == null ? new ConnectRequest(ConnectPacket.of(p)) : add(request, p);
        }
        return request.connectData();
    }

    @Benchmark
    public ConnectDescriptor parseDescriptor() {
        return ConnectDescriptor.parse(DESCRIPTOR, "jmh");
    }

    @Benchmark
    public void evaluateRules(Blackhole bh) {
        bh.consume(ruleList.evaluate(client, "db-sales.internal", "sales.example.com", names));
    }

    private static ConnectRequest add(ConnectRequest r, TnsPacket p) {
        r.add(p);
        return r;
    }
}
