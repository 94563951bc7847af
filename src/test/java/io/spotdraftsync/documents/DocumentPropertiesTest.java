package io.spotdraftsync.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;

class DocumentPropertiesTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(DocumentsConfiguration.class);

    @Test
    void theDefaultIsADirectoryUnderTheWorkingDirectory() {
        context.run(started -> {
            assertThat(started).hasNotFailed();
            DocumentStore store = started.getBean(DocumentStore.class);
            assertThat(store).isInstanceOf(DirectoryDocumentStore.class);
            assertThat(((DirectoryDocumentStore) store).root()).isEqualTo(Path.of("data/documents").toAbsolutePath());
            DocumentProperties properties = started.getBean(DocumentProperties.class);
            assertThat(properties.temporaryDirectory()).isEqualTo(Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().normalize());
            assertThat(properties.s3().multipartThreshold().toBytes()).isEqualTo(16L * 1024 * 1024);
            assertThat(properties.s3().partSize().toBytes()).isEqualTo(16L * 1024 * 1024);
        });
    }

    @Test
    void anAbsoluteFileUrlAndATempDir() {
        context.withPropertyValues("sync.documents.location=file:///srv/documents", "sync.documents.temp-dir=./data/tmp").run(started -> {
            assertThat(started.getBean(DocumentStore.class).describe()).isEqualTo("file:/srv/documents");
            assertThat(started.getBean(DocumentProperties.class).temporaryDirectory()).isEqualTo(Path.of("data/tmp").toAbsolutePath());
        });
    }

    @Test
    void anS3LocationWithAnEndpointGivesAnS3Store() {
        context.withPropertyValues("sync.documents.location=s3://contracts-bucket/spotdraft/prod/",
                "sync.documents.s3.endpoint=http://127.0.0.1:9000", "sync.documents.s3.path-style=true",
                "sync.documents.s3.part-size=32MB").run(started -> {
            assertThat(started).hasNotFailed();
            DocumentStore store = started.getBean(DocumentStore.class);
            assertThat(store).isInstanceOf(S3DocumentStore.class);
            assertThat(store.describe()).isEqualTo("s3://contracts-bucket/spotdraft/prod");
        });
    }

    @Test
    void theUploadModeIsPlainWithAnEndpointAwsWithoutOneAndEitherWhenSet() {
        context.withPropertyValues("sync.documents.s3.endpoint=http://127.0.0.1:9000").run(started ->
                assertThat(started.getBean(DocumentProperties.class).s3().effectiveUploadMode()).isEqualTo(DocumentProperties.UploadMode.PLAIN));
        context.run(started ->
                assertThat(started.getBean(DocumentProperties.class).s3().effectiveUploadMode()).isEqualTo(DocumentProperties.UploadMode.AWS));
        context.withPropertyValues("sync.documents.s3.endpoint=https://s3.eu-west-1.amazonaws.com", "sync.documents.s3.upload-mode=aws")
                .run(started -> assertThat(started.getBean(DocumentProperties.class).s3().effectiveUploadMode())
                        .isEqualTo(DocumentProperties.UploadMode.AWS));
        context.withPropertyValues("sync.documents.s3.upload-mode=chunked").run(started ->
                assertThat(messages(started.getStartupFailure())).contains("sync.documents.s3.upload-mode"));
    }

    @Test
    void anUnknownSchemeFailsNamingTheProperty() {
        context.withPropertyValues("sync.documents.location=ftp://x").run(started ->
                assertThat(messages(started.getStartupFailure())).contains("sync.documents.location must be file:<directory>"));
    }

    @Test
    void anS3LocationWithoutBucketFailsNamingTheProperty() {
        context.withPropertyValues("sync.documents.location=s3://").run(started ->
                assertThat(messages(started.getStartupFailure())).contains("sync.documents.location must be file:<directory>"));
    }

    @Test
    void aPartTooSmallForS3FailsNamingTheProperty() {
        context.withPropertyValues("sync.documents.location=s3://bucket", "sync.documents.s3.region=eu-west-1",
                "sync.documents.s3.part-size=1MB").run(started ->
                assertThat(messages(started.getStartupFailure())).contains("sync.documents.s3.part-size must be between 5MB and 5GB"));
    }

    @Test
    void locationsParse() {
        assertThat(DocumentLocation.parse("s3://bkt")).isEqualTo(new DocumentLocation.S3("bkt", ""));
        assertThat(DocumentLocation.parse("s3://bkt/")).isEqualTo(new DocumentLocation.S3("bkt", ""));
        assertThat(DocumentLocation.parse("S3://bkt//a//c/")).isEqualTo(new DocumentLocation.S3("bkt", "a/c/"));
        assertThat(DocumentLocation.parse("file:/x/../y")).isEqualTo(new DocumentLocation.Directory(Path.of("/y")));
        assertThat(DocumentLocation.parse("file:rel")).isEqualTo(new DocumentLocation.Directory(Path.of("rel").toAbsolutePath()));
        for (String bad : new String[] {"", "/plain/path", "s3:///prefix", "file:", "file://host/x", "http://x"}) {
            org.assertj.core.api.Assertions.assertThatIllegalArgumentException().as(bad)
                    .isThrownBy(() -> DocumentLocation.parse(bad)).withMessageContaining("sync.documents.location");
        }
    }

    private static String messages(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            all.append(cause.getMessage()).append('\n');
        }
        return all.toString();
    }
}
