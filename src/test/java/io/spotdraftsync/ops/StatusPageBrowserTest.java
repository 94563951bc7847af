package io.spotdraftsync.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.spotdraftsync.sandbox.EmbeddedSandbox;
import io.spotdraftsync.sandbox.FaultSettings;
import io.spotdraftsync.sandbox.SpotDraftSandbox;
import io.spotdraftsync.testsupport.HeadlessChromium;
import io.spotdraftsync.webhook.WebhookInbox;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.springframework.context.ConfigurableApplicationContext;

import tools.jackson.databind.JsonNode;

/**
 * The status page ({@code /}) of a real {@code serve} (embedded sandbox of 60 contracts), in headless Chromium: the
 * token form, live progress of a running export, the figures shown against {@code GET /api/status}, and the public
 * mode. Leaves a screenshot in {@code target/status-page.png}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StatusPageBrowserTest {

    private static final String TOKEN = "p4Ws8nQ1zR6tY3vK9mC2xB7hL5dF0gJe";
    private static final int CONTRACTS = 60;
    private static final Duration WAIT = Duration.ofSeconds(60);
    static final Path SCREENSHOT = Path.of("target", "status-page.png");

    private ConfigurableApplicationContext context;
    private AdminHttp api;
    private String page;
    private Path work;
    private HeadlessChromium browser;
    private WebDriver driver;
    private long finishedRun;

    @BeforeAll
    void start() throws Exception {
        work = Files.createTempDirectory("status-page-test");
        context = ServeContext.in(work.resolve("private"))
                .with("sync.admin.token", TOKEN)
                .with("sync.embedded-sandbox.contracts", CONTRACTS)
                .with("sync.embedded-sandbox.mutations-per-minute", 0)
                // a webhook event recorded by the test stays pending, so that the page has a backlog to show
                .with("sync.webhook.debounce", "10m")
                .with("sync.webhook.max-delay", "10m")
                .with("sync.schedule.enabled", false)
                .with("sync.status-page.refresh-interval", "1s")
                // chunks of 20: a running export shows its progress move
                .with("spotdraft.page-size", 20)
                .start();
        int port = ServeContext.port(context);
        api = new AdminHttp(port, TOKEN);
        page = "http://127.0.0.1:" + port + "/";
        browser = HeadlessChromium.start();
        driver = browser.driver();
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
        ServeContext.closeAndDelete(context, work);
    }

    @Test
    @Order(1)
    void withoutATokenThePageAsksForOneAndAWrongOneIsRefused() {
        driver.get(page);
        await().atMost(WAIT).until(() -> visible("token-form"));
        assertThat(visible("status")).isFalse();
        assertThat(driver.findElements(By.cssSelector("article.workspace"))).isEmpty();

        submitToken("not-the-token-not-the-token-0000");
        await().atMost(WAIT).until(() -> visible("token-error"));
        assertThat(text(By.id("token-error"))).contains("refused").contains("not the admin token");
        assertThat(visible("status")).isFalse();

        submitToken(TOKEN);
        await().atMost(WAIT).until(() -> visible("status"));
        assertThat(visible("token-form")).isFalse();
        assertThat(shown().get("freshness").asString()).isEqualTo("never");

        // the token stays for the tab: a reload shows the status without asking again
        driver.navigate().refresh();
        await().atMost(WAIT).until(() -> visible("status"));
        assertThat(visible("token-form")).isFalse();
        assertThat(browser.contentSecurityPolicyViolations()).as("refused by the Content-Security-Policy").isEmpty();
    }

    @Test
    @Order(2)
    void aRunningExportShowsItsProgressWithoutAReload() throws Exception {
        long first = startExport();
        awaitRunOver(first);
        assertThat(api.get("/api/runs/" + first).json().get("status").asString()).isEqualTo("COMPLETED");

        // one webhook event waiting for its run (the worker gathers for 10 minutes here)
        context.getBean(WebhookInbox.class).record(EmbeddedSandbox.WORKSPACE, 7L, "CONTRACT_EXECUTED", Instant.now(),
                "{\"contract_id\":7}".getBytes(StandardCharsets.UTF_8), Instant.now().minusSeconds(90));

        // a slow SpotDraft, so that the run lasts long enough to be watched
        SpotDraftSandbox sandbox = context.getBean(EmbeddedSandbox.BEAN_NAME, SpotDraftSandbox.class);
        sandbox.setFaults(FaultSettings.builder().latency(Duration.ofMillis(700)).build());
        long second;
        try {
            second = startExport();
            By bar = By.cssSelector("#running tr[data-run-id='" + second + "'] .progress");
            By progressText = By.cssSelector("#running tr[data-run-id='" + second + "'] .progress-text");
            // the page refreshes by itself (every second here): no reload
            // (the page re-renders every second, so what is read from it is read in one script, or retried)
            await().atMost(WAIT).ignoreExceptions().until(() -> text(progressText).matches("\\d+ / " + CONTRACTS));
            await().atMost(WAIT).ignoreExceptions().until(() -> Long.parseLong(attribute(bar, "aria-valuenow")) > 0);
            // under the server's Content-Security-Policy (self only): the bar's width is set, nothing was refused
            String widths = (String) ((JavascriptExecutor) driver).executeScript("""
                    const bar = document.querySelector(arguments[0] + ' .progress-bar');
                    const done = Number(bar.parentElement.getAttribute('aria-valuenow'));
                    const total = Number(bar.parentElement.getAttribute('aria-valuemax'));
                    return bar.style.width + ' ' + Math.min(100, 100 * done / total).toFixed(1) + '%';
                    """, "#running tr[data-run-id='" + second + "']");
            assertThat(widths.split(" ")[0]).as("bar width, expected width").isEqualTo(widths.split(" ")[1]);
            assertThat(browser.contentSecurityPolicyViolations()).isEmpty();
            assertThat(text(By.cssSelector("#running tr[data-run-id='" + second + "'] .badge"))).isEqualTo("STARTED");
            Path shot = browser.screenshot(SCREENSHOT);
            assertThat(Files.size(shot)).isGreaterThan(10_000);
        } finally {
            sandbox.setFaults(FaultSettings.none());
        }
        awaitRunOver(second);
        finishedRun = second;
        await().atMost(WAIT).until(() -> visible("no-running"));
    }

    @Test
    @Order(3)
    void theFiguresShownAreTheApisFigures() {
        assertThat(finishedRun).as("the previous test's run").isPositive();
        driver.navigate().refresh();
        await().atMost(WAIT).until(() -> visible("status") && shown().get("recentRunIds").get(0).asLong() == finishedRun);
        // nothing runs any more: the status only ages now. The requests of the run's last second are in the history
        // once that second is over (and the page, refreshing every second, shows them at its next refresh).
        Instant ended = Instant.parse(api.get("/api/runs/" + finishedRun).json().get("endTime").asString());
        await().atMost(WAIT).until(() -> Instant.now().isAfter(ended.plusSeconds(2)));
        long requestTotal = api.get("/api/status").json().get("workspaces").get(0).get("requests").get("total").asLong();
        await().atMost(WAIT).until(() -> shown().get("rateTotal").asString().replace(",", "").equals(String.valueOf(requestTotal)));
        JsonNode status = api.get("/api/status").json();
        long fetchedAt = System.nanoTime();
        JsonNode page = shown();
        double secondsBetween = (System.nanoTime() - fetchedAt) / 1e9;
        JsonNode workspace = status.get("workspaces").get(0);
        JsonNode run = api.get("/api/runs/" + finishedRun).json();

        // freshness: the end of the last completed export, as the runs API has it
        assertThat(page.get("workspace").asString()).isEqualTo(workspace.get("name").asString()).isEqualTo(EmbeddedSandbox.WORKSPACE);
        assertThat(page.get("freshness").asString()).isEqualTo(workspace.get("freshness").asString()).isEqualTo("fresh");
        Instant lastSuccess = Instant.parse(workspace.get("lastSuccessAt").asString());
        assertThat(lastSuccess).isEqualTo(Instant.parse(run.get("endTime").asString()));
        assertThat(Instant.parse(page.get("lastSuccessAt").asString())).isEqualTo(lastSuccess);
        assertThat(page.get("exportRunId").asString()).isEqualTo(String.valueOf(finishedRun));

        // the last run: outcome, every count shown, API calls
        JsonNode recent = status.get("recentRuns").get(0);
        assertThat(recent.get("id").asLong()).isEqualTo(finishedRun);
        assertThat(page.get("lastRunStatus").asString()).isEqualTo(recent.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(page.get("lastRunApiCalls").asString().replace(",", "")).isEqualTo(recent.get("apiCalls").asString());
        JsonNode counts = recent.get("counts");
        assertThat(counts.get("contractsRead").asLong()).isEqualTo(CONTRACTS);
        assertThat(page.get("lastRunCounts").size()).isGreaterThanOrEqualTo(4);
        for (JsonNode shownCount : page.get("lastRunCounts")) {
            String name = shownCount.get("name").asString();
            assertThat(counts.has(name)).as(name).isTrue();
            assertThat(shownCount.get("value").asString()).as(name).isEqualTo(counts.get(name).asString());
        }
        assertThat(page.get("lastRunCounts").get(0).get("text").asString()).isEqualTo(CONTRACTS + " read");

        // the webhook inbox: one event pending since 90 s before it was recorded
        JsonNode inbox = workspace.get("webhookInbox");
        assertThat(inbox.get("pending").asLong()).isEqualTo(1);
        assertThat(page.get("inboxPending").asString()).isEqualTo("1");
        assertThat(page.get("inboxOldest").asString()).isEqualTo(inbox.get("oldestPendingAt").asString());
        double apiLag = inbox.get("lagSeconds").asDouble();
        assertThat(apiLag).isGreaterThanOrEqualTo(90);
        // the page's figure is from its own fetch, at most a refresh or two before or after the test's
        assertThat(Math.abs(page.get("inboxLagSeconds").asDouble() - apiLag)).isLessThanOrEqualTo(secondsBetween + 10);

        // requests per second: the limit, the hour's peak and total, and the chart's 360 buckets with the limit line
        JsonNode requests = workspace.get("requests");
        assertThat(page.get("rateLimit").asString()).isEqualTo(requests.get("limitPerSecond").asString()).isEqualTo("95");
        assertThat(page.get("ratePeak").asString()).isEqualTo(requests.get("peakOfHour").asString());
        assertThat(page.get("rateTotal").asString().replace(",", "")).isEqualTo(requests.get("total").asString());
        assertThat(requests.get("total").asLong()).isGreaterThanOrEqualTo(2L * CONTRACTS);
        assertThat(requests.get("peakOfHour").asLong()).isPositive();
        assertThat(requests.get("peakPerSecond").size()).isEqualTo(360);
        assertThat(page.get("chartPoints").asInt()).isEqualTo(360);
        assertThat(page.get("limitLines").asInt()).isEqualTo(1);
    }

    @Test
    @Order(4)
    void whenPublicThePageAndItsDataNeedNoTokenButTheRestOfTheApiDoes() throws Exception {
        ConfigurableApplicationContext open = ServeContext.in(work.resolve("public"))
                .with("sync.admin.token", TOKEN)
                .with("sync.embedded-sandbox.mutations-per-minute", 0)
                .with("sync.schedule.enabled", false)
                .with("sync.status-page.public", true)
                .start();
        try {
            int port = ServeContext.port(open);
            AdminHttp anonymous = new AdminHttp(port, null);
            AdminHttp.Response status = anonymous.get("/api/status");
            assertThat(status.status()).as(status.toString()).isEqualTo(200);
            assertThat(status.json().get("public").asBoolean()).isTrue();
            assertThat(status.header("Cache-Control")).contains("no-store");
            assertThat(anonymous.get("/api/runs").status()).isEqualTo(401);
            assertThat(anonymous.get("/api/jobs").status()).isEqualTo(401);
            assertThat(anonymous.post("/api/jobs/export/runs").status()).isEqualTo(401);
            assertThat(anonymous.post("/api/status").status()).isEqualTo(401);

            // another origin (port): this tab's storage has no token for it
            driver.get("http://127.0.0.1:" + port + "/");
            await().atMost(WAIT).until(() -> visible("status"));
            assertThat(visible("token-form")).isFalse();
            JsonNode page = shown();
            assertThat(page.get("workspace").asString()).isEqualTo(EmbeddedSandbox.WORKSPACE);
            assertThat(page.get("updated").asString()).contains("public");
        } finally {
            open.close();
        }
    }

    @Test
    @Order(5)
    void withoutPublicTheStatusNeedsTheToken() {
        assertThat(api.withToken(null).get("/api/status").status()).isEqualTo(401);
        AdminHttp.Response wrong = api.withToken("wrong-token-wrong-token-wrong-to").get("/api/status");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.body()).doesNotContain(TOKEN);
        assertThat(api.get("/api/status").status()).isEqualTo(200);
    }

    private long startExport() {
        AdminHttp.Response started = api.postJson("/api/jobs/export/runs", "{\"parameters\": {\"full\": true}}");
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        return started.json().get("id").asLong();
    }

    private void awaitRunOver(long id) {
        await().atMost(Duration.ofSeconds(120)).until(() -> {
            String status = api.get("/api/runs/" + id).json().get("status").asString();
            return !List.of("STARTING", "STARTED", "STOPPING").contains(status);
        });
    }

    private void submitToken(String token) {
        WebElement field = driver.findElement(By.id("token"));
        field.clear();
        field.sendKeys(token);
        driver.findElement(By.cssSelector("#token-form button[type=submit]")).click();
    }

    /**
     * The figures the page shows, read in one script: the page re-renders at each refresh, so elements found in one
     * call may be gone in the next, while a script sees one rendering.
     */
    private JsonNode shown() {
        String json = (String) ((JavascriptExecutor) driver).executeScript("""
                const one = (selector, read) => { const e = document.querySelector(selector); return e ? read(e) : null; };
                const text = (selector) => one(selector, e => e.textContent.trim());
                const lastRun = document.querySelector('#recent-runs tbody tr');
                return JSON.stringify({
                  updated: text('#updated'),
                  workspace: one('article.workspace', e => e.dataset.workspace),
                  freshness: one('article.workspace', e => e.dataset.freshness),
                  lastSuccessAt: one('article.workspace .fact time', e => e.getAttribute('datetime')),
                  exportRunId: text("table.jobs tr[data-job='export'] td:last-child"),
                  recentRunIds: [...document.querySelectorAll('#recent-runs tbody tr')].map(r => Number(r.dataset.runId)),
                  lastRunStatus: lastRun && lastRun.querySelector('.run-status').textContent.trim(),
                  lastRunApiCalls: lastRun && lastRun.querySelector('.run-api-calls').textContent.trim(),
                  lastRunCounts: lastRun ? [...lastRun.querySelectorAll('[data-count]')].map(c =>
                      ({ name: c.dataset.count, value: c.dataset.value, text: c.textContent.trim() })) : [],
                  inboxPending: text('.inbox-pending'),
                  inboxOldest: one('.inbox time', e => e.getAttribute('datetime')),
                  inboxLagSeconds: one('.inbox-lag', e => Number(e.dataset.seconds)),
                  rateLimit: text('.rate-limit'),
                  ratePeak: text('.rate-peak'),
                  rateTotal: text('.rate-total'),
                  chartPoints: one('svg.rate-chart polyline.peak', e => e.getAttribute('points').trim().split(/\\s+/).length),
                  limitLines: document.querySelectorAll('svg.rate-chart line.limit').length,
                });
                """);
        return AdminHttp.JSON.readTree(json);
    }

    private String attribute(By selector, String name) {
        return driver.findElement(selector).getAttribute(name);
    }

    private boolean visible(String id) {
        try {
            List<WebElement> found = driver.findElements(By.id(id));
            return !found.isEmpty() && found.get(0).isDisplayed();
        } catch (StaleElementReferenceException replaced) {
            return false;
        }
    }

    private String text(By selector) {
        return driver.findElement(selector).getText().strip();
    }
}
