package io.spotdraftsync.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Every answer of the real {@code serve} (status page and its files, admin API answered and refused, the webhook
 * receiver, Actuator, a page that does not exist) carries the browser hardening headers, and the status page's files
 * need nothing that its Content-Security-Policy (self only) refuses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecurityHeadersTest {

    private static final String TOKEN = "h3Xq8nR1zT6yU3vW9mC2xB7kL5dF0gJa";

    private ConfigurableApplicationContext context;
    private AdminHttp api;
    private Path work;

    @BeforeAll
    void start() throws IOException {
        work = Files.createTempDirectory("security-headers-test");
        context = ServeContext.in(work)
                .with("sync.admin.token", TOKEN)
                .with("sync.embedded-sandbox.contracts", 5)
                .with("sync.embedded-sandbox.mutations-per-minute", 0)
                .with("sync.schedule.enabled", false)
                .start();
        api = new AdminHttp(ServeContext.port(context), TOKEN);
    }

    @AfterAll
    void stop() {
        ServeContext.closeAndDelete(context, work);
    }

    @Test
    void theStatusPageTheAdminApiAndTheirRefusalsCarryTheHeaders() {
        List<AdminHttp.Response> answers = List.of(
                expect(api.get("/"), 200), expect(api.get("/index.html"), 200), expect(api.get("/status.js"), 200),
                expect(api.get("/status.css"), 200), expect(api.get("/api/status"), 200), expect(api.get("/api/runs"), 200),
                expect(api.withToken(null).get("/api/status"), 401), expect(api.withToken(null).get("/api/jobs"), 401),
                expect(api.postJson("/api/jobs/nightly/runs", "{}"), 404), expect(api.withToken(null).get("/no-such-page"), 404),
                expect(api.withToken(null).get("/actuator/health"), 200), expect(api.withToken(null).get("/actuator/env"), 401),
                expect(api.withToken(null).get("/webhooks/spotdraft"), 405));

        for (AdminHttp.Response answer : answers) {
            String what = answer.raw().request().method() + " " + answer.raw().request().uri().getPath() + " " + answer.status();
            assertThat(answer.header("Content-Security-Policy")).as(what)
                    .isEqualTo(SecurityHeadersFilter.CONTENT_SECURITY_POLICY)
                    .contains("default-src 'self'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'")
                    .doesNotContain("unsafe-inline", "unsafe-eval", "*");
            assertThat(answer.header("X-Content-Type-Options")).as(what).isEqualTo("nosniff");
            assertThat(answer.header("Referrer-Policy")).as(what).isEqualTo("no-referrer");
            assertThat(answer.header("X-Frame-Options")).as(what).isEqualTo("DENY");
        }
        System.out.printf("security headers on %d answers (%s)%n", answers.size(),
                answers.stream().map(a -> a.raw().request().uri().getPath() + "=" + a.status()).toList());
    }

    /** What the policy refuses: inline scripts, styles and handlers, style attributes, eval, markup from strings. */
    @Test
    void theStatusPageNeedsNoInlineScriptOrStyle() throws IOException {
        String html = resource("static/index.html");
        String script = resource("static/status.js");
        String css = resource("static/status.css");

        assertThat(Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>", Pattern.CASE_INSENSITIVE).matcher(html).find())
                .as("an inline <script>").isFalse();
        assertThat(html).doesNotContainPattern("(?i)<style").doesNotContainPattern("(?i)\\sstyle\\s*=")
                .doesNotContainPattern("(?i)\\son[a-z]+\\s*=").doesNotContainIgnoringCase("javascript:");
        assertThat(html).containsPattern("<script src=\"status.js\"").containsPattern("<link rel=\"stylesheet\" href=\"status.css\">");
        // styles only through the DOM (element.style), never as an attribute; no markup or code from strings
        assertThat(script).doesNotContainPattern("\\bstyle\\s*:").doesNotContainPattern("setAttribute\\(\\s*['\"]style")
                .doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML", "eval(", "new Function", "document.write");
        // nothing fetched from elsewhere
        assertThat(css).doesNotContainPattern("@import").doesNotContainPattern("url\\(\\s*['\"]?(https?:|//|data:)");
        assertThat(html + script).doesNotContainPattern("(?i)(src|href)=\"(https?:)?//");
    }

    private static AdminHttp.Response expect(AdminHttp.Response answer, int status) {
        assertThat(answer.status()).as(answer.raw().request().uri() + ": " + answer).isEqualTo(status);
        return answer;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = SecurityHeadersTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
