package dev.tnsrelay.admin;

import dev.tnsrelay.net.IpLiteral;
import dev.tnsrelay.rules.NameLookup;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A name lookup for one question of an administrator (the rule tester): the system's resolver, each name asked
 * once, each lookup bounded by {@link #EACH} on a thread of the instance's executor, so that a silent name server
 * costs the administrator seconds, never the gateways anything. A name that does not answer in time counts as
 * unknown, and is remembered so the answer can say so.
 */
final class HostLookup implements NameLookup {

    /** How long one name may take. */
    static final Duration EACH = Duration.ofSeconds(3);

    private final Executor executor;
    private final Map<String, List<InetAddress>> known = new HashMap<>();
    private final List<String> timedOut = new ArrayList<>();

    HostLookup(Executor executor) {
        this.executor = executor;
    }

    @Override
    public Optional<List<InetAddress>> addressesOf(String hostName) {
        return Optional.of(known.computeIfAbsent(hostName, this::lookUp));
    }

    /** The address a host is (a literal), or its first address; empty if it has none. */
    Optional<InetAddress> first(String host) {
        Optional<InetAddress> literal = IpLiteral.parse(host);
        return literal.isPresent() ? literal : addressesOf(host).get().stream().findFirst();
    }

    /** The names that did not answer within {@link #EACH}. */
    List<String> timedOut() {
        return timedOut;
    }

    private List<InetAddress> lookUp(String name) {
        CompletableFuture<List<InetAddress>> f = CompletableFuture.supplyAsync(() -> {
            try {
                return List.of(InetAddress.getAllByName(name));
            } catch (UnknownHostException e) {
                return List.of();
            }
        }, executor);
        try {
            return f.get(EACH.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            timedOut.add(name);
            return List.of();
        } catch (ExecutionException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }
}
