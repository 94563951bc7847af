package io.spotdraftsync.documents;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/** The document store of {@code sync.documents.location}: a directory or an S3 bucket. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DocumentProperties.class)
public class DocumentsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DocumentsConfiguration.class);

    /** Closed with the context (the S3 store closes its client); the inferred destroy method finds {@code close()}. */
    @Bean
    DocumentStore documentStore(DocumentProperties properties, ObjectProvider<MeterRegistry> registry) {
        DocumentStore store = create(properties, registry.getIfAvailable(SimpleMeterRegistry::new));
        log.info("Documents go to {} (spooled in {})", store.describe(), properties.temporaryDirectory());
        return store;
    }

    /** The store of {@code sync.documents.*}; the caller closes an S3 store ({@code AutoCloseable}). */
    public static DocumentStore create(DocumentProperties properties, MeterRegistry meters) {
        DocumentLocation location = properties.parsedLocation();
        DocumentStore store;
        if (location instanceof DocumentLocation.S3 bucket) {
            store = new S3DocumentStore(S3DocumentStore.client(properties.s3(), DefaultCredentialsProvider.builder().build()),
                    bucket, properties.s3(), properties.temporaryDirectory(), meters);
        } else {
            store = new DirectoryDocumentStore(((DocumentLocation.Directory) location).path(),
                    properties.temporaryDirectory(), meters);
        }
        return store;
    }
}
