package dev.tnsrelay.web;

import dev.tnsrelay.admin.AdminEvent;
import dev.tnsrelay.admin.Administration;
import dev.tnsrelay.admin.Blocked;
import dev.tnsrelay.admin.Caller;
import dev.tnsrelay.admin.Connection;
import dev.tnsrelay.admin.GatewayStatus;
import dev.tnsrelay.admin.InstanceStatus;
import dev.tnsrelay.admin.ParameterValue;
import dev.tnsrelay.admin.Resolved;
import dev.tnsrelay.admin.RuleCheck;
import dev.tnsrelay.admin.RuleEdit;
import dev.tnsrelay.admin.RuleEntry;
import dev.tnsrelay.admin.ServiceStatus;
import dev.tnsrelay.admin.cmctl.Cmctl;
import dev.tnsrelay.admin.cmctl.CmctlCommand;
import dev.tnsrelay.admin.cmctl.SessionFilter;
import dev.tnsrelay.admin.stats.Chart;
import dev.tnsrelay.admin.stats.Rates;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.GenericEntity;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The REST API: each call is one typed call of the admin model, made as the caller the security filter
 * established (the model checks the role and writes the audit log). JSON in and out; docs/admin.md has the list.
 */
@Path("")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class Resources {

    @Context
    private HttpServletRequest request;

    private static Administration admin() {
        return AdminModel.admin();
    }

    private Caller caller() {
        return (Caller) request.getAttribute(Administrator.CALLER_KEY);
    }

    private static String text(JsonObject body, String key) {
        if (body == null || !(body.get(key) instanceof JsonString s)) {
            throw new BadRequestException("the JSON body needs \"" + key + "\" (a string)");
        }
        return s.getString();
    }

    private static int number(JsonObject body, String key) {
        if (body == null || !body.containsKey(key) || !(body.get(key) instanceof JsonNumber n)) {
            throw new BadRequestException("the JSON body needs \"" + key + "\" (a number)");
        }
        return n.intValue();
    }

    @GET
    @Path("session")
    public Map<String, String> session() {
        Administrator login = (Administrator) (request.getSession(false) == null ? null
                : request.getSession(false).getAttribute(Administrator.SESSION_KEY));
        return Map.of("user", caller().name(), "role", caller().role().name().toLowerCase(Locale.ROOT),
                "csrfToken", login == null ? "" : login.csrfToken());
    }

    @GET
    @Path("status")
    public InstanceStatus status() {
        return admin().status(caller());
    }

    /** The last hour, a sample every few seconds, as rates per second: the dashboard's charts. */
    @GET
    @Path("history")
    public Chart history() {
        return admin().history(caller());
    }

    /** What the instance did per second over the last sampling interval. */
    @GET
    @Path("rates")
    public Rates rates() {
        return admin().rates(caller());
    }

    @GET
    @Path("gateways")
    public List<GatewayStatus> gateways() {
        return admin().gateways(caller());
    }

    @POST
    @Path("gateways/{id}/suspend")
    public List<GatewayStatus> suspend(@PathParam("id") int id) {
        admin().suspend(caller(), List.of(id));
        return admin().gateways(caller());
    }

    @POST
    @Path("gateways/{id}/resume")
    public List<GatewayStatus> resume(@PathParam("id") int id) {
        admin().resume(caller(), List.of(id));
        return admin().gateways(caller());
    }

    @GET
    @Path("connections")
    public List<Connection> connections(@QueryParam("filter") @DefaultValue("") String filter) {
        return admin().connections(caller(), SessionFilter.parse(filter));
    }

    @POST
    @Path("connections/close")
    public Map<String, Integer> close(JsonObject body) {
        return Map.of("closed", admin().close(caller(), SessionFilter.parse(text(body, "filter"))));
    }

    /** The client addresses the IP rate limit blocks now (tnsrelay's {@code show blocked}). */
    @GET
    @Path("blocked")
    public List<Blocked> blocked() {
        return admin().blocked(caller());
    }

    /** Lifts the block of one address ({@code unblock}); the list as it is then. */
    @DELETE
    @Path("blocked/{address}")
    public List<Blocked> unblock(@PathParam("address") String address) {
        admin().unblock(caller(), address);
        return admin().blocked(caller());
    }

    @GET
    @Path("services")
    public List<ServiceStatus> services() {
        return admin().services(caller());
    }

    /** The rule list, with its version as the ETag: send it back in If-Match to change the list you saw. */
    @GET
    @Path("rules")
    public Response rules() {
        long version = admin().rulesVersion(caller());
        return versioned(admin().rules(caller()), version);
    }

    /** The rule tester: which rule of the live list meets a connect from source to destination for service. */
    @GET
    @Path("rules/check")
    public RuleCheck checkRule(@QueryParam("source") @DefaultValue("") String source,
            @QueryParam("destination") @DefaultValue("") String destination,
            @QueryParam("service") @DefaultValue("") String service) {
        return admin().checkRule(caller(), source, destination, service);
    }

    /**
     * {@code {"rule": "(RULE=…)"}} appends; with {@code "position": n} inserts there. Every change of the list
     * takes {@code If-Match: "<version>"}: made on that version of the list, or refused with 409 when another
     * administrator changed it since (on this server or another of the cluster).
     */
    @POST
    @Path("rules")
    public Response addRule(@HeaderParam("If-Match") String ifMatch, JsonObject body) {
        String rule = text(body, "rule");
        return edit(ifMatch, body.containsKey("position") ? RuleEdit.insert(number(body, "position"), rule)
                : RuleEdit.add(rule));
    }

    /** {@code {"rules": ["(RULE=…)", …]}}: the whole list at once. */
    @PUT
    @Path("rules")
    public Response replaceRules(@HeaderParam("If-Match") String ifMatch, JsonObject body) {
        if (body == null || !body.containsKey("rules") || body.get("rules").getValueType() != JsonValue.ValueType.ARRAY) {
            throw new BadRequestException("the JSON body needs \"rules\" (an array of strings)");
        }
        return edit(ifMatch, RuleEdit.replace(body.getJsonArray("rules").getValuesAs(JsonString::getString)));
    }

    @DELETE
    @Path("rules/{position}")
    public Response removeRule(@HeaderParam("If-Match") String ifMatch, @PathParam("position") int position) {
        return edit(ifMatch, RuleEdit.remove(position));
    }

    @POST
    @Path("rules/move")
    public Response moveRule(@HeaderParam("If-Match") String ifMatch, JsonObject body) {
        return edit(ifMatch, RuleEdit.move(number(body, "from"), number(body, "to")));
    }

    private Response edit(String ifMatch, RuleEdit edit) {
        List<RuleEntry> rules = admin().editRules(caller(), version(ifMatch), edit);
        return versioned(rules, admin().rulesVersion(caller()));
    }

    /** {@code If-Match: "7"} (or {@code 7}); none, or {@code *}: the list as it is now. */
    static OptionalLong version(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            return OptionalLong.empty();
        }
        String v = ifMatch.strip().replaceFirst("^W/", "").replace("\"", "");
        try {
            return OptionalLong.of(Long.parseLong(v));
        } catch (NumberFormatException e) {
            throw new BadRequestException("If-Match is the rule list's version as its ETag gives it, not " + ifMatch);
        }
    }

    private static Response versioned(List<RuleEntry> rules, long version) {
        return Response.ok(new GenericEntity<List<RuleEntry>>(rules) { }).tag(new EntityTag(Long.toString(version)))
                .build();
    }

    @GET
    @Path("parameters")
    public List<ParameterValue> parameters() {
        return admin().parameters(caller());
    }

    @PUT
    @Path("parameters/{name}")
    public List<ParameterValue> set(@PathParam("name") String name, JsonObject body) {
        admin().set(caller(), name, text(body, "value"));
        return admin().parameters(caller());
    }

    @GET
    @Path("events")
    public List<AdminEvent> events(@QueryParam("after") @DefaultValue("0") long after) {
        return admin().events(caller(), after, 200);
    }

    @GET
    @Path("resolve")
    public Resolved resolve(@QueryParam("name") @DefaultValue("") String name) {
        if (name.isBlank()) {
            throw new BadRequestException("resolve what? ?name=<net service name, Easy Connect or descriptor>");
        }
        return admin().resolve(caller(), name);
    }

    @POST
    @Path("reload")
    public InstanceStatus reload() {
        admin().reload(caller());
        return admin().status(caller());
    }

    /** {@code {"mode": "normal" | "abort"}}. */
    @POST
    @Path("shutdown")
    public InstanceStatus shutdown(JsonObject body) {
        String mode = body == null || !body.containsKey("mode") ? "normal" : text(body, "mode");
        if (!mode.equals("normal") && !mode.equals("abort")) {
            throw new BadRequestException("mode is normal or abort, not " + mode);
        }
        admin().shutdown(caller(), mode.equals("abort"));
        return admin().status(caller());
    }

    /** After a shutdown: cman.ora read again and the gateways started. */
    @POST
    @Path("startup")
    public InstanceStatus startup() {
        admin().startup(caller());
        return admin().status(caller());
    }

    /** A cmctl SHOW (or ADMINISTER, HELP), answered in cmctl's layout: {@code GET /api/cmctl?command=show+status}. */
    @GET
    @Path("cmctl")
    @Produces(MediaType.TEXT_PLAIN)
    public String show(@QueryParam("command") @DefaultValue("") String command) {
        CmctlCommand c = CmctlCommand.parse(command);
        if (!c.readOnly()) {
            throw new BadRequestException("only show, administer and help are read with GET; POST the others");
        }
        return new Cmctl(admin()).run(caller(), c);
    }

    /** Any cmctl command, the text of the request body; answered in cmctl's layout. */
    @POST
    @Path("cmctl")
    @Consumes(MediaType.TEXT_PLAIN)
    @Produces(MediaType.TEXT_PLAIN)
    public String cmctl(String command) {
        return new Cmctl(admin()).run(caller(), command);
    }
}
