package io.spotdraftsync.documents;

import java.io.IOException;
import java.util.Locale;

import io.spotdraftsync.testsupport.GeneratedInputStream;
import software.amazon.awssdk.services.s3.S3Client;

/** Stores generated documents of given sizes, then downloads each and compares its sha256: what a store holds as sent. */
final class ByteForByte {

    /** Documents held byte for byte, out of those stored, single-part and multipart. */
    record Tally(String store, int singlePartExact, int singlePart, int multipartExact, int multipart) {

        boolean allExact() {
            return singlePartExact == singlePart && multipartExact == multipart;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s: %d of %d documents byte for byte (single-part %d of %d, multipart %d of %d)",
                    store, singlePartExact + multipartExact, singlePart + multipart, singlePartExact, singlePart, multipartExact, multipart);
        }
    }

    private ByteForByte() {
    }

    /**
     * @param threshold the store's multipart threshold, to tell the two kinds apart
     * @param sizes     one document of each size, for contract {@code T-<index>}
     */
    static Tally storeAndReadBack(String storeName, S3DocumentStore store, S3Client reader, long threshold, long... sizes)
            throws IOException {
        int singlePart = 0;
        int singlePartExact = 0;
        int multipart = 0;
        int multipartExact = 0;
        for (int i = 0; i < sizes.length; i++) {
            StoredDocument stored = store.store(new DocumentKey("acme", "T-" + i, 1), new GeneratedInputStream(sizes[i], 1000 + i));
            boolean exact = stored.sha256().equals(Documents.sha256(reader.getObject(get -> get.bucket(store.bucket()).key(stored.objectKey()))));
            if (sizes[i] >= threshold) {
                multipart++;
                multipartExact += exact ? 1 : 0;
            } else {
                singlePart++;
                singlePartExact += exact ? 1 : 0;
            }
        }
        Tally tally = new Tally(storeName, singlePartExact, singlePart, multipartExact, multipart);
        System.out.println(tally);
        return tally;
    }
}
