#!/usr/bin/env bash
# Checks the image that `./mvnw -B compile jib:buildTar` wrote to target/jib-image.tar, with no Docker daemon:
# unpacks its layers into a root file system, checks its configuration (non-root numeric user, entrypoint, default
# command, JVM flags, working directory, port) and its bill of materials (/app/bom.json), and runs it as the Helm
# chart does: user 65532, the root file system read-only, empty writable /tmp and /app/data, the image's
# environment, working directory /app. In there it runs `java -version`, prints the JVM flags in force, `--help`, an
# `export` of the embedded sandbox (DuckDB extracts its native library into /tmp), and `serve` until /actuator/health
# answers UP (ECS JSON logs). Runs as root (mount namespace, chroot); exits non-zero at the first failed check.
set -euo pipefail
cd "$(dirname "$0")/.."

IMAGE="${1:-target/jib-image.tar}"
WORK="${WORK:-target/container/check}"
APP_UID=65532

[ "$(id -u)" = 0 ] || { echo "check-image.sh runs as root (mount namespace and chroot)" >&2; exit 1; }
[ -f "$IMAGE" ] || { echo "no image at $IMAGE: run container/build-base.sh, then ./mvnw -B compile jib:buildTar" >&2; exit 1; }
command -v jq >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq jq >/dev/null; }

fail() { echo "FAILED: $*" >&2; exit 1; }
ok() { echo "ok: $*"; }

rm -rf "$WORK"
mkdir -p "$WORK/archive" "$WORK/rootfs"
tar -xf "$IMAGE" -C "$WORK/archive"
rootfs="$(cd "$WORK/rootfs" && pwd)"
config="$WORK/archive/$(jq -r '.[0].Config' "$WORK/archive/manifest.json")"
for layer in $(jq -r '.[0].Layers[]' "$WORK/archive/manifest.json"); do
  tar -xf "$WORK/archive/$layer" -C "$rootfs" --numeric-owner --same-owner --same-permissions --warning=no-unknown-keyword
done
echo "image $(jq -r '.[0].RepoTags | join(", ")' "$WORK/archive/manifest.json"): $(jq -r '.[0].Layers | length' "$WORK/archive/manifest.json") layers, $(du -sh "$rootfs" | cut -f1) unpacked"

# --- configuration
[ "$(jq -r '.config.User' "$config")" = "$APP_UID:$APP_UID" ] || fail "user is $(jq -r '.config.User' "$config"), not $APP_UID:$APP_UID"
ok "user $APP_UID:$APP_UID (numeric, non-root)"
entrypoint=$(jq -c '.config.Entrypoint' "$config")
[ "$entrypoint" = '["/opt/java/bin/java","-cp","@/app/jib-classpath-file","io.spotdraftsync.SpotdraftSyncApplication"]' ] \
  || fail "entrypoint is $entrypoint"
ok "entrypoint $entrypoint"
[ "$(jq -c '.config.Cmd' "$config")" = '["serve"]' ] || fail "default command is $(jq -c '.config.Cmd' "$config"), not [\"serve\"]"
ok "default command [\"serve\"]"
[ "$(jq -r '.config.WorkingDir' "$config")" = /app ] || fail "working directory is $(jq -r '.config.WorkingDir' "$config")"
jq -e '.config.ExposedPorts["8080/tcp"]' "$config" >/dev/null || fail "port 8080 is not exposed"
mapfile -t image_env < <(jq -r '.config.Env[]' "$config")
tool_options=$(printf '%s\n' "${image_env[@]}" | sed -n 's/^JAVA_TOOL_OPTIONS=//p')
for flag in -XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -Djava.io.tmpdir=/tmp; do
  [[ " $tool_options " == *" $flag "* ]] || fail "JAVA_TOOL_OPTIONS ($tool_options) lacks $flag"
