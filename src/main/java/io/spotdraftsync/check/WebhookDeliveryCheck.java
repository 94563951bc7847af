package io.spotdraftsync.check;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.spotdraftsync.webhook.WebhookSignature;

/**
 * The webhook receiver as SpotDraft reaches it: a test delivery, signed with the workspace's HMAC key the way SpotDraft
 * signs (header {@value WebhookSignature#HEADER}: hex HMAC-SHA512 of the raw body), POSTed to the URL; it must answer
 * 2xx. That proves the ingress path, TLS and the signature key end to end. The body names an activity of its own and
 * no contract, so a receiver stores it and has nothing to fetch.
 */
public final class WebhookDeliveryCheck {

    static final String CONNECTION = "webhook";
    /** The activity of the test delivery: unknown to SpotDraft, accepted (and ignored) by the receiver. */
    public static final String ACTIVITY = "SPOTDRAFT_SYNC_CHECK";

    private final String workspace;
    private final URI url;
    private final String base64Key;
    private final Duration timeout;

    /** @param base64Key the key SpotDraft signs with (base64); null when it could not be had */
    public WebhookDeliveryCheck(String workspace, URI url, String base64Key, Duration timeout) {
        this.workspace = workspace;
        this.url = url;
        this.base64Key = base64Key;
        this.timeout = timeout;
    }

    /** The body of the test delivery. */
    static byte[] body(Instant at) {
        return ("{\"activity\":\"" + ACTIVITY + "\",\"activity_data\":{\"performed_by\":{\"name\":\"spotdraft-sync check\"},"
                + "\"timestamp\":\"" + at + "\"},\"contract_id\":null}").getBytes(StandardCharsets.UTF_8);
    }

    public List<CheckResult> run() {
        String check = "signed test delivery to " + url + " answered 2xx";
        if (base64Key == null) {
            return List.of(CheckResult.failed(workspace, CONNECTION, check,
                    "no webhook HMAC key to sign with (see the spotdraft check above)"));
        }
        byte[] body = body(Instant.now());
        String signature = WebhookSignature.fromBase64Key(base64Key).sign(body);
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header(WebhookSignature.HEADER, signature)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return List.of(CheckResult.ok(workspace, CONNECTION, "signed test delivery to " + url + " answered " + status));
            }
            return List.of(CheckResult.failed(workspace, CONNECTION, check, statusFix(status)));
        } catch (IOException failure) {
            return List.of(CheckResult.failed(workspace, CONNECTION, check, "no answer (" + failure.getClass().getSimpleName()
                    + (failure.getMessage() == null ? "" : ": " + failure.getMessage()) + "): check the URL, DNS, TLS "
                    + "certificate and the ingress in front of serve"));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return List.of(CheckResult.failed(workspace, CONNECTION, check, "interrupted"));
        }
    }

    private String statusFix(int status) {
        return switch (status) {
            case 401, 403 -> "answered " + status + ": the receiver refused the signature, so it verifies with another key "
                    + "than the workspace's: set the receiver's sync.webhook.hmac-key (or sync.workspaces." + workspace
                    + ".webhook-hmac-key) to the key SpotDraft signs with, or leave it unset to fetch it from the API";
            case 404 -> "answered 404: the URL must end in /webhooks/spotdraft/" + workspace
                    + " (or /webhooks/spotdraft with one workspace), and the ingress must route it to serve";
            case 301, 302, 307, 308 -> "answered " + status + " (a redirect, which SpotDraft does not follow): give the final "
                    + "https URL";
            default -> "answered " + status + ": SpotDraft counts anything but 2xx as a failed delivery and disables the "
                    + "webhook after repeated failures; look at serve's log and the ingress";
        };
    }
}
