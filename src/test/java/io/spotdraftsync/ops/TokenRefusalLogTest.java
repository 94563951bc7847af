package io.spotdraftsync.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.spotdraftsync.testsupport.ExportHarness;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import tools.jackson.databind.json.JsonMapper;

/** Bad admin and Actuator tokens are logged at most once a minute per caller address and reason. */
class TokenRefusalLogTest {

    private static final String WRONG_TOKEN = "Bearer not-the-token-0123456789";

    private final AdminToken token = AdminToken.resolve(new AdminProperties(ExportHarness.ADMIN_TOKEN, null),
            new MockEnvironment());
    private final Logger logger = (Logger) LoggerFactory.getLogger(BearerTokenFilter.class);
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

    @BeforeEach
    void capture() {
        lines.start();
        logger.addAppender(lines);
    }

    @AfterEach
    void release() {
        logger.detachAppender(lines);
    }

    @Test
    void aHundredWrongAdminTokensFromOneAddressLogOneLine() throws Exception {
        BearerTokenFilter filter = new BearerTokenFilter(token, JsonMapper.builder().build(), request -> false);

        for (int i = 0; i < 100; i++) {
            assertThat(status(filter, "/api/runs", "10.1.2.3", WRONG_TOKEN)).isEqualTo(401);
        }
        // another reason, and another address, each get their own line
        assertThat(status(filter, "/api/runs", "10.1.2.3", "Basic dXNlcjpwYXNz")).isEqualTo(401);
        assertThat(status(filter, "/api/runs", "10.9.9.9", WRONG_TOKEN)).isEqualTo(401);

        assertThat(messages()).containsExactly(
                "Admin API: refused GET /api/runs from 10.1.2.3: wrong token",
                "Admin API: refused GET /api/runs from 10.1.2.3: not a Bearer authorization",
                "Admin API: refused GET /api/runs from 10.9.9.9: wrong token");
    }

    @Test
    void aHundredWrongActuatorTokensFromOneAddressLogOneLine() throws Exception {
        ActuatorTokenFilter filter = new ActuatorTokenFilter(token, JsonMapper.builder().build());

        for (int i = 0; i < 100; i++) {
            assertThat(status(filter, "/actuator/env", "10.1.2.3", WRONG_TOKEN)).isEqualTo(401);
        }

        assertThat(messages()).containsExactly("Admin API: refused GET /actuator/env from 10.1.2.3: wrong token");
    }

    private List<String> messages() {
        return lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    private static int status(BearerTokenFilter filter, String path, String address, String authorization) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
        request.setServletPath(path);
        request.setRemoteAddr(address);
        request.addHeader("Authorization", authorization);
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain());
        return response.getStatus();
    }
}
