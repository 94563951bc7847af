package io.spotdraftsync.ops;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Browser hardening headers on every answer of {@code serve} (the status page, its data and the rest of the admin
 * API, and so the refusals of the token filters too): the page's scripts, styles and data come from this server only
 * and it cannot be framed, content types are not guessed, and no {@code Referer} leaves it. The status page is built
 * for this policy: no inline script or style (its scripts set styles through the DOM, which the policy allows).
 */
class SecurityHeadersFilter extends OncePerRequestFilter {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'none'";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // set before the chain runs, so that an answer committed by a later filter carries them as well
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Frame-Options", "DENY");
        chain.doFilter(request, response);
    }

    /** Error pages are rendered in an error dispatch of their own: they get the headers too. */
    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }
}
