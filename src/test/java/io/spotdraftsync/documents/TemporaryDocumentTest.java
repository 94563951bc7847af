package io.spotdraftsync.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemporaryDocumentTest {

    @TempDir
    Path temp;

    @Test
    void spoolsTheBodyWithItsSha256AndSize() throws Exception {
        byte[] content = Documents.pdf("contract");
        try (TemporaryDocument file = TemporaryDocument.create(temp.resolve("spool"))) {
            file.read(new ByteArrayInputStream(content), content.length);

            assertThat(file.sha256()).isEqualTo(Documents.sha256(content));
            assertThat(file.bytes()).isEqualTo(content.length);
            assertThat(Files.readAllBytes(file.path())).isEqualTo(content);
            assertThat(file.path().getParent()).isEqualTo(temp.resolve("spool"));
        }
        assertThat(Documents.files(temp)).isEmpty();
    }

    @Test
    void aRetriedAttemptStartsFromAnEmptyFile() throws Exception {
        byte[] good = Documents.pdf("the whole document");
        try (TemporaryDocument file = TemporaryDocument.create(temp)) {
            assertThatIOException().isThrownBy(() -> file.read(Documents.failingAfter(Documents.pdf("a much longer partial body that breaks")), -1));
            assertThat(file.isComplete()).isFalse();
            assertThatIllegalStateException().isThrownBy(file::sha256);

            file.read(new ByteArrayInputStream(good), good.length);

            assertThat(Files.readAllBytes(file.path())).isEqualTo(good);
            assertThat(file.sha256()).isEqualTo(Documents.sha256(good));
        }
    }

    @Test
    void aBodyShorterThanDeclaredIsAnIoErrorSoTheDownloadIsRetried() throws Exception {
        byte[] content = Documents.pdf("short");
        try (TemporaryDocument file = TemporaryDocument.create(temp)) {
            assertThatIOException().isThrownBy(() -> file.read(new ByteArrayInputStream(content), content.length + 10))
                    .withMessageContaining("declared");
            assertThat(file.isComplete()).isFalse();
        }
    }

    @Test
    void closeDeletesTheFileAndMayBeRepeated() throws Exception {
        TemporaryDocument file = TemporaryDocument.create(temp);
        file.write(new ByteArrayInputStream(new byte[0]));
        assertThat(file.bytes()).isZero();
        assertThat(file.sha256()).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");

        file.close();
        file.close();

        assertThat(file.path()).doesNotExist();
    }
}
