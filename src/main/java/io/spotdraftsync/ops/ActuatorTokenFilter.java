package io.spotdraftsync.ops;

import jakarta.servlet.http.HttpServletRequest;

import tools.jackson.databind.json.JsonMapper;

/**
 * The admin token on {@code /actuator/*}, except the probes ({@code /actuator/health/**}) and the scrape
 * ({@code /actuator/prometheus}), which the kubelet and Prometheus call without it. Any other endpoint an operator
 * exposes ({@code quartz}, {@code env}, ...) needs the token.
 */
final class ActuatorTokenFilter extends BearerTokenFilter {

    ActuatorTokenFilter(AdminToken token, JsonMapper json) {
        super(token, json, request -> isOpen(pathOf(request)));
    }

    static boolean isOpen(String path) {
        return path.equals("/actuator/health") || path.startsWith("/actuator/health/") || path.equals("/actuator/prometheus");
    }

    /**
     * The path as the container mapped it: decoded and normalized ({@code /actuator/health/../env} is
     * {@code /actuator/env} here), unlike {@code getRequestURI()}, so a dot segment cannot slip past the token.
     */
    private static String pathOf(HttpServletRequest request) {
        String servletPath = request.getServletPath();
        String pathInfo = request.getPathInfo();
        return (servletPath == null ? "" : servletPath) + (pathInfo == null ? "" : pathInfo);
    }
}
