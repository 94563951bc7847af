package io.spotdraftsync.webhook;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;

/** Webhook bodies shaped like SpotDraft's, and keys to sign them with. */
final class Deliveries {

    private Deliveries() {
    }

    /** A fresh random key, base64, as SpotDraft serves one. */
    static String newKey() {
        byte[] key = new byte[64];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    static byte[] event(String activity, long contractId, Instant at) {
        return event(activity, contractId, at, "Acme NDA");
    }

    /** A {@code ContractActivityDomainModel} body as the OpenAPI example lays it out. */
    static byte[] event(String activity, long contractId, Instant at, String title) {
        return ("""
                {"activity":"%s",
                 "activity_data":{"performed_by":{"name":"Jane Doe","email":"jane@acme.com"},"timestamp":"%s"},
                 "contract_id":%d,"contract_title":"%s","contract_type":"NDA","contract_type_name":"NDA",
                 "contract_type_id":100,"contract_status":"EXECUTED","contract_kind":"TEMPLATE_CONTRACT",
                 "business_user":{"name":"Bo","email":"bo@acme.com"},"legal_user":{"name":"Li","email":"li@acme.com"},
                 "created_at":"2026-01-01T09:00:00Z",
                 "counterparties":[{"type":"Organization","organization_name":"Acme","poc_name":"Al","poc_email":"al@acme.com","counterparty_id":1}],
                 "external_metadata":{},"entity":{"reference_id":"E-1","name":"Acme Inc","jurisdiction":"DE","type":"GmbH"},
                 "contract_reference_id":"SD-%d","contract_template_id":1}
                """).formatted(activity, at, contractId, title, contractId).getBytes(StandardCharsets.UTF_8);
    }

    /** {@code event} with spaces before its closing brace, to exactly {@code size} bytes. */
    static byte[] padded(byte[] event, int size) {
        String text = new String(event, StandardCharsets.UTF_8).stripTrailing();
        String open = text.substring(0, text.length() - 1);
        return (open + " ".repeat(size - open.length() - 1) + "}").getBytes(StandardCharsets.UTF_8);
    }

    static String sign(String base64Key, byte[] body) {
        return WebhookSignature.fromBase64Key(base64Key).sign(body);
    }
}
