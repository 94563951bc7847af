package io.spotdraftsync.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.spotdraftsync.testsupport.ExportHarness;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import tools.jackson.databind.json.JsonMapper;

/** Which actuator paths the token guards: decided on the container's normalized path, not the raw request URI. */
class ActuatorTokenFilterTest {

    private final ActuatorTokenFilter filter = new ActuatorTokenFilter(
            AdminToken.resolve(new AdminProperties(ExportHarness.ADMIN_TOKEN, null), new MockEnvironment()),
            JsonMapper.builder().build());

    @Test
    void probesAndScrapeAreOpenEverythingElseNeedsTheToken() throws Exception {
        assertThat(status("/actuator/health", null)).isEqualTo(200);
        assertThat(status("/actuator/health/readiness", null)).isEqualTo(200);
        assertThat(status("/actuator/prometheus", null)).isEqualTo(200);

        assertThat(status("/actuator", null)).isEqualTo(401);
        assertThat(status("/actuator/env", null)).isEqualTo(401);
        assertThat(status("/actuator/healthy", null)).isEqualTo(401);
        assertThat(status("/actuator/prometheus/x", null)).isEqualTo(401);
        assertThat(status("/actuator/env", "Bearer " + ExportHarness.ADMIN_TOKEN)).isEqualTo(200);
        assertThat(status("/actuator/env", "Bearer not-the-token-0123456789")).isEqualTo(401);
    }

    @Test
    void aDotSegmentAfterAnOpenPathDoesNotOpenAnotherEndpoint() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/actuator/health/../env");
        request.setServletPath("/actuator/env");     // what the container maps after normalizing
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain());
        assertThat(response.getStatus()).isEqualTo(401);
    }

    private int status(String path, String authorization) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
        request.setServletPath(path);
        if (authorization != null) {
            request.addHeader("Authorization", authorization);
        }
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain());
        return response.getStatus();
    }
}
