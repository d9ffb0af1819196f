package dev.tnsrelay.gateway;

import dev.tnsrelay.registry.ServiceRegistry;
import dev.tnsrelay.tns.ConnectPacket;
import dev.tnsrelay.tns.PacketType;
import dev.tnsrelay.tns.TnsProtocolException;
import dev.tnsrelay.tns.TnsReader;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The optional active check of registered handlers (HEALTH_CHECK_INTERVAL): every interval, a TCP connect
 * and a CONNECT for the handler's service; any TNS answer (ACCEPT, REFUSE, REDIRECT, RESEND) means a listener
 * is there. A handler that does not answer within the probe time leaves the rotation until it answers again.
 */
final class HealthCheck implements Runnable {

    /** How long one probe may take. */
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

    private final ServiceRegistry registry;
    private final Duration interval;
    private final LoopLifecycle lifecycle;
    private final CountDownLatch stop = new CountDownLatch(1);

    /** @param onExit told when the check's loop has ended */
    HealthCheck(ServiceRegistry registry, Duration interval, Runnable onExit) {
        this.registry = registry;
        this.interval = interval;
        this.lifecycle = new LoopLifecycle("tnsrelay-health-check", onExit);
    }

    @Override
    public void run() {
        try {
            while (!stop.await(interval.toMillis(), TimeUnit.MILLISECONDS)) {
                round();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Checks every registered handler once. */
    void round() {
        for (ServiceRegistry.Probe p : registry.probes()) {
            registry.healthy(p, answers(p));
        }
    }

    private static boolean answers(ServiceRegistry.Probe p) {
        int timeout = (int) PROBE_TIMEOUT.toMillis();
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(p.handler().address().socketHost(), p.handler().address().port()), timeout);
            s.setSoTimeout(timeout);
            OutputStream out = s.getOutputStream();
            for (byte[] packet : ConnectPacket.build("(DESCRIPTION=(CONNECT_DATA=(SERVICE_NAME=" + p.service()
                    + ")(CID=(PROGRAM=tnsrelay-health-check)(HOST=tnsrelay)(USER=tnsrelay))))")) {
                out.write(packet);
            }
            out.flush();
            PacketType answer = new TnsReader(s.getInputStream()).next().type();
            return answer == PacketType.ACCEPT || answer == PacketType.REFUSE || answer == PacketType.REDIRECT
                    || answer == PacketType.RESEND;
        } catch (IOException | TnsProtocolException e) {
            return false;
        }
    }

    void stop() {
        stop.countDown();
    }

    /** When the loop runs and when it has ended. */
    LoopLifecycle lifecycle() {
        return lifecycle;
    }
}
