package io.spotdraftsync.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class DocumentKeyTest {

    private static final String SHA = "a".repeat(64);

    @Test
    void theObjectKeyIsWorkspaceContractVersionAndSha256() {
        DocumentKey key = new DocumentKey("acme", "T-1234", 98765);

        assertThat(key.objectKey(SHA)).isEqualTo("acme/T-1234/98765-" + SHA + ".pdf");
        assertThat(key.directory()).isEqualTo("acme/T-1234");
        // a workspace's document-prefix may be several folders deep
        assertThat(new DocumentKey("uat", "spotdraft/uat", "T-1", 3).objectKey(SHA)).isEqualTo("spotdraft/uat/T-1/3-" + SHA + ".pdf");
    }

    @Test
    void namesThatWouldEscapeTheirFolderAreRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> new DocumentKey("..", "T-1", 1)).withMessageContaining("workspace");
        assertThatIllegalArgumentException().isThrownBy(() -> new DocumentKey("acme", "..", "T-1", 1)).withMessageContaining("folder");
        assertThatIllegalArgumentException().isThrownBy(() -> new DocumentKey("acme", "spotdraft/../x", "T-1", 1)).withMessageContaining("folder");
        assertThatIllegalArgumentException().isThrownBy(() -> new DocumentKey("acme", "spotdraft//uat", "T-1", 1)).withMessageContaining("folder");
        assertThatIllegalArgumentException().isThrownBy(() -> new DocumentKey("acme", "/uat", "T-1", 1)).withMessageContaining("folder");
        assertThatIllegalArgumentException().isThrownBy(() -> new DocumentKey("acme", "T-1/../../x", 1)).withMessageContaining("contractId");
        assertThatIllegalArgumentException().isThrownBy(() -> new DocumentKey("acme", "", 1));
        assertThatIllegalArgumentException().isThrownBy(() -> new DocumentKey("acme", "T-1", -1));
        assertThatIllegalArgumentException().isThrownBy(() -> new DocumentKey("acme", "T-1", 1).objectKey("ABC"));
    }

    @Test
    void aFileNameGivesItsSha256OnlyForTheSameVersion() {
        DocumentKey key = new DocumentKey("acme", "T-1", 12);

        assertThat(key.sha256Of("12-" + SHA + ".pdf")).isEqualTo(SHA);
        assertThat(key.sha256Of("123-" + SHA + ".pdf")).isNull();
        assertThat(key.sha256Of("1-" + SHA + ".pdf")).isNull();
        assertThat(key.sha256Of(".12-" + SHA + ".pdf.1234.tmp")).isNull();
        assertThat(key.sha256Of("12-" + SHA.substring(1) + ".pdf")).isNull();
    }
}
