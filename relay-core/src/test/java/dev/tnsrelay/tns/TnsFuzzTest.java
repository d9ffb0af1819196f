package dev.tnsrelay.tns;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tnsrelay.descriptor.ConnectDescriptor;
import dev.tnsrelay.descriptor.Description;
import dev.tnsrelay.fuzz.Contract;
import dev.tnsrelay.net.NetParseException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz targets for the TNS codec, fed the bytes a client or a next hop could send, cut as TCP might cut them.
 * Each target makes only the calls the gateway makes, so that it is easy to point at the codec's next shape.
 * In {@code mvn verify} they run over the kept inputs in {@code TnsFuzzTestInputs}; {@code bin/fuzz} fuzzes one
 * (docs/fuzzing.md).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TnsFuzzTest {

    /** The gateway's limit for a packet before the handshake completes: the 2-byte length's maximum. */
    private static final int MAX_PACKET = 0xffff;

    /** Read sizes cycled through: single bytes, a header's worth, a small and an Ethernet-sized read, SDU 8192. */
    private static final int[] READS = {1, 7, 8, 64, 1500, 8192};

    /** Cuts a byte stream into packets; whatever is cut must come back whole and in order. */
    @FuzzTest
    void frameDecoder(byte[] stream) {
        for (boolean largeLength : new boolean[] {false, true}) {
            for (boolean whole : new boolean[] {false, true}) {
                FrameDecoder decoder = new FrameDecoder(MAX_PACKET);
                if (largeLength) {
                    decoder.useLargeLength();
                }
                ByteArrayOutputStream seen = new ByteArrayOutputStream();
                try {
                    feed(decoder, stream, whole, p -> {
                        checkFrame(p, largeLength);
                        seen.writeBytes(p.bytes());
                    });
                    seen.writeBytes(decoder.drain());
                    if (!Arrays.equals(stream, seen.toByteArray())) {
                        throw new AssertionError("the packets and the rest are not the bytes fed");
                    }
                } catch (TnsProtocolException e) {
                    Contract.explained(e);
                }
            }
        }
    }

    /** A client's connect request, CONNECT and overflow DATA, then its connect data read as the gateway reads it. */
    @FuzzTest
    void connectRequest(byte[] stream) {
        FrameDecoder decoder = new FrameDecoder(MAX_PACKET);
        ConnectRequest[] request = new ConnectRequest[1];
        ByteArrayOutputStream packets = new ByteArrayOutputStream();
        try {
            feed(decoder, stream, false, p -> {
                if (request[0] != null && request[0].complete()) {
                    return; // the gateway stops reading the client once the request is whole
                }
                if (request[0] == null) {
                    request[0] = new ConnectRequest(ConnectPacket.of(p));
                } else {
                    request[0].add(p);
                }
                packets.writeBytes(p.bytes());
            });
        } catch (TnsProtocolException e) {
            Contract.explained(e);
            return;
        }
        if (request[0] == null || !request[0].complete()) {
            return;
        }
        ConnectRequest r = request[0];
        if (!Arrays.equals(packets.toByteArray(), r.bytes())) {
            throw new AssertionError("the request is not forwarded as it was received");
        }
        String data = r.connectData();
        if (data.length() != r.connect().dataLength() || data.length() > ConnectPacket.MAX_CONNECT_DATA) {
            throw new AssertionError(data.length() + " bytes of connect data, " + r.connect().dataLength() + " announced");
        }
        admit(data, "connect data");
    }

    /**
     * What a next hop answers before ACCEPT, read as the handshake reads it: REFUSE (its error), REDIRECT (joined
     * with the DATA that follows when it is split, then its address followed as a descriptor), ACCEPT (its version).
     */
    @FuzzTest
    void nextHopPackets(byte[] stream) {
        FrameDecoder decoder = new FrameDecoder(MAX_PACKET);
        TnsPacket[] split = new TnsPacket[1];
        try {
            feed(decoder, stream, false, p -> {
                if (split[0] != null) {
                    TnsPacket whole = RedirectPacket.join(split[0], p);
                    split[0] = null;
                    admit(RedirectPacket.of(whole).address(), "redirect");
                    return;
                }
                switch (p.type()) {
                    case REFUSE -> RefusePacket.error(p);
                    case REDIRECT -> {
                        if (RedirectPacket.isSplit(p)) {
                            split[0] = p;
                        } else {
                            admit(RedirectPacket.of(p).address(), "redirect");
                        }
                    }
                    case ACCEPT -> AcceptPacket.version(p);
                    case RESEND -> ResendPacket.withoutTls(p);
                    default -> { }
                }
            });
        } catch (TnsProtocolException e) {
            Contract.explained(e);
        }
    }

    private static void feed(FrameDecoder decoder, byte[] stream, boolean whole, Consumer<TnsPacket> each) {
        int at = 0;
        for (int i = 0; at < stream.length; i++) {
            int n = whole ? stream.length : Math.min(READS[i % READS.length], stream.length - at);
            decoder.feed(ByteBuffer.wrap(stream, at, n));
            at += n;
            for (TnsPacket p = decoder.next(); p != null; p = decoder.next()) {
                each.accept(p);
            }
        }
    }

    private static void checkFrame(TnsPacket p, boolean largeLength) {
        byte[] b = p.bytes();
        long length = largeLength
                ? ((long) (b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff)
                : ((b[0] & 0xff) << 8) | (b[1] & 0xff);
        if (b.length < TnsPacket.HEADER || length != b.length || p.type() == PacketType.UNKNOWN) {
            throw new AssertionError("a frame of " + b.length + " bytes whose header says " + length + ", type "
                    + p.type());
        }
    }

    /** Reads connect data as the gateway's admission does: a descriptor, its first description and its route. */
    private static void admit(String text, String source) {
        try {
            ConnectDescriptor d = ConnectDescriptor.parse(text, source);
            Description first = d.descriptions().get(0);
            first.addresses().forEach(a -> a.socketHost());
            d.connectData().ifPresent(c -> c.service());
        } catch (NetParseException e) {
            Contract.positioned(e);
        }
    }
}
