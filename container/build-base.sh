#!/usr/bin/env bash
# Builds the base image of the application image, with no Docker daemon and no registry: a Java 17 runtime made
# by jlink from this machine's JDK (Debian's openjdk-17, whose jmods carry the JDK's own CA certificates), plus the
# C libraries it and DuckDB's native driver load, taken from Debian's packages (libc6, libgcc-s1, libstdc++6,
# zlib1g), a non-root user 65532 and the writable directories. No shell, no package manager.
#
# Output: target/container/base-image.tar, a `docker save` archive that the Jib configuration of pom.xml reads as
# tar://${project.build.directory}/container/base-image.tar. Then: ./mvnw -B compile jib:buildTar (README,
# "Container image"). Runs as root (file owners in the image); installs what it needs from Debian's packages.
set -euo pipefail
cd "$(dirname "$0")/.."

JDK="${JDK:-/usr/lib/jvm/java-17-openjdk-amd64}"
OUT="${OUT:-target/container}"
# Debian packages of the C libraries: the JVM needs libc, libm, libgcc_s, libstdc++ and libz; DuckDB's JDBC
# driver extracts libduckdb_java.so into java.io.tmpdir and loads it, and it needs the same.
PACKAGES=(libc6 libgcc-s1 libstdc++6 zlib1g)
# libc-bin only for its C.UTF-8 locale: with LANG=C.UTF-8, Java 17 reads and writes file names and text as UTF-8
LOCALE_PACKAGE=libc-bin
# Java modules of the runtime. java.desktop for java.beans (Spring), java.rmi (Quartz), jdk.httpserver (the embedded
# sandbox), jdk.crypto.ec (TLS with EC keys: SpotDraft, S3, Snowflake), jdk.unsupported (sun.misc.Unsafe: Netty,
# Arrow in the Snowflake driver), java.security.jgss/sasl and jdk.security.* (PostgreSQL and Kerberos logins),
# jdk.management (process metrics), jdk.charsets (every charset a file may be in).
MODULES=java.base,java.compiler,java.datatransfer,java.desktop,java.instrument,java.logging,java.management,\
java.naming,java.net.http,java.prefs,java.rmi,java.scripting,java.security.jgss,java.security.sasl,java.sql,\
java.sql.rowset,java.transaction.xa,java.xml,java.xml.crypto,jdk.charsets,jdk.crypto.cryptoki,jdk.crypto.ec,\
jdk.httpserver,jdk.jfr,jdk.management,jdk.naming.dns,jdk.net,jdk.security.auth,jdk.security.jgss,jdk.unsupported,\
jdk.zipfs
APP_UID=65532

[ "$(id -u)" = 0 ] || { echo "build-base.sh runs as root (it sets the owners of the image's files)" >&2; exit 1; }

apt_updated=false
need() {  # need <command-or-file> <debian package>
  if ! command -v "$1" >/dev/null 2>&1 && [ ! -e "$1" ]; then
    if ! $apt_updated; then apt-get update -qq; apt_updated=true; fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null
  fi
}
need "$JDK/jmods/java.base.jmod" openjdk-17-jdk-headless
need "$JDK/bin/jlink" openjdk-17-jdk-headless
need dpkg-deb dpkg
need sha256sum coreutils
need jq jq

stage="$OUT/base"
rm -rf "$stage" "$OUT/base-image.tar"
mkdir -p "$stage/debs" "$stage/rootfs" "$stage/archive"
root="$stage/rootfs"

# 1. the C libraries, from Debian's archive (the versions this machine's apt knows)
( cd "$stage/debs" && { apt-get download -qq "${PACKAGES[@]}" "$LOCALE_PACKAGE" 2>/dev/null \
    || { apt-get update -qq && apt-get download -qq "${PACKAGES[@]}" "$LOCALE_PACKAGE"; }; } )
