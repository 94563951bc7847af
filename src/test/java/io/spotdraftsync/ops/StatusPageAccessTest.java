package io.spotdraftsync.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** Which {@code /api} requests the status page's public mode lets through without the token: one. */
class StatusPageAccessTest {

    @Test
    void publicOpensOnlyReadingTheStatus() {
        StatusPageAccess open = new StatusPageAccess(true);
        assertThat(open.test(request("GET", "", "/api/status"))).isTrue();
        assertThat(open.test(request("HEAD", "", "/api/status"))).isTrue();
        assertThat(open.test(request("GET", "/sync", "/sync/api/status"))).isTrue();

        assertThat(open.test(request("POST", "", "/api/status"))).isFalse();
        assertThat(open.test(request("GET", "", "/api/status/"))).isFalse();
        assertThat(open.test(request("GET", "", "/api/statuses"))).isFalse();
        assertThat(open.test(request("GET", "", "/api/runs"))).isFalse();
        assertThat(open.test(request("GET", "", "/api/jobs"))).isFalse();
    }

    @Test
    void privateOpensNothing() {
        StatusPageAccess closed = new StatusPageAccess(false);
        assertThat(closed.test(request("GET", "", "/api/status"))).isFalse();
        assertThat(closed.test(request("GET", "", "/api/runs"))).isFalse();
    }

    private static MockHttpServletRequest request(String method, String contextPath, String uri) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, uri);
        request.setContextPath(contextPath);
        return request;
    }
}
