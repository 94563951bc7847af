package io.spotdraftsync.sandbox;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Maps (method, path) to handlers with SpotDraft's exact paths, trailing slashes included. A path that only
 * differs by its trailing slash is redirected (302), as the real API does.
 */
final class ApiRouter {

    /** Handles one routed request. */
    @FunctionalInterface
    interface Handler {
        ApiResponse handle(ApiRequest request);
    }

    /** A route; its template (e.g. {@code /api/v2.1/public/contracts/{composite_id}/status}) names it in stats. */
    record Route(String method, String template, List<String> segments, Handler handler) {

        /** Parameter values by name when the path fits, percent-decoded. */
        Optional<Map<String, String>> match(List<String> pathSegments) {
            if (pathSegments.size() != segments.size()) {
                return Optional.empty();
            }
            Map<String, String> parameters = new LinkedHashMap<>();
            for (int i = 0; i < segments.size(); i++) {
                String expected = segments.get(i);
                String actual = pathSegments.get(i);
                if (isParameter(expected)) {
                    if (actual.isEmpty()) {
                        return Optional.empty();
                    }
                    parameters.put(expected.substring(1, expected.length() - 1), decode(actual));
                } else if (!expected.equals(actual)) {
                    return Optional.empty();
                }
            }
            return Optional.of(parameters);
        }
    }

    /** The outcome of routing one request. */
    sealed interface Resolution permits Found, Redirect, MethodNotAllowed, NotFound {
        /** The endpoint this request counts for in stats. */
        String statsKey(String method);
    }

    record Found(Route route, Map<String, String> parameters) implements Resolution {
        @Override
        public String statsKey(String method) {
            return method + " " + route.template();
        }
    }

    record Redirect(String path, String template) implements Resolution {
        @Override
        public String statsKey(String method) {
            return method + " " + template + " (redirected: trailing slash)";
        }
    }

    record MethodNotAllowed(String allowed) implements Resolution {
        @Override
        public String statsKey(String method) {
            return method + " (method not allowed)";
        }
    }

    record NotFound() implements Resolution {
        @Override
        public String statsKey(String method) {
            return method + " (no route)";
        }
    }

    private final List<Route> routes = new ArrayList<>();

    ApiRouter add(String method, String template, Handler handler) {
        routes.add(new Route(method, template, List.of(template.split("/", -1)), handler));
        // literal segments win over parameters at the first position where two templates differ
        routes.sort(Comparator.comparing(ApiRouter::specificity).reversed());
        return this;
    }

    Resolution resolve(String method, String rawPath) {
        List<String> segments = List.of(rawPath.split("/", -1));
        TreeSet<String> allowed = new TreeSet<>();
        for (Route route : routes) {
            Optional<Map<String, String>> parameters = route.match(segments);
            if (parameters.isPresent()) {
                if (route.method().equals(method)) {
                    return new Found(route, parameters.get());
                }
                allowed.add(route.method());
            }
        }
        if (!allowed.isEmpty()) {
            return new MethodNotAllowed(String.join(", ", allowed));
        }
        String toggled = rawPath.endsWith("/") ? rawPath.substring(0, rawPath.length() - 1) : rawPath + "/";
        List<String> toggledSegments = List.of(toggled.split("/", -1));
        for (Route route : routes) {
            if (route.match(toggledSegments).isPresent()) {
                return new Redirect(toggled, route.template());
            }
        }
        return new NotFound();
    }

    private static String specificity(Route route) {
        StringBuilder key = new StringBuilder();
        route.segments().forEach(segment -> key.append(isParameter(segment) ? '0' : '1'));
        return key.toString();
    }

    private static boolean isParameter(String segment) {
        return segment.startsWith("{") && segment.endsWith("}");
    }

    private static String decode(String segment) {
        try {
            // a path segment keeps '+' literal, unlike a query string
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformedEscape) {
            return segment;
        }
    }
}
