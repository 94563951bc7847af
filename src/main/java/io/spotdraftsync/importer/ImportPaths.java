package io.spotdraftsync.importer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.spotdraftsync.jobs.PathNotAllowedException;

/**
 * Where an import reads its manifest and writes its report. The CLI takes any path (the operator owns the shell); the
 * admin API takes a manifest under {@code sync.import.manifest-root} (or an s3:// URI) and a report file name in
 * {@code sync.import.report-dir}, so that a caller holding the token cannot read or truncate any other file the
 * process can reach (the warehouse, the job database, the token file).
 */
public final class ImportPaths {

    private static final String MANIFEST_ROOT = "sync.import.manifest-root";
    private static final String REPORT_DIR = "sync.import.report-dir";

    private final Path manifestRoot;
    private final Path reportDir;

    public ImportPaths(ImportProperties properties) {
        this.manifestRoot = properties.manifestRoot().toAbsolutePath().normalize();
        this.reportDir = properties.reportDir().toAbsolutePath().normalize();
    }

    /** The report of a run given none: {@code <report-dir>/import-report-<run>.csv}. */
    Path defaultReport(String runId) {
        return reportDir.resolve("import-report-" + runId + ".csv");
    }

    /**
     * The admin API's {@code manifest} and {@code report} confined: the manifest as its real path under the manifest
     * root (or the s3:// URI as given), the report as a path in the report folder.
     */
    Map<String, String> confine(Map<String, String> parameters) {
        Map<String, String> confined = new LinkedHashMap<>(parameters);
        String manifest = parameters.get(ImportJobConfiguration.MANIFEST);
        if (manifest != null && !(ManifestLocation.parse(manifest) instanceof ManifestLocation.S3)) {
            confined.put(ImportJobConfiguration.MANIFEST, manifestUnderRoot(manifest.trim()).toString());
        }
        String report = parameters.get(ImportJobConfiguration.REPORT);
        if (report != null && !report.isBlank()) {
            confined.put(ImportJobConfiguration.REPORT, reportInFolder(report).toString());
        }
        return confined;
    }

    private Path manifestUnderRoot(String manifest) {
        Path given = path(ImportJobConfiguration.MANIFEST, manifest);
        if (given.isAbsolute()) {
            throw refused(ImportJobConfiguration.MANIFEST, "manifest must be a path relative to the manifest root "
                    + manifestRoot + " (" + MANIFEST_ROOT + ") or an s3:// URI, not the absolute path " + manifest);
        }
        if (hasParentStep(given)) {
            throw refused(ImportJobConfiguration.MANIFEST, "manifest must not contain '..': give its path under the manifest root "
                    + manifestRoot + " (" + MANIFEST_ROOT + "), was " + manifest);
        }
        Path root = realPath(manifestRoot).orElseThrow(() -> new IllegalArgumentException("The manifest root " + manifestRoot
                + " (" + MANIFEST_ROOT + ") does not exist: create it and put the manifests the admin API may import there"));
        Path resolved = root.resolve(given);
        Path real = realPath(resolved).orElseThrow(() -> new IllegalArgumentException("There is no manifest " + manifest
                + " under the manifest root " + manifestRoot + " (" + MANIFEST_ROOT + ")"));
        if (!real.startsWith(root)) {
            throw refused(ImportJobConfiguration.MANIFEST, "manifest " + manifest + " is a symbolic link (or under one) that leads"
                    + " outside the manifest root " + manifestRoot + " (" + MANIFEST_ROOT + ")");
        }
        if (!Files.isRegularFile(real)) {
            throw new IllegalArgumentException("manifest " + manifest + " under the manifest root " + manifestRoot + " is not a file");
        }
        return real;
    }

    private Path reportInFolder(String report) {
        String name = report.trim();
        Path given = path(ImportJobConfiguration.REPORT, name);
        if (given.isAbsolute()) {
            throw refused(ImportJobConfiguration.REPORT, "report must be a file name (reports are written to " + reportDir
                    + ", " + REPORT_DIR + "), not the absolute path " + report);
        }
        if (name.contains("/") || name.contains("\\") || hasParentStep(given) || name.equals(".")) {
            throw refused(ImportJobConfiguration.REPORT, "report must be a file name such as import-2024-05.csv (reports are written to "
                    + reportDir + ", " + REPORT_DIR + "), not " + report);
        }
        Path folder;
        try {
            folder = Files.createDirectories(reportDir).toRealPath();
        } catch (IOException failure) {
            throw new UncheckedIOException("Cannot create the report folder " + reportDir + " (" + REPORT_DIR + "): "
                    + failure.getMessage(), failure);
        }
        Path target = folder.resolve(name);
        if (Files.isSymbolicLink(target) && !realPath(target).map(real -> real.startsWith(folder)).orElse(false)) {
            throw refused(ImportJobConfiguration.REPORT, "report " + report + " is a symbolic link that leads outside the report folder "
                    + reportDir + " (" + REPORT_DIR + ")");
        }
        return target;
    }

    private static Path path(String parameter, String text) {
        try {
            return Path.of(text);
        } catch (InvalidPathException invalid) {
            throw new IllegalArgumentException(parameter + " is not a valid path: " + invalid.getReason());
        }
    }

    private static boolean hasParentStep(Path path) {
        for (Path part : path) {
            if (part.toString().equals("..")) {
                return true;
            }
        }
        return false;
    }

    private static Optional<Path> realPath(Path path) {
        if (!Files.exists(path)) {
            return Optional.empty();
        }
        try {
            return Optional.of(path.toRealPath());
        } catch (IOException gone) {
            return Optional.empty();
        }
    }

    private static PathNotAllowedException refused(String parameter, String message) {
        return new PathNotAllowedException(parameter, message);
    }
}
