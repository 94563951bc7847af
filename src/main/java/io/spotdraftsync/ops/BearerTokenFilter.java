package io.spotdraftsync.ops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.spotdraftsync.logging.SampledLog;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import tools.jackson.databind.json.JsonMapper;

/**
 * Lets a request through only with {@code Authorization: Bearer <sync.admin.token>}; otherwise answers 401 with
 * {@code WWW-Authenticate: Bearer} and a problem detail, before anything else runs. Registered for {@code /api/*}
 * (and, as {@link ActuatorTokenFilter}, for {@code /actuator/*}): the webhook receiver has its own rule.
 */
class BearerTokenFilter extends OncePerRequestFilter {

    static final String REALM = "spotdraft-sync admin API";
    private static final Logger log = LoggerFactory.getLogger(BearerTokenFilter.class);
    /** Whoever tries tokens by the thousand cannot flood the log: one line a minute per address and reason. */
    private final SampledLog refusals = new SampledLog(log, "Admin API requests refused");

    private final AdminToken token;
    private final JsonMapper json;
    private final Predicate<HttpServletRequest> open;

    /** @param open the requests let through without a token (the public status, when configured so) */
    BearerTokenFilter(AdminToken token, JsonMapper json, Predicate<HttpServletRequest> open) {
        this.token = token;
        this.json = json;
        this.open = open;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (open.test(request)) {
            chain.doFilter(request, response);
            return;
        }
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        String presented = bearerCredentials(authorization);
        if (presented != null && token.matches(presented)) {
            chain.doFilter(request, response);
            return;
        }
        if (authorization == null) {
            refuse(request, response, null, "This endpoint needs the header `Authorization: Bearer <token>` "
                    + "(the token is sync.admin.token)");
        } else {
            // the presented value is never logged: it may be a real token with a typo
            String reason = presented == null ? "not a Bearer authorization" : "wrong token";
            refusals.warn(request.getRemoteAddr(), reason, "Admin API: refused {} {} from {}: {}", request.getMethod(),
                    request.getRequestURI(), request.getRemoteAddr(), reason);
            refuse(request, response, "invalid_token", presented == null
                    ? "The Authorization header must be `Bearer <token>`"
                    : "The bearer token is not the admin token (sync.admin.token)");
        }
    }

    /** The credentials of {@code Bearer <credentials>} (scheme case-insensitive); null for anything else. */
    static String bearerCredentials(String authorization) {
        if (authorization == null) {
            return null;
        }
        String value = authorization.strip();
        int space = value.indexOf(' ');
        if (space < 0 || !value.substring(0, space).toLowerCase(Locale.ROOT).equals("bearer")) {
            return null;
        }
        String credentials = value.substring(space + 1).strip();
        return credentials.isEmpty() ? null : credentials;
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, String error, String detail) throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", AdminProblem.TYPE_BASE + "unauthorized");
        problem.put("title", "Unauthorized");
        problem.put("status", HttpStatus.UNAUTHORIZED.value());
        problem.put("detail", detail);
        problem.put("instance", request.getRequestURI());
        response.setStatus(HttpStatus.UNAUTHORIZED.value());
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE,
                "Bearer realm=\"" + REALM + "\"" + (error == null ? "" : ", error=\"" + error + "\""));
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getOutputStream().write(json.writeValueAsBytes(problem));
    }
}
