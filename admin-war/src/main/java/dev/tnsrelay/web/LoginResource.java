package dev.tnsrelay.web;

import dev.tnsrelay.admin.Role;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Screen login and logout. A login starts a new HTTP session (no fixation) with its own CSRF token. */
@Path("")
@Produces(MediaType.APPLICATION_JSON)
public class LoginResource {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Context
    private HttpServletRequest request;

    @POST
    @Path("login")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response login(JsonObject body) {
        String user = body != null && body.get("user") instanceof JsonString s ? s.getString() : "";
        String password = body != null && body.get("password") instanceof JsonString s ? s.getString() : "";
        var admin = AdminModel.access().administration();
        Optional<Role> role = AdminModel.access().users().check(user, password.toCharArray());
        if (role.isEmpty()) {
            admin.recordLogin(user, request.getRemoteAddr(), false);
            return Response.status(401).entity(Map.of("error", "user name or password is wrong")).build();
        }
        HttpSession old = request.getSession(false);
        if (old != null) {
            old.invalidate();
        }
        byte[] token = new byte[24];
        RANDOM.nextBytes(token);
        Administrator a = new Administrator(user, role.get(), Base64.getUrlEncoder().withoutPadding().encodeToString(token));
        request.getSession(true).setAttribute(Administrator.SESSION_KEY, a);
        admin.recordLogin(user, request.getRemoteAddr(), true);
        return Response.ok(Map.of("user", user, "role", role.get().name().toLowerCase(Locale.ROOT),
                "csrfToken", a.csrfToken())).build();
    }

    @POST
    @Path("logout")
    public Map<String, String> logout() {
        HttpSession s = request.getSession(false);
        if (s != null) {
            s.invalidate();
        }
        return Map.of("loggedOut", "yes");
    }
}
