package io.spotdraftsync.documents;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.auth.credentials.internal.WebIdentityCredentialsUtils;

/**
 * IRSA (the Helm chart's role annotation on the ServiceAccount) works only when the AWS SDK finds STS on the class
 * path: without it the default credentials chain skips the web identity token and S3 calls fail unauthenticated.
 */
class WebIdentityCredentialsTest {

    @Test
    void theDefaultChainCanUseAWebIdentityToken() {
        assertThat(WebIdentityCredentialsUtils.factory()).as("STS's web identity credentials provider factory").isNotNull();
    }
}
