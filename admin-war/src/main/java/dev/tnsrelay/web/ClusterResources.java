package dev.tnsrelay.web;

import dev.tnsrelay.admin.Administration;
import dev.tnsrelay.admin.Caller;
import dev.tnsrelay.admin.ClusterEvent;
import dev.tnsrelay.admin.ClusterStatus;
import dev.tnsrelay.admin.NodeConnections;
import dev.tnsrelay.admin.cmctl.SessionFilter;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;

/**
 * The cluster over REST, under {@code /admin/api/cluster}: its members, every node's events and audit records,
 * any node's connections, and the actions on a node, each one typed call of the admin model's cluster views
 * ({@link dev.tnsrelay.admin.ClusterAdministration}) in the caller's name.
 */
@Path("cluster")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ClusterResources {

    /** The most events or audit records one call returns. */
    private static final int MAX_RECORDS = 1000;

    @Context
    private HttpServletRequest request;

    private static Administration admin() {
        return AdminModel.admin();
    }

    private Caller caller() {
        return (Caller) request.getAttribute(Administrator.CALLER_KEY);
    }

    /** {@code show cluster}: the members, the oldest first, with each node's state, addresses and figures. */
    @GET
    public ClusterStatus status() {
        return admin().cluster().status(caller());
    }

    @GET
    @Path("events")
    public List<ClusterEvent> events(@QueryParam("limit") @DefaultValue("200") int limit) {
        return admin().cluster().events(caller(), Math.max(1, Math.min(limit, MAX_RECORDS)));
    }

    @GET
    @Path("audit")
    public List<ClusterEvent> audit(@QueryParam("limit") @DefaultValue("200") int limit) {
        return admin().cluster().audit(caller(), Math.max(1, Math.min(limit, MAX_RECORDS)));
    }

    /** Every node's connections (or one node's: {@code ?filter=node host:port for sales}), by node. */
    @GET
    @Path("connections")
    public List<NodeConnections> connections(@QueryParam("filter") @DefaultValue("") String filter) {
        SessionFilter f = SessionFilter.parse(filter);
        return admin().cluster().connections(caller(), f.node().isPresent() ? f : f.onNode("*"));
    }

    /** {@code {"filter": "node host:port 17"}}: closes connections on that node (every node for {@code node *}). */
    @POST
    @Path("connections/close")
    public Map<String, Integer> close(JsonObject body) {
        if (body == null || !(body.get("filter") instanceof JsonString s)) {
            throw new BadRequestException("the JSON body needs \"filter\" (a string)");
        }
        SessionFilter f = SessionFilter.parse(s.getString());
        if (f.node().isEmpty()) {
            throw new BadRequestException("say which node: node host:port, or node * for every node");
        }
        return Map.of("closed", admin().cluster().close(caller(), f));
    }

    /** {@code suspend}, {@code resume}, {@code drain} or {@code startup} a node, from any node. */
    @POST
    @Path("nodes/{node}/{action}")
    public ClusterStatus act(@PathParam("node") String node, @PathParam("action") String action) {
        switch (action) {
            case "suspend" -> admin().cluster().suspend(caller(), node);
            case "resume" -> admin().cluster().resume(caller(), node);
            case "drain" -> admin().cluster().drain(caller(), node);
            case "startup" -> admin().cluster().startup(caller(), node);
            default -> throw new BadRequestException("a node is suspended, resumed, drained or started up, not "
                    + action);
        }
        return admin().cluster().status(caller());
    }
}
