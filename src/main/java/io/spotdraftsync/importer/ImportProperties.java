package io.spotdraftsync.importer;

import java.nio.file.Path;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The import job.
 *
 * @param chunkSize    rows imported between two commits (and two writes of the mapping table)
 * @param manifestRoot the folder under which a manifest started through the admin API must be (the API takes a path
 *                     relative to it, or an s3:// URI); the CLI takes any path
 * @param reportDir    where reports go: every report named through the admin API (a file name only), and the default
 *                     report of any run
 * @param allowFilesOutsideManifestDir whether a local manifest's {@code file} cells may leave the manifest's folder
 *                     (absolute paths, {@code ..}, symbolic links to elsewhere); also the CLI's
 *                     {@code --allow-files-outside-manifest-dir}. Never a parameter of the admin API.
 */
@ConfigurationProperties("sync.import")
@Validated
public record ImportProperties(
        @DefaultValue("20") @Min(value = 1, message = "sync.import.chunk-size must be between 1 and 500")
        @Max(value = 500, message = "sync.import.chunk-size must be between 1 and 500") int chunkSize,
        @DefaultValue("data/imports") @NotNull(message = "sync.import.manifest-root must not be empty") Path manifestRoot,
        @DefaultValue("data/import-reports") @NotNull(message = "sync.import.report-dir must not be empty") Path reportDir,
        @DefaultValue("false") boolean allowFilesOutsideManifestDir) {

    public static final String ALLOW_FILES_OUTSIDE_MANIFEST_DIR = "sync.import.allow-files-outside-manifest-dir";
}
