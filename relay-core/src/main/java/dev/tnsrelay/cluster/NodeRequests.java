package dev.tnsrelay.cluster;

import dev.tnsrelay.admin.AdminError;
import dev.tnsrelay.admin.AdminException;
import dev.tnsrelay.admin.Administration;
import dev.tnsrelay.admin.Caller;
import dev.tnsrelay.admin.Connection;
import dev.tnsrelay.admin.NodeAction;
import dev.tnsrelay.admin.Problem;
import dev.tnsrelay.admin.cmctl.SessionFilter;
import dev.tnsrelay.admin.users.Role;
import dev.tnsrelay.grid.GridMap;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * An administrator's request for another node, and its answer, through two grid maps: the request names the node,
 * the caller (name and role) and the operation, in text; the node runs it with its own admin model, as that
 * caller (the model checks the role and writes the node's audit log), and puts the answer back. Members of the
 * grid trust each other's callers: the grid belongs on a network only the servers reach (docs/cluster.md).
 */
final class NodeRequests {

    static final String REQUESTS = "tnsrelay.requests";
    static final String REPLIES = "tnsrelay.replies";
    /** How long a node has to answer; what it does takes at most the engine's own 10-second limits. */
    static final Duration ANSWER_WITHIN = Duration.ofSeconds(15);
    /** Requests and answers nobody took go away after this. */
    private static final Duration KEEP = Duration.ofSeconds(60);
    private static final System.Logger LOG = System.getLogger("dev.tnsrelay.cluster");

    private final GridMap requests;
    private final GridMap replies;
    private final String self;
    private final Supplier<Administration> admin;
    private final Executor executor;
    private final Map<String, CompletableFuture<GridText>> pending = new ConcurrentHashMap<>();

    NodeRequests(GridMap requests, GridMap replies, String self, Supplier<Administration> admin, Executor executor) {
        this.requests = requests;
        this.replies = replies;
        this.self = self;
        this.admin = admin;
        this.executor = executor;
    }

    List<Connection> connections(Caller caller, String node, String filter) {
        List<Connection> rows = new ArrayList<>();
        for (List<String> f : call(caller, node, "connections", filter).all("row")) {
            rows.add(new Connection(Long.parseLong(f.get(0)), f.get(1), f.get(2), f.get(3), Integer.parseInt(f.get(4)),
                    f.get(5), f.get(6).isEmpty() ? null : Instant.parse(f.get(6)), Long.parseLong(f.get(7)),
                    Long.parseLong(f.get(8)), Long.parseLong(f.get(9)), Long.parseLong(f.get(10)), field(f, 11),
                    field(f, 12), field(f, 13), field(f, 14)));
        }
        return rows;
    }

    /** A field a node of an older version does not send: empty. */
    private static String field(List<String> f, int i) {
        return i < f.size() ? f.get(i) : "";
    }

    int close(Caller caller, String node, String filter) {
        return (int) call(caller, node, "close", filter).number("closed");
    }

    void act(Caller caller, String node, NodeAction action) {
        call(caller, node, "act", action.name());
    }

    private GridText call(Caller caller, String node, String op, String argument) {
        String id = UUID.randomUUID().toString();
        CompletableFuture<GridText> answer = new CompletableFuture<>();
        pending.put(id, answer);
        try {
            requests.put(id, new GridText().add("to", node).add("from", self).add("user", caller.name())
                    .add("role", caller.role().name()).add("op", op).add("arg", argument).toString(), KEEP);
            GridText reply = answer.get(ANSWER_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
            Optional<List<String>> error = reply.fields("error");
            if (error.isPresent()) {
                throw rebuilt(error.get());
            }
            return reply;
        } catch (TimeoutException e) {
            throw AdminError.NODE.exception("node " + node + " did not answer within " + ANSWER_WITHIN.toSeconds()
                    + " s");
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw AdminError.NODE.exception("interrupted while waiting for node " + node);
        } finally {
            pending.remove(id);
            replies.remove(id);
        }
    }

    /** The error the node answered, as it would have been thrown there. */
    private static RuntimeException rebuilt(List<String> error) {
        try {
            return new AdminException(AdminError.valueOf(error.get(0)), error.get(1));
        } catch (IllegalArgumentException unknown) {
            return new IllegalStateException(error.get(1));
        }
    }

    /** A request in the grid: the node it names runs it. */
    void requested(String id, Optional<String> value) {
        if (value.isEmpty()) {
            return;
        }
        GridText request = GridText.parse(value.get());
        if (!request.get("to").orElse("").equals(self)) {
            return;
        }
        executor.execute(() -> answer(id, request));
    }

    /** An answer in the grid, for a request of this node's. */
    void answered(String id, Optional<String> value) {
        CompletableFuture<GridText> waiting = pending.get(id);
        if (waiting != null && value.isPresent()) {
            waiting.complete(GridText.parse(value.get()));
        }
    }

    private void answer(String id, GridText request) {
        GridText reply;
        try {
            Caller caller = new Caller(request.text("user"), Role.valueOf(request.text("role")));
            reply = run(caller, request.text("op"), request.get("arg").orElse(""));
            reply.add("ok", "yes");
        } catch (RuntimeException e) {
            Problem p = Problem.of(e);
            AdminError error = e instanceof AdminException a ? a.error()
                    : p.causedByUser() ? AdminError.INVALID : null;
            reply = new GridText().add("error", error == null ? "FAULT" : error.name(),
                    error == AdminError.INVALID && !(e instanceof AdminException) ? AdminError.INVALID.message(
                            p.message()) : p.message());
            if (error == null) {
                LOG.log(Level.WARNING, "tnsrelay: a request from node " + request.get("from").orElse("?")
                        + " failed here", e);
            }
        }
        try {
            replies.put(id, reply.toString(), KEEP);
            requests.remove(id);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "tnsrelay: the answer to node {0} was not delivered: {1}",
                    request.get("from").orElse("?"), e.toString());
        }
    }

    private GridText run(Caller caller, String op, String argument) {
        Administration model = admin.get();
        GridText out = new GridText();
        switch (op) {
            case "connections" -> {
                for (Connection c : model.connections(caller, SessionFilter.parse(argument))) {
                    out.add("row", c.id(), c.client(), c.server(), c.service(), c.gateway(), c.state(),
                            c.started() == null ? "" : c.started(), c.ageSeconds(), c.idleSeconds(), c.bytesIn(),
                            c.bytesOut(), c.program(), c.host(), c.user(), c.peer());
                }
            }
            case "close" -> out.add("closed", model.close(caller, SessionFilter.parse(argument)));
            case "act" -> NodeAction.valueOf(argument).runOn(model, caller);
            default -> throw new IllegalArgumentException("no operation " + op);
        }
        return out;
    }
}
