package dev.tnsrelay.web;

import dev.tnsrelay.admin.Administration;
import dev.tnsrelay.net.NetParseException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Errors as JSON: an administrator's mistake is 400 with the TNS message (and, for a rule that does not read,
 * which rule and column, so the screen can point at it); a gateway that is not running is 503.
 */
@Provider
public class ApiErrors implements ExceptionMapper<RuntimeException> {

    @Override
    public Response toResponse(RuntimeException e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", e.getMessage());
        if (e instanceof WebApplicationException w) {
            return Response.status(w.getResponse().getStatus()).type(MediaType.APPLICATION_JSON).entity(body).build();
        }
        if (e instanceof NetParseException p) {
            body.put("source", p.position().source());
            body.put("line", p.position().line());
            body.put("column", p.position().column());
        }
        int status = Administration.isUserError(e) ? 400 : e instanceof IllegalStateException ? 503 : 500;
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build();
    }
}
