package io.spotdraftsync.importer;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The import job.
 *
 * @param chunkSize rows imported between two commits (and two writes of the mapping table)
 */
@ConfigurationProperties("sync.import")
@Validated
public record ImportProperties(
        @DefaultValue("20") @Min(value = 1, message = "sync.import.chunk-size must be between 1 and 500")
        @Max(value = 500, message = "sync.import.chunk-size must be between 1 and 500") int chunkSize) {
}
