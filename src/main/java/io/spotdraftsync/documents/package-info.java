/**
 * The document store: where each contract's signed PDF goes, on S3 (or an S3-compatible store) or in a
 * directory, chosen by {@code sync.documents.location}.
 *
 * <h2>Guarantee</h2>
 * A document lands at a deterministic key, {@code {workspace}/{contract_id}/{version}-{sha256}.pdf}, and is
 * written once: S3 writes carry {@code If-None-Match: *} (412 = already there = success), directory writes
 * publish a fully written file under its final name with a hard link that fails when the name exists. So a
 * rerun, a retried chunk or two pods storing the same document converge on one intact copy; a new version,
 * or different bytes under the same version, get a new key and never overwrite an old one. Every S3 write is then
 * checked (HeadObject: size, and a checksum or MD5 where the store returns one): a store that holds other bytes
 * fails the store with the contract, the endpoint and the settings to look at, and nothing is recorded. A copy of
 * the wrong size already under a key is replaced (the key names the sha256 of the bytes in hand). A store that
 * refuses {@code If-None-Match} gets HeadObject, then the write. How the bytes travel to S3 is
 * {@code sync.documents.s3.upload-mode}: {@code aws} (SHA-256 checksums S3 verifies) or {@code plain} (a
 * Content-Length body, no aws-chunked framing: what every S3-compatible store reads).
 *
 * <h2>Flow</h2>
 * The sha256 is part of the key, so a body (up to a gigabyte, of unknown length) is first streamed to a
 * {@link io.spotdraftsync.documents.TemporaryDocument} in {@code sync.documents.temp-dir} while its sha256
 * and size are computed, then uploaded from that file (one PUT below {@code sync.documents.s3.multipart-threshold},
 * a multipart upload above it) and the file deleted. Nothing holds a document in memory.
 *
 * <h2>Meters</h2>
 * {@code sync.document.bytes} (bytes written) and {@code sync.documents.stored} (outcome {@code written} or
 * {@code already_present}), both tagged {@code workspace} (the key's) and {@code store=s3|directory}.
 */
package io.spotdraftsync.documents;
