package dev.tnsrelay.testing;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A DNS server on loopback that answers as the test scripts it: a name's IPv4 addresses after a delay, "no such
 * name", or nothing at all. Every query is counted. It answers A queries only; every other type gets an empty
 * answer at once, so that a resolver asking for both A and AAAA waits for the A only.
 */
public final class ScriptedDns implements AutoCloseable {

    private record Script(List<InetAddress> addresses, long delayMillis, boolean silent) {
    }

    private final DatagramSocket socket;
    private final Map<String, Script> scripts = new ConcurrentHashMap<>();
    private final AtomicInteger queries = new AtomicInteger();
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "scripted-dns-answers");
        t.setDaemon(true);
        return t;
    });

    public ScriptedDns() throws SocketException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread t = new Thread(this::serve, "scripted-dns");
        t.setDaemon(true);
        t.start();
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    /** {@code name} resolves to {@code addresses}, answered after {@code delayMillis}. */
    public ScriptedDns answer(String name, long delayMillis, InetAddress... addresses) {
        scripts.put(key(name), new Script(List.of(addresses), delayMillis, false));
        return this;
    }

    /** Queries for {@code name} are never answered. */
    public ScriptedDns silent(String name) {
        scripts.put(key(name), new Script(List.of(), 0, true));
        return this;
    }

    /** Queries received so far, of every name and type. */
    public int queries() {
        return queries.get();
    }

    private void serve() {
        byte[] buf = new byte[512];
        while (!socket.isClosed()) {
            try {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                socket.receive(p);
                queries.incrementAndGet();
                answer(ByteBuffer.wrap(p.getData(), 0, p.getLength()).slice(), p.getSocketAddress());
            } catch (IOException | RuntimeException e) {
                // closed, or a query this little server does not understand
            }
        }
    }

    private void answer(ByteBuffer query, java.net.SocketAddress to) {
        int id = query.getShort(0) & 0xffff;
        int at = 12;
        StringBuilder name = new StringBuilder();
        for (int len = query.get(at) & 0xff; len != 0; len = query.get(at) & 0xff) {
            name.append(name.length() > 0 ? "." : "").append(new String(query.array(), query.arrayOffset() + at + 1, len,
                    StandardCharsets.US_ASCII));
            at += len + 1;
        }
        int questionEnd = at + 5; // the zero label, QTYPE, QCLASS
        int type = query.getShort(at + 1) & 0xffff;
        byte[] question = new byte[questionEnd - 12];
        query.get(12, question);
        Script s = scripts.get(key(name.toString()));
        if (s != null && s.silent()) {
            return;
        }
        boolean known = s != null;
        List<InetAddress> v4 = type != 1 || !known ? List.of()
                : s.addresses().stream().filter(a -> a.getAddress().length == 4).toList();
        ByteBuffer out = ByteBuffer.allocate(12 + question.length + v4.size() * 16);
        out.putShort((short) id).putShort((short) (known ? 0x8180 : 0x8183)).putShort((short) 1)
                .putShort((short) v4.size()).putShort((short) 0).putShort((short) 0).put(question);
        for (InetAddress a : v4) {
            out.putShort((short) 0xc00c).putShort((short) 1).putShort((short) 1).putInt(60).putShort((short) 4)
                    .put(a.getAddress());
        }
        byte[] reply = out.array();
        long delay = known && type == 1 ? s.delayMillis() : 0;
        later.schedule(() -> {
            try {
                socket.send(new DatagramPacket(reply, reply.length, to));
            } catch (IOException e) {
                // the server was closed meanwhile
            }
        }, delay, TimeUnit.MILLISECONDS);
    }

    private static String key(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }

    @Override
    public void close() {
        socket.close();
        later.shutdownNow();
    }
}
