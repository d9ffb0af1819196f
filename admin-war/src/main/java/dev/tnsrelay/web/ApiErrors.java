package dev.tnsrelay.web;

import dev.tnsrelay.admin.Problem;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Errors as JSON, by the kind the admin model gives them: an administrator's mistake is 400 with the TNS message
 * (and, for a rule that does not read, which rule and column, so the screen can point at it), a role that may not
 * do it 403, a stopped instance 409 (TNS-04011), a rule list changed by someone else since the version the change
 * was made from 409, too many administration sessions or a rule change without a cluster majority 503, and an
 * adapter that is not running 503.
 */
@Provider
public class ApiErrors implements ExceptionMapper<RuntimeException> {

    @Override
    public Response toResponse(RuntimeException e) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (e instanceof WebApplicationException w) {
            body.put("error", e.getMessage());
            return Response.status(w.getResponse().getStatus()).type(MediaType.APPLICATION_JSON).entity(body).build();
        }
        Problem p = Problem.of(e);
        body.put("error", p.message());
        if (p.line() > 0) {
            body.put("source", p.source());
            body.put("line", p.line());
            body.put("column", p.column());
        }
        return Response.status(status(p, e)).type(MediaType.APPLICATION_JSON).entity(body).build();
    }

    static int status(Problem p, RuntimeException e) {
        if (p.kind() == null) {
            return e instanceof IllegalStateException ? 503 : 500;
        }
        return switch (p.kind()) {
            case MISTAKE -> 400;
            case DENIED -> 403;
            case STOPPED -> 409;
            case BUSY -> 503;
            case CONFLICT -> 409;
        };
    }
}