mkdir -p "$root/var/lib/dpkg/status.d"
for deb in "$stage"/debs/*.deb; do
  if [ "$(dpkg-deb -f "$deb" Package)" = "$LOCALE_PACKAGE" ]; then
    dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$root" ./usr/lib/locale/C.utf8 ./usr/share/doc/$LOCALE_PACKAGE/copyright
  else
    dpkg-deb -x "$deb" "$root"
  fi
  # what is installed, where image scanners (Trivy, Grype) look for it in distroless images
  package=$(dpkg-deb -f "$deb" Package)
  { echo "Package: $package"; echo "Status: install ok installed"
    dpkg-deb -f "$deb" Version Architecture Source Maintainer Description; } > "$root/var/lib/dpkg/status.d/$package"
done
# keep the licences, drop the rest of the documentation and what no Java process uses
find "$root/usr/share/doc" -type f ! -name copyright -delete 2>/dev/null || true
rm -rf "$root/usr/share/lintian" "$root/usr/share/man" "$root/usr/share/locale" "$root/usr/share/gcc" \
       "$root/usr/share/gdb" "$root/usr/lib/x86_64-linux-gnu/gconv" "$root/etc/ld.so.conf.d" "$root/sbin" "$root/usr/sbin" \
       "$root/usr/bin" "$root/usr/lib/x86_64-linux-gnu/audit" "$root/usr/libexec"
cp /etc/os-release "$root/etc/os-release" 2>/dev/null || true

# 2. the Java runtime
"$JDK/bin/jlink" --add-modules "$MODULES" --strip-debug --no-header-files --no-man-pages --compress=2 \
  --output "$root/opt/java"
"$root/opt/java/bin/java" -Xshare:dump -version >/dev/null 2>&1 || true   # class data sharing archive: faster starts

# 3. users, name service, writable directories
mkdir -p "$root/etc" "$root/tmp" "$root/app/data" "$root/home/nonroot" "$root/proc" "$root/sys" "$root/dev"
cat > "$root/etc/passwd" <<EOF
root:x:0:0:root:/root:/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin
nonroot:x:$APP_UID:$APP_UID:nonroot:/home/nonroot:/sbin/nologin
EOF
cat > "$root/etc/group" <<EOF
root:x:0:
nogroup:x:65534:
nonroot:x:$APP_UID:
EOF
printf 'passwd: files\ngroup: files\nhosts: files dns\n' > "$root/etc/nsswitch.conf"
chown -R 0:0 "$root"
chmod 1777 "$root/tmp"
chown "$APP_UID:$APP_UID" "$root/app/data" "$root/home/nonroot"
chmod 0755 "$root/app/data"
chmod 0700 "$root/home/nonroot"
if find "$root" -perm /6000 -type f | grep -q .; then
  echo "set-user-id or set-group-id files in the base image:" >&2; find "$root" -perm /6000 -type f >&2; exit 1
fi

# 4. one layer, reproducible (sorted, fixed times, numeric owners), and a `docker save` archive around it
layer="$stage/archive/layer.tar"
tar --sort=name --mtime=@0 --numeric-owner --format=posix --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime \
  -C "$root" -cf "$layer" .
diff_id="sha256:$(sha256sum "$layer" | cut -d' ' -f1)"
jq -n --arg diff "$diff_id" --arg uid "$APP_UID" --arg java "$("$root/opt/java/bin/java" -version 2>&1 | head -n1)" \
  --arg libs "$(for deb in "$stage"/debs/*.deb; do printf '%s=%s ' "$(dpkg-deb -f "$deb" Package)" "$(dpkg-deb -f "$deb" Version)"; done)" '{
  architecture: "amd64", os: "linux", created: "1970-01-01T00:00:00Z",
  config: {User: ($uid + ":" + $uid), WorkingDir: "/app",
           Env: ["PATH=/opt/java/bin:/usr/bin:/bin", "JAVA_HOME=/opt/java", "LANG=C.UTF-8", "HOME=/home/nonroot"]},
  rootfs: {type: "layers", diff_ids: [$diff]},
  history: [{created: "1970-01-01T00:00:00Z", created_by: ("container/build-base.sh: jlink " + $java + "; Debian " + $libs)}]
}' > "$stage/archive/config.json"
jq -n '[{Config: "config.json", RepoTags: ["spotdraft-sync-base:local"], Layers: ["layer.tar"]}]' > "$stage/archive/manifest.json"
tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$stage/archive" -cf "$OUT/base-image.tar" \
  manifest.json config.json layer.tar
rm -rf "$stage/archive" "$stage/debs"

echo "base image: $OUT/base-image.tar ($(du -h "$OUT/base-image.tar" | cut -f1); $(jq -r '.history[0].created_by' < <(tar -xOf "$OUT/base-image.tar" config.json)))"
