package dev.tnsrelay.web;

import dev.tnsrelay.admin.AdminException;
import dev.tnsrelay.admin.AdminHosts;
import dev.tnsrelay.admin.AdminSession;
import dev.tnsrelay.admin.Administration;
import dev.tnsrelay.admin.Caller;
import dev.tnsrelay.admin.LoginThrottledException;
import dev.tnsrelay.admin.Problem;
import jakarta.json.Json;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/**
 * Every request to the screens and the API passes here:
 * <ul>
 * <li>who: a screen login (the HTTP session, whose admin session the model still holds open) or Basic
 *     credentials (the command line), both checked by the admin model; nobody else gets past the login page,
 *     the style sheet and {@code POST /api/login}. A Basic request is an administration session while it runs
 *     (MAX_CMCTL_SESSIONS);</li>
 * <li>cross-site: a change (any method but GET/HEAD) from another origin is refused; a screen change must carry
 *     its session's {@code X-CSRF-Token}, a Basic one the {@code X-Requested-By} header — neither can be sent
 *     by another site without a CORS pre-flight, which this application never grants;</li>
 * <li>size: a body must say its length and stay within {@link #MAX_BODY}, before anyone is asked for a password;</li>
 * <li>host: the Host header must name this server as the administrator configured it (loopback names unless the
 *     adapter's {@code adminHosts} adds others), or the request is refused with 421 before anything else: a page
 *     whose name an attacker rebinds to 127.0.0.1 (DNS rebinding) is another site to the browser but not to the
 *     server, and sends its own name;</li>
 * <li>guessing: Basic credentials go through the model's login throttle like a screen login, 429 with Retry-After
 *     while the name or address must wait; every failure is in the audit log.</li>
 * </ul>
 * What the caller may do is the model's decision, at each operation: the filter only says who it is.
 */
@WebFilter("/*")
public class SecurityFilter extends HttpFilter {

    /** The names a request may give as Host when the model cannot be asked (the adapter is not running). */
    private static final AdminHosts LOOPBACK = AdminHosts.of("");
    private static final HostRefusals HOSTS = new HostRefusals();
    private static final Set<String> PUBLIC = Set.of("/login.html", "/tnsrelay.css", "/login.js", "/favicon.ico");
    private static final Set<String> SAFE = Set.of("GET", "HEAD");
    /** The largest request body: a whole rule list of a few hundred rules fits; nothing a client needs is larger. */
    static final long MAX_BODY = 256 * 1024;

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        res.setHeader("X-Frame-Options", "DENY");
        res.setHeader("X-Content-Type-Options", "nosniff");
        res.setHeader("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'");
        res.setHeader("Referrer-Policy", "same-origin");
        String path = req.getRequestURI().substring(req.getContextPath().length());
        boolean api = path.startsWith("/api/");
        if (api) {
            res.setHeader("Cache-Control", "no-store");
        }
        boolean change = !SAFE.contains(req.getMethod());
        Administration model = null;
        IllegalStateException unavailable = null;
        try {
            model = AdminModel.admin();
        } catch (IllegalStateException e) {
            unavailable = e;
        }
        String host = req.getHeader("Host");
        if (!(model != null ? model.servesHost(host) : LOOPBACK.allows(host))) {
            HOSTS.refused(host, req.getRemoteAddr());
            refuse(res, 421, "this server does not answer to that host name; an administrator adds the names it is"
                    + " reached by to the adapter's adminHosts");
            return;
        }
        if (req.getHeader("Transfer-Encoding") != null) {
            refuse(res, 411, "send the body with a Content-Length");
            return;
        }
        if (req.getContentLengthLong() > MAX_BODY) {
            refuse(res, 413, "a request body is at most " + MAX_BODY + " bytes");
            return;
        }
        if (change && crossSite(req)) {
            refuse(res, 403, "cross-site request refused");
            return;
        }
        if (PUBLIC.contains(path) || path.equals("/api/login") && req.getMethod().equals("POST")) {
            chain.doFilter(req, res);
            return;
        }
        if (model == null) {
            refuse(res, 503, unavailable.getMessage());
            return;
        }
        Administration admin = model;
        Optional<Administrator> login = fromSession(req);
        Optional<Caller> screen = login.flatMap(l -> admin.session(l.session())).map(AdminSession::caller);
        Optional<Caller> basic;
        try {
            basic = screen.isPresent() ? Optional.empty() : fromBasic(admin, req);
        } catch (LoginThrottledException e) {
            res.setIntHeader("Retry-After", (int) e.retryAfter().toSeconds());
            refuse(res, 429, e.getMessage());
            return;
        }
        if (screen.isEmpty() && basic.isEmpty()) {
            if (!api) {
                res.sendRedirect(req.getContextPath() + "/login.html");
            } else {
                if (req.getHeader("X-Requested-With") == null) {
                    res.setHeader("WWW-Authenticate", "Basic realm=\"tnsrelay\", charset=\"UTF-8\"");
                }
                refuse(res, 401, "log in first");
            }
            return;
        }
        if (change && (screen.isPresent() ? !sameToken(login.get().csrfToken(), req.getHeader("X-CSRF-Token"))
                : req.getHeader("X-Requested-By") == null)) {
            refuse(res, 403, screen.isPresent() ? "the X-CSRF-Token header is missing or wrong"
                    : "a change needs the X-Requested-By header");
            return;
        }
        if (screen.isPresent()) {
            req.setAttribute(Administrator.CALLER_KEY, screen.get());
            chain.doFilter(req, res);
            return;
        }
        AdminSession request;
        try {
            request = admin.openSession(basic.get(), "REST from " + req.getRemoteAddr());
        } catch (AdminException e) {
            refuse(res, ApiErrors.status(Problem.of(e), e), e.getMessage());
            return;
        }
        try (request) {
            req.setAttribute(Administrator.CALLER_KEY, basic.get());
            chain.doFilter(req, res);
        }
    }

    /** An Origin, or the browser's own Sec-Fetch-Site, that says the request comes from another site. */
    private static boolean crossSite(HttpServletRequest req) {
        String fetchSite = req.getHeader("Sec-Fetch-Site");
        if (fetchSite != null && fetchSite.equals("cross-site")) {
            return true;
        }
        String origin = req.getHeader("Origin");
        if (origin == null) {
            return false;
        }
        String host = req.getHeader("Host");
        return host == null || !(origin.equals("http://" + host) || origin.equals("https://" + host));
    }

    private static Optional<Administrator> fromSession(HttpServletRequest req) {
        HttpSession s = req.getSession(false);
        return s == null ? Optional.empty()
                : Optional.ofNullable((Administrator) s.getAttribute(Administrator.SESSION_KEY));
    }

    private static Optional<Caller> fromBasic(Administration admin, HttpServletRequest req) {
        String header = req.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(admin.authenticate(decoded.substring(0, colon), decoded.substring(colon + 1).toCharArray(),
                    "HTTP Basic", req.getRemoteAddr()));
        } catch (LoginThrottledException e) {
            throw e;
        } catch (AdminException e) {
            return Optional.empty(); // a wrong name or password: written to the audit log by the model
        }
    }

    private static boolean sameToken(String expected, String given) {
        return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8));
    }

    static void refuse(HttpServletResponse res, int status, String message) throws IOException {
        res.setStatus(status);
        res.setContentType("application/json");
        res.setCharacterEncoding("UTF-8");
        res.getWriter().write(Json.createObjectBuilder().add("error", message).build().toString());
    }
}
