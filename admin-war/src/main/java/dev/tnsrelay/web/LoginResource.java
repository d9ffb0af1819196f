package dev.tnsrelay.web;

import dev.tnsrelay.admin.AdminError;
import dev.tnsrelay.admin.AdminException;
import dev.tnsrelay.admin.AdminSession;
import dev.tnsrelay.admin.LoginThrottledException;
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

/**
 * Screen login and logout. The admin model checks the password, writes the attempt to the audit log and opens an
 * administration session; a login starts a new HTTP session (no fixation) with its own CSRF token, and the
 * model's session ends with it. A wrong name or password is 401; a name or address that failed too often must
 * wait (the model's login throttle): 429 with Retry-After, the password unchecked.
 */
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
        AdminSession session;
        try {
            session = AdminModel.admin().login(user, password.toCharArray(), request.getRemoteAddr());
        } catch (LoginThrottledException e) {
            return Response.status(429).header("Retry-After", e.retryAfter().toSeconds())
                    .entity(Map.of("error", e.getMessage())).build();
        } catch (AdminException e) {
            if (e.error() != AdminError.DENIED) {
                throw e;
            }
            return Response.status(401).entity(Map.of("error", "user name or password is wrong")).build();
        }
        HttpSession old = request.getSession(false);
        if (old != null) {
            old.invalidate();
        }
        byte[] token = new byte[24];
        RANDOM.nextBytes(token);
        Administrator a = new Administrator(session.id(), Base64.getUrlEncoder().withoutPadding().encodeToString(token));
        request.getSession(true).setAttribute(Administrator.SESSION_KEY, a);
        return Response.ok(Map.of("user", user, "role", session.caller().role().name().toLowerCase(Locale.ROOT),
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
