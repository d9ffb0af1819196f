package dev.tnsrelay.tns;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tnsrelay.descriptor.ConnectDescriptor;
import dev.tnsrelay.testing.Vectors;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every packet of shared/vectors/tns, as the clients and the scripted listener sent them. */
class CodecVectorsTest {

    static Stream<Path> cases() {
        return Vectors.cases().stream();
    }

    /**
     * Replays each direction of each connection of a case through the frame decoder in random-sized pieces:
     * every packet comes out whole and byte-exact, nothing is left over, and each client's connect request
     * assembles into a descriptor that parses.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyStreamDecodesIntoItsPackets(Path caseDir) {
        Random random = new Random(caseDir.getFileName().toString().hashCode());
        // one stream per (listener, connection, direction): file names are NN-L1-c0-SS-dir-TYPE.hex
        java.util.Map<String, List<Path>> streams = new java.util.TreeMap<>();
        for (Path p : Vectors.packets(caseDir)) {
            String[] f = p.getFileName().toString().split("-");
            streams.computeIfAbsent(f[1] + "-" + f[2] + "-" + f[4], k -> new ArrayList<>()).add(p);
        }
        // the client switches to 4-byte lengths after the ACCEPT it got on the other direction
        java.util.Set<String> largeAfterConnect = new java.util.HashSet<>();
        for (Path p : Vectors.packets(caseDir)) {
            String[] f = p.getFileName().toString().split("-");
            if (p.toString().endsWith("ACCEPT.hex") && AcceptPacket.version(TnsPacket.of(Vectors.bytes(p))) >= 315) {
                largeAfterConnect.add(f[1] + "-" + f[2] + "-c2s");
            }
        }
        streams.forEach((key, files) -> {
            ByteArrayOutputStream stream = new ByteArrayOutputStream();
            files.forEach(f -> stream.writeBytes(Vectors.bytes(f)));
            byte[] all = stream.toByteArray();
            FrameDecoder decoder = new FrameDecoder(64 * 1024);
            List<TnsPacket> out = new ArrayList<>();
            int at = 0;
            int fileIndex = 0;
            ConnectRequest request = null;
            while (at < all.length) {
                int n = Math.min(all.length - at, 1 + random.nextInt(40));
                decoder.feed(ByteBuffer.wrap(all, at, n));
                at += n;
                for (TnsPacket p = decoder.next(); p != null; p = decoder.next()) {
                    assertArrayEquals(Vectors.bytes(files.get(fileIndex++)), p.bytes(), key);
                    out.add(p);
                    if (p.type() == PacketType.CONNECT) {
                        request = new ConnectRequest(ConnectPacket.of(p));
                    } else if (request != null && !request.complete() && p.type() == PacketType.DATA) {
                        request.add(p);
                    }
                    if (p.type() == PacketType.ACCEPT && AcceptPacket.version(p) >= 315
                            || largeAfterConnect.contains(key) && request != null && request.complete()) {
                        decoder.useLargeLength();
                    }
                }
            }
            assertEquals(files.size(), out.size(), key);
            assertEquals(0, decoder.drain().length, key);
            if (request != null && request.complete()) {
                ConnectDescriptor d = ConnectDescriptor.parse(request.connectData(), key);
                assertTrue(d.connectData().isPresent(), key);
            }
        });
    }

    private static byte[] packet(String caseName, String suffix) {
        return Vectors.packets(Vectors.root().resolve(caseName)).stream()
                .filter(p -> p.getFileName().toString().endsWith(suffix)).findFirst().map(Vectors::bytes).orElseThrow();
    }

    @Test
    void refuseIsByteForByteWhatClientsWereShown() {
        assertArrayEquals(packet("jdbc-desc-refuse12529", "REFUSE.hex"), RefusePacket.build(12529));
        assertArrayEquals(packet("jdbc-desc-refuse12514", "REFUSE.hex"), RefusePacket.build(12514));
        assertEquals(12519, RefusePacket.error(TnsPacket.of(RefusePacket.build(12519))));
        assertArrayEquals(packet("jdbc-resend-refuse", "RESEND.hex"), ResendPacket.build());
        assertArrayEquals(packet("jdbc-accept-v319-u16-noNA", "ACCEPT.hex"), AcceptPacket.build(319, 8192));
    }

    @Test
    void redirectWithConnectDataRoundTrips() {
        TnsPacket vector = TnsPacket.of(packet("jdbc-redirect-cd", "REDIRECT.hex"));
        RedirectPacket r = RedirectPacket.of(vector);
        assertEquals("(ADDRESS=(PROTOCOL=TCP)(HOST=127.0.0.1)(PORT=15212))", r.address());
        assertTrue(r.connectData().startsWith("(DESCRIPTION="));
        assertArrayEquals(vector.bytes(), RedirectPacket.build(r.address(), r.connectData()));
    }

    @Test
    void overflowConnectDataOfJdbcAt9000Bytes() {
        List<Path> files = Vectors.packets(Vectors.root().resolve("jdbc-long-cd-9000"));
        ConnectRequest request = new ConnectRequest(ConnectPacket.of(TnsPacket.of(Vectors.bytes(files.get(0)))));
        request.add(TnsPacket.of(Vectors.bytes(files.get(1))));
        request.add(TnsPacket.of(Vectors.bytes(files.get(2))));
        assertTrue(request.complete());
        assertEquals(9181, request.connectData().length());
        assertTrue(request.connectData().endsWith(")))"));
    }

    @Test
    void rebuildKeepsTheFixedFieldsAndSplitsLongData() {
        ConnectPacket original = ConnectPacket.of(TnsPacket.of(packet("jdbc-desc-refuse12514", "CONNECT.hex")));
        byte[][] small = ConnectPacket.rebuild(original, "(DESCRIPTION=(X=1))", TnsPacket.FLAG_AFTER_REDIRECT, 8192);
        assertEquals(1, small.length);
        ConnectPacket again = ConnectPacket.of(TnsPacket.of(small[0]));
        assertEquals("(DESCRIPTION=(X=1))", again.inlineData());
        assertEquals(original.version(), again.version());
        assertEquals(TnsPacket.FLAG_AFTER_REDIRECT, TnsPacket.of(small[0]).flags());
        String longData = "(DESCRIPTION=(X=" + "y".repeat(3000) + "))";
        byte[][] big = ConnectPacket.rebuild(original, longData, 0, 1024);
        ConnectRequest request = new ConnectRequest(ConnectPacket.of(TnsPacket.of(big[0])));
        for (int i = 1; i < big.length; i++) {
            assertTrue(big[i].length <= 1024);
            request.add(TnsPacket.of(big[i]));
        }
        assertEquals(longData, request.connectData());
    }

    @Test
    void limitsEndTheSessionWithAProtocolError() {
        FrameDecoder decoder = new FrameDecoder(8192);
        decoder.feed(ByteBuffer.wrap(new byte[] {(byte) 0xff, (byte) 0xff, 0, 0, 1, 0, 0, 0}));
        assertThrows(TnsProtocolException.class, decoder::next);
        FrameDecoder garbage = new FrameDecoder(8192);
        garbage.feed(ByteBuffer.wrap("GET / HTTP/1.1\r\n".getBytes()));
        assertThrows(TnsProtocolException.class, garbage::next);
        FrameDecoder tiny = new FrameDecoder(8192);
        tiny.feed(ByteBuffer.wrap(new byte[] {0, 3, 0, 0, 1, 0, 0, 0}));
        assertThrows(TnsProtocolException.class, tiny::next);
        FrameDecoder partial = new FrameDecoder(8192);
        partial.feed(ByteBuffer.wrap(new byte[] {0, 100, 0, 0, 1}));
        assertNull(partial.next());
        byte[] connect = packet("jdbc-desc-refuse12514", "CONNECT.hex").clone();
        connect[24] = (byte) 0x7f; // connect data length far beyond the packet
        assertThrows(TnsProtocolException.class, () -> ConnectPacket.of(TnsPacket.of(connect)));
    }
}
