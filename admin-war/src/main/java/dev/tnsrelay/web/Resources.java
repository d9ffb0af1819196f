package dev.tnsrelay.web;

import dev.tnsrelay.admin.Administration;
import dev.tnsrelay.admin.CmctlCommand;
import dev.tnsrelay.admin.Views;
import dev.tnsrelay.gateway.Event;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;

/**
 * The REST API: each call is one call of the admin model, made in the caller's name (the security filter
 * has checked who it is, the role and the CSRF token). JSON in and out; docs/admin.md has the list.
 */
@Path("")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class Resources {

    @Context
    private HttpServletRequest request;

    private static Administration admin() {
        return AdminModel.access().administration();
    }

    private String who() {
        return ((Administrator) request.getAttribute(Administrator.REQUEST_KEY)).name();
    }

    private static String text(JsonObject body, String key) {
        if (body == null || !(body.get(key) instanceof JsonString s)) {
            throw new BadRequestException("the JSON body needs \"" + key + "\" (a string)");
        }
        return s.getString();
    }

    private static int number(JsonObject body, String key) {
        if (body == null || !body.containsKey(key) || !(body.get(key) instanceof jakarta.json.JsonNumber n)) {
            throw new BadRequestException("the JSON body needs \"" + key + "\" (a number)");
        }
        return n.intValue();
    }

    @GET
    @Path("session")
    public Map<String, String> session() {
        Administrator a = (Administrator) request.getAttribute(Administrator.REQUEST_KEY);
        return Map.of("user", a.name(), "role", a.role().name().toLowerCase(java.util.Locale.ROOT),
                "csrfToken", a.csrfToken() == null ? "" : a.csrfToken());
    }

    @GET
    @Path("status")
    public Views.Status status() {
        return admin().status();
    }

    @GET
    @Path("gateways")
    public List<Views.Gateway> gateways() {
        return admin().gateways();
    }

    @POST
    @Path("gateways/{id}/suspend")
    public List<Views.Gateway> suspend(@PathParam("id") int id) {
        admin().suspend(who(), id);
        return admin().gateways();
    }

    @POST
    @Path("gateways/{id}/resume")
    public List<Views.Gateway> resume(@PathParam("id") int id) {
        admin().resume(who(), id);
        return admin().gateways();
    }

    @GET
    @Path("connections")
    public List<Views.Connection> connections(@QueryParam("filter") @DefaultValue("") String filter) {
        return admin().connections(filter);
    }

    @POST
    @Path("connections/close")
    public Map<String, Integer> close(JsonObject body) {
        return Map.of("closed", admin().close(who(), text(body, "filter")));
    }

    @GET
    @Path("services")
    public List<Views.Service> services() {
        return admin().services();
    }

    @GET
    @Path("rules")
    public List<Views.RuleRow> rules() {
        return admin().rules();
    }

    /** {@code {"rule": "(RULE=…)"}} appends; with {@code "position": n} inserts there. */
    @POST
    @Path("rules")
    public List<Views.RuleRow> addRule(JsonObject body) {
        String rule = text(body, "rule");
        return body.containsKey("position") ? admin().insertRule(who(), number(body, "position"), rule)
                : admin().addRule(who(), rule);
    }

    /** {@code {"rules": ["(RULE=…)", …]}}: the whole list at once. */
    @PUT
    @Path("rules")
    public List<Views.RuleRow> replaceRules(JsonObject body) {
        if (body == null || !body.containsKey("rules") || body.get("rules").getValueType() != jakarta.json.JsonValue.ValueType.ARRAY) {
            throw new BadRequestException("the JSON body needs \"rules\" (an array of strings)");
        }
        return admin().replaceRules(who(), body.getJsonArray("rules").getValuesAs(JsonString::getString));
    }

    @DELETE
    @Path("rules/{position}")
    public List<Views.RuleRow> removeRule(@PathParam("position") int position) {
        return admin().removeRule(who(), position);
    }

    @POST
    @Path("rules/move")
    public List<Views.RuleRow> moveRule(JsonObject body) {
        return admin().moveRule(who(), number(body, "from"), number(body, "to"));
    }

    @GET
    @Path("parameters")
    public List<Views.Parameter> parameters() {
        return admin().parameters();
    }

    @PUT
    @Path("parameters/{name}")
    public List<Views.Parameter> set(@PathParam("name") String name, JsonObject body) {
        admin().set(who(), name, text(body, "value"));
        return admin().parameters();
    }

    @GET
    @Path("events")
    public List<Event> events(@QueryParam("after") @DefaultValue("0") long after) {
        return admin().events(after, 200);
    }

    @GET
    @Path("resolve")
    public Views.Resolved resolve(@QueryParam("name") @DefaultValue("") String name) {
        if (name.isBlank()) {
            throw new BadRequestException("resolve what? ?name=<net service name, Easy Connect or descriptor>");
        }
        return admin().resolve(name);
    }

    @POST
    @Path("reload")
    public Views.Status reload() {
        admin().reload(who());
        return admin().status();
    }

    /** {@code {"mode": "normal" | "abort"}}. */
    @POST
    @Path("shutdown")
    public Map<String, String> shutdown(JsonObject body) {
        String mode = body == null || !body.containsKey("mode") ? "normal" : text(body, "mode");
        admin().cmctl(who(), "shutdown " + mode);
        return Map.of("shutdown", mode);
    }

    /** A cmctl SHOW, answered in cmctl's layout: {@code GET /api/cmctl?command=show+connections}. */
    @GET
    @Path("cmctl")
    @Produces(MediaType.TEXT_PLAIN)
    public String show(@QueryParam("command") @DefaultValue("") String command) {
        if (CmctlCommand.parse(command).verb() != CmctlCommand.Verb.SHOW) {
            throw new BadRequestException("only show commands are read with GET; POST the others");
        }
        return admin().cmctl(who(), command);
    }

    /** Any cmctl command, the text of the request body; answered in cmctl's layout. */
    @POST
    @Path("cmctl")
    @Consumes(MediaType.TEXT_PLAIN)
    @Produces(MediaType.TEXT_PLAIN)
    public String cmctl(String command) {
        return admin().cmctl(who(), command);
    }
}
