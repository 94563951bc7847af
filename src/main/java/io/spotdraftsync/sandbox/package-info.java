/**
 * The SpotDraft API emulator: a stateful, seeded stand-in for the v2.1 public API that the sync engine's tests
 * and local runs talk to, either in-process ({@link io.spotdraftsync.sandbox.SpotDraftSandbox#start}) or as the
 * standalone {@code spotdraft-sync sandbox} command.
 *
 * <h2>What it reproduces</h2>
 * <ul>
 * <li>the endpoints a sync calls, with SpotDraft's exact paths (a wrong trailing slash answers 302 to the right
 * one), {@code client-id}/{@code client-secret} authentication and the error body
 * {@code {"detail","status_code","code","message"}};</li>
 * <li>10 requests per second as a sliding one-second window (429 with {@code Retry-After}), configurable;</li>
 * <li>paged lists without a sort order: the order is a hash of (seed, id, revision), stable while nothing
 * changes, and a changed contract moves, so pages shift under concurrent changes;</li>
 * <li>both id families: {@code T-n} (template contracts, kind TEMPLATE_CONTRACT) and {@code H-n} (imported
 * executed contracts, kind EXECUTED_CONTRACT), whose numbers overlap, so a bare number is ambiguous;</li>
 * <li>{@code last_updated_on} (never shown in list items, filterable) bumped by every change, microsecond
 * precision, strictly increasing;</li>
 * <li>HMAC-signed webhooks for every change, with optional loss, duplication and reordering, never retried;</li>
 * <li>deletions that vanish from the list and answer 404, and can be restored;</li>
 * <li>injected faults on {@code /api/} answers: 5xx, 429 bursts, latency, dropped connections, truncated
 * bodies.</li>
 * </ul>
 *
 * <h2>Choices where SpotDraft documents nothing</h2>
 * <ul>
 * <li>Filters: a contract without a value for the field matches only {@code $ne}; {@code query=} searches the
 * contract and counterparty names; unknown fields, operators or values answer 400 naming them.</li>
 * <li>{@code process_metrics/} takes a bare number: the template contract of that number wins over the
 * historical one. {@code re_trigger_latest} re-sends the latest webhook of both.</li>
 * <li>The app link of a historical contract is {@code .../contracts/v2/H-n}.</li>
 * <li>Metadata values: currency {@code {"type":"USD","value":1200.0}} and duration
 * {@code {"type":"MONTHS","value":12,"days":360}}, as in SpotDraft's contract data.</li>
 * <li>{@code download_link} URLs point at {@code /_sandbox/files/...}, outside {@code /api/}: no credentials,
 * no rate limit, no faults, 403 when expired or tampered with; an issued URL keeps serving its version.</li>
 * <li>Webhook registration accepts plain http URLs (test receivers) and honours {@code only_for_activities} and
 * {@code custom_headers}.</li>
 * </ul>
 *
 * <h2>Admin view</h2>
 * Outside {@code /api/}, without credentials: {@code GET /_sandbox/stats}, {@code POST /_sandbox/stats/reset},
 * {@code GET /_sandbox/state} (every contract, deleted ones included, with its document's SHA-256) and
 * {@code POST /_sandbox/mutations?count=N}.
 */
package io.spotdraftsync.sandbox;