done
ok "JAVA_TOOL_OPTIONS=$tool_options"
printf '%s\n' "${image_env[@]}" | grep -qx 'LANG=C.UTF-8' || fail "LANG=C.UTF-8 is not set"

# --- file system
[ -x "$rootfs/opt/java/bin/java" ] || fail "no /opt/java/bin/java"
[ -f "$rootfs/app/jib-classpath-file" ] || fail "no /app/jib-classpath-file"
[ "$(stat -c '%u:%g' "$rootfs/app/data")" = "$APP_UID:$APP_UID" ] || fail "/app/data is not owned by $APP_UID"
[ "$(stat -c '%a' "$rootfs/tmp")" = 1777 ] || fail "/tmp is $(stat -c '%a' "$rootfs/tmp"), not 1777"
[ -f "$rootfs/app/jobs/export-incremental.yml" ] || fail "the default schedules are not in /app/jobs"
grep -q "^nonroot:x:$APP_UID:$APP_UID:" "$rootfs/etc/passwd" || fail "no user $APP_UID in /etc/passwd"
setid=$(find "$rootfs" -xdev -perm /6000 -type f)
[ -z "$setid" ] || fail "set-user-id or set-group-id files: $setid"
[ ! -e "$rootfs/bin/sh" ] && [ ! -e "$rootfs/usr/bin/sh" ] || fail "the image has a shell"
ok "/app/data owned by $APP_UID, /tmp 1777, schedules in /app/jobs, no setuid file, no shell"
# the bill of materials of the build (cyclonedx-maven-plugin: target/bom.json), for image scanners and audits
sbom="$rootfs/app/bom.json"
[ -s "$sbom" ] || fail "no bill of materials at /app/bom.json"
jq -e '.bomFormat == "CycloneDX" and .metadata.component.name == "spotdraft-sync"
  and ([.components[].name] | index("spring-batch-core") != null)' "$sbom" >/dev/null \
  || fail "/app/bom.json is not the application's CycloneDX bill of materials"
ok "bill of materials /app/bom.json: CycloneDX $(jq -r .specVersion "$sbom"), $(jq '.components | length' "$sbom") components"

# --- runs, as the Helm chart runs the container
# what a container runtime provides: /proc, a few devices, /etc/hosts and /etc/resolv.conf of the pod
mkdir -p "$rootfs/proc" "$rootfs/dev"
for device in null zero random urandom; do touch "$rootfs/dev/$device"; done
for file in hosts resolv.conf; do touch "$rootfs/etc/$file"; done
# in_image COMMAND...: runs COMMAND in the image; more environment in EXTRA_ENV; EXEC=exec replaces the calling
# (background) shell, so that its pid is unshare's, whose child is the command
in_image() {
  ${EXEC:-} unshare --mount --pid --fork --kill-child=SIGTERM --propagation private bash -euc '
    root=$1; shift
    mount --bind "$root" "$root"
    mount -o remount,bind,ro "$root"
    mount -t tmpfs -o mode=1777 tmpfs "$root/tmp"
    mount -t tmpfs -o mode=0755,uid='"$APP_UID"',gid='"$APP_UID"' tmpfs "$root/app/data"
    mount -t proc proc "$root/proc"
    for device in null zero random urandom; do mount --bind "/dev/$device" "$root/dev/$device"; done
    for file in hosts resolv.conf; do [ -e "/etc/$file" ] && mount --bind "/etc/$file" "$root/etc/$file"; done
    exec /usr/bin/env -i "$@"
  ' _ "$rootfs" "${image_env[@]}" ${EXTRA_ENV:-} \
    /usr/bin/unshare --root="$rootfs" --wd=/app --setuid="$APP_UID" --setgid="$APP_UID" "$@"
}
entry=(/opt/java/bin/java -cp @/app/jib-classpath-file io.spotdraftsync.SpotdraftSyncApplication)

