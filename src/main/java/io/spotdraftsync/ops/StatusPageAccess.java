package io.spotdraftsync.ops;

import java.util.function.Predicate;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The {@code /api} requests that need no admin token: {@code GET /api/status} when {@code sync.status-page.public}
 * is true, nothing else.
 */
public final class StatusPageAccess implements Predicate<HttpServletRequest> {

    private final boolean publicStatus;

    public StatusPageAccess(boolean publicStatus) {
        this.publicStatus = publicStatus;
    }

    @Override
    public boolean test(HttpServletRequest request) {
        return publicStatus && ("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod()))
                && StatusController.PATH.equals(pathWithinApplication(request));
    }

    private static String pathWithinApplication(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        return context != null && !context.isEmpty() && uri.startsWith(context) ? uri.substring(context.length()) : uri;
    }
}
