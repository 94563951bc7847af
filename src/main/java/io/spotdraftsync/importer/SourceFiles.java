package io.spotdraftsync.importer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.Supplier;

import io.spotdraftsync.spotdraft.ImportDocument;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The manifest and the PDFs it names, on the local disk or in S3. Never reads a whole document into memory. */
public interface SourceFiles extends AutoCloseable {

    @Override
    default void close() {
    }


    /**
     * What validation needs to know of a file: whether it is there, its size and its first bytes; or why it may not
     * be read ({@code refusal}, null when it may).
     */
    record FileCheck(boolean exists, long length, byte[] head, String refusal) {
        static final FileCheck MISSING = new FileCheck(false, 0, new byte[0]);

        FileCheck(boolean exists, long length, byte[] head) {
            this(exists, length, head, null);
        }

        static FileCheck refused(String reason) {
            return new FileCheck(false, 0, new byte[0], reason);
        }
    }

    InputStream openManifest() throws IOException;

    FileCheck inspect(String file) throws IOException;

    ImportDocument document(String file, long length);

    /** Where a manifest file name points, for messages. */
    String describe(String file);

    /**
     * @param filesOutsideManifestDir whether a local manifest's files may be outside its folder (absolute paths,
     *                                {@code ..}, symbolic links to elsewhere)
     */
    static SourceFiles of(ManifestLocation location, Supplier<S3Client> s3, boolean filesOutsideManifestDir) {
        if (location instanceof ManifestLocation.S3 bucket) {
            return new S3Files(bucket, s3.get());
        }
        return new LocalFiles(((ManifestLocation.Local) location).path(), filesOutsideManifestDir);
    }

    int HEAD_BYTES = 5;

    /**
     * Files relative to the manifest's folder, which they may not leave (after resolving symbolic links) unless
     * {@code outsideAllowed}; then absolute paths are taken as they are.
     */
    final class LocalFiles implements SourceFiles {
        private static final String ALLOW = "--allow-files-outside-manifest-dir";
        private final Path manifest;
        private final Path folder;
        private final boolean outsideAllowed;
        private Path realFolder;

        LocalFiles(Path manifest, boolean outsideAllowed) {
            this.manifest = manifest;
            this.folder = manifest.getParent() == null ? Path.of("").toAbsolutePath() : manifest.getParent();
            this.outsideAllowed = outsideAllowed;
        }

        @Override
        public InputStream openManifest() throws IOException {
            return Files.newInputStream(manifest);
        }

        private Path resolve(String file) {
            return folder.resolve(file).normalize();
        }

        /** Why {@code file} may not be read, or null when it may. */
        String refusal(String file) throws IOException {
            if (outsideAllowed) {
                return null;
            }
            Path given;
            try {
                given = Path.of(file);
            } catch (InvalidPathException invalid) {
                return "file '" + file + "' is not a valid path";
            }
            if (given.isAbsolute()) {
                return "file " + file + " is an absolute path: give it relative to the manifest's folder " + folder
                        + " (files elsewhere need " + ALLOW + ")";
            }
            Path path = resolve(file);
            if (!path.startsWith(folder)) {
                return "file " + file + " is outside the manifest's folder " + folder + " (files elsewhere need " + ALLOW + ")";
            }
            if (Files.exists(path) && !path.toRealPath().startsWith(realFolder())) {
                return "file " + file + " is a symbolic link (or under one) that leads outside the manifest's folder "
                        + folder + " (files elsewhere need " + ALLOW + ")";
            }
            return null;
        }

        private Path realFolder() throws IOException {
            if (realFolder == null) {
                realFolder = folder.toRealPath();
            }
            return realFolder;
        }

        @Override
        public FileCheck inspect(String file) throws IOException {
            String refusal = refusal(file);
            if (refusal != null) {
                return FileCheck.refused(refusal);
            }
            Path path = resolve(file);
            if (!Files.isRegularFile(path)) {
                return FileCheck.MISSING;
            }
            try (InputStream in = Files.newInputStream(path)) {
                return new FileCheck(true, Files.size(path), in.readNBytes(HEAD_BYTES));
            } catch (NoSuchFileException gone) {
                return FileCheck.MISSING;
            }
        }

        @Override
        public ImportDocument document(String file, long length) {
            Path path = resolve(file);
            return new ImportDocument() {
                @Override
                public InputStream open() throws IOException {
                    // checked again: the file may have been replaced since validation
                    String refusal = refusal(file);
                    if (refusal != null) {
                        throw new IOException(refusal);
                    }
                    return Files.newInputStream(path);
                }

                @Override
                public long length() {
                    return length;
                }
            };
        }

        @Override
        public String describe(String file) {
            return resolve(file).toString();
        }
    }

    /** Files are keys in the manifest's bucket, or full s3:// URIs. */
    final class S3Files implements SourceFiles {
        private final ManifestLocation.S3 manifest;
        private final S3Client s3;

        S3Files(ManifestLocation.S3 manifest, S3Client s3) {
            this.manifest = manifest;
            this.s3 = s3;
        }

        private ManifestLocation.S3 resolve(String file) {
            if (file.regionMatches(true, 0, "s3://", 0, 5)) {
                return (ManifestLocation.S3) ManifestLocation.parse(file);
            }
            return new ManifestLocation.S3(manifest.bucket(), file.replaceFirst("^/", ""));
        }

        @Override
        public InputStream openManifest() throws IOException {
            try {
                return s3.getObject(GetObjectRequest.builder().bucket(manifest.bucket()).key(manifest.key()).build());
            } catch (SdkException failure) {
                throw new IOException("Cannot read the manifest " + manifest.describe() + ": " + failure.getMessage(), failure);
            }
        }

        @Override
        public FileCheck inspect(String file) throws IOException {
            ManifestLocation.S3 object = resolve(file);
            try {
                HeadObjectResponse head = s3.headObject(request -> request.bucket(object.bucket()).key(object.key()));
                long length = head.contentLength() == null ? 0 : head.contentLength();
                if (length == 0) {
                    return new FileCheck(true, 0, new byte[0]);
                }
                try (InputStream in = s3.getObject(GetObjectRequest.builder().bucket(object.bucket()).key(object.key())
                        .range("bytes=0-" + (HEAD_BYTES - 1)).build())) {
                    return new FileCheck(true, length, in.readNBytes(HEAD_BYTES));
                }
            } catch (NoSuchKeyException missing) {
                return FileCheck.MISSING;
            } catch (S3Exception failure) {
                if (failure.statusCode() == 404) {
                    return FileCheck.MISSING;
                }
                throw new IOException("Cannot read " + object.describe() + ": " + failure.getMessage(), failure);
            }
        }

        @Override
        public ImportDocument document(String file, long length) {
            ManifestLocation.S3 object = resolve(file);
            return new ImportDocument() {
                @Override
                public InputStream open() throws IOException {
                    try {
                        return s3.getObject(GetObjectRequest.builder().bucket(object.bucket()).key(object.key()).build());
                    } catch (SdkException failure) {
                        throw new IOException("Cannot read " + object.describe() + ": " + failure.getMessage(), failure);
                    }
                }

                @Override
                public long length() {
                    return length;
                }
            };
        }

        @Override
        public String describe(String file) {
            return resolve(file).describe();
        }

        @Override
        public void close() {
            s3.close();
        }
    }
}