in_image /opt/java/bin/java -version > "$WORK/version.txt" 2>&1 || { cat "$WORK/version.txt"; fail "java -version"; }
grep -q 'openjdk version "17' "$WORK/version.txt" || { cat "$WORK/version.txt"; fail "not Java 17"; }
ok "java -version as $APP_UID: $(grep 'openjdk version' "$WORK/version.txt")"

in_image /opt/java/bin/java -XX:+PrintFlagsFinal -version > "$WORK/flags.txt" 2>&1 || fail "java -XX:+PrintFlagsFinal"
grep -Eq 'MaxRAMPercentage += 75\.0+ ' "$WORK/flags.txt" || fail "MaxRAMPercentage is not 75 in the image"
grep -Eq 'ExitOnOutOfMemoryError += true ' "$WORK/flags.txt" || fail "ExitOnOutOfMemoryError is off in the image"
grep -Eq 'UseContainerSupport += true ' "$WORK/flags.txt" || fail "UseContainerSupport is off in the image"
ok "flags in force: MaxRAMPercentage 75, ExitOnOutOfMemoryError, UseContainerSupport"

in_image "${entry[@]}" --help > "$WORK/help.txt" 2>&1 || { cat "$WORK/help.txt"; fail "--help"; }
grep -q 'serve' "$WORK/help.txt" || { cat "$WORK/help.txt"; fail "--help does not list serve"; }
ok "--help lists the subcommands"

in_image "${entry[@]}" export --sync.embedded-sandbox.contracts=20 > "$WORK/export.txt" 2>&1 \
  || { tail -n 40 "$WORK/export.txt"; fail "export of the embedded sandbox"; }
grep -Eq 'COMPLETED \(full run of workspace sandbox\)' "$WORK/export.txt" || { tail -n 40 "$WORK/export.txt"; fail "export did not complete"; }
grep -Eq 'documents written +20$' "$WORK/export.txt" || { tail -n 20 "$WORK/export.txt"; fail "export wrote no 20 documents"; }
ok "export of 20 sandbox contracts into DuckDB and /app/data (read-only root, user $APP_UID)"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null \
  || echo $((20000 + RANDOM % 20000)))
EXEC=exec EXTRA_ENV="LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs" in_image "${entry[@]}" serve --port="$port" \
  --sync.embedded-sandbox.contracts=20 > "$WORK/serve.txt" 2>&1 &
serve_pid=$!
health=""
for _ in $(seq 1 180); do
  if health=$( (exec 3<>"/dev/tcp/127.0.0.1/$port" && printf 'GET /actuator/health HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3 \
      && cat <&3) 2>/dev/null) && [[ "$health" == *'"status":"UP"'* ]]; then
    break
  fi
  kill -0 "$serve_pid" 2>/dev/null || { tail -n 40 "$WORK/serve.txt"; fail "serve exited"; }
  sleep 1
done
# unshare --fork ignores SIGTERM while it waits: stop its child, the JVM (pid 1 of the namespace), as Kubernetes does
java_pid=$(cat "/proc/$serve_pid/task/$serve_pid/children" 2>/dev/null | tr -d ' ' || true)
[ -n "$java_pid" ] || java_pid=$(pgrep -P "$serve_pid" 2>/dev/null || true)
if [ -n "$java_pid" ]; then
  kill -TERM "$java_pid" 2>/dev/null || true
  for _ in $(seq 1 30); do kill -0 "$java_pid" 2>/dev/null || break; sleep 1; done
  kill -KILL "$java_pid" 2>/dev/null || true
fi
wait "$serve_pid" 2>/dev/null || true
[[ "$health" == *'"status":"UP"'* ]] || { tail -n 40 "$WORK/serve.txt"; fail "serve did not answer UP on /actuator/health"; }
grep -q '^{"@timestamp"' "$WORK/serve.txt" || { head -n 5 "$WORK/serve.txt"; fail "serve's log lines are not ECS JSON"; }
ok "serve answered UP on /actuator/health; its log lines are ECS JSON"

echo "image: every check passed"
