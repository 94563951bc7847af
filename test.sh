#!/usr/bin/env bash
# The test command of README.md: on a fresh Debian machine (12, like the one this project is built on), sets up
# what the test suite needs, then runs it. What it sets up, only where missing:
#   - Debian's `chromium` and `chromium-driver`: the status page test drives a headless Chromium;
#   - Debian's `postgresql`: a cluster running and listening on 127.0.0.1:5432, with trust authentication for
#     connections from 127.0.0.1 (a line added at the top of its pg_hba.conf) and a database named `test`.
# Then `./mvnw -B verify` with any arguments given (`./test.sh -Dtest=HelmChartTest`). `./test.sh --setup-only`
# stops after the set-up. Installing needs root (or sudo); run again, it finds everything there and changes nothing.
# The S3 tests start Adobe S3Mock from Maven Central as a child process: nothing to install for them.
set -euo pipefail
cd "$(dirname "$0")"

say() { echo "test.sh: $*"; }

as_root() {
  if [ "$(id -u)" = 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    echo "test.sh: needs root (or sudo) to run: $*" >&2
    exit 1
  fi
}

apt_updated=false
install_packages() {
  if ! $apt_updated; then
    say "apt-get update"
    as_root apt-get update -qq
    apt_updated=true
  fi
  say "installing $*"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# --- Java 17 (the Maven wrapper fetches Maven itself)
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}"
if [ ! -x "$JAVA_HOME/bin/java" ]; then
  install_packages openjdk-17-jdk-headless
fi

# --- Chromium and chromedriver, from Debian (Selenium is given both paths: it never downloads a browser)
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  install_packages chromium chromium-driver
fi

# --- PostgreSQL on 127.0.0.1:5432, trust authentication from 127.0.0.1, database `test`
pg_ready() { pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; }
if ! command -v pg_ctlcluster >/dev/null 2>&1 || ! command -v psql >/dev/null 2>&1; then
  install_packages postgresql
fi
# the Debian cluster of port 5432 ("<version> <name>"), created when there is none
cluster=$(pg_lsclusters -h 2>/dev/null | awk '$3 == 5432 { print $1, $2; exit }')
if [ -z "$cluster" ]; then
  version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
  say "creating PostgreSQL cluster $version main on port 5432"
  as_root pg_createcluster --port 5432 "$version" main >/dev/null
  cluster="$version main"
fi
if ! pg_ready; then
  say "starting PostgreSQL cluster $cluster"
  # shellcheck disable=SC2086 # version and name
  as_root pg_ctlcluster --skip-systemctl-redirect $cluster start || true
  for _ in $(seq 1 60); do pg_ready && break; sleep 1; done
  pg_ready || { echo "test.sh: PostgreSQL cluster $cluster does not answer on 127.0.0.1:5432" >&2; exit 1; }
fi
psql_test() { psql -h 127.0.0.1 -p 5432 -U postgres -w -X -q "$@"; }
if ! psql_test -tAc 'SELECT 1' postgres >/dev/null 2>&1; then
  # Debian's default asks TCP connections for a password (scram-sha-256); the tests connect as postgres without one
  config="/etc/postgresql/${cluster/ //}/pg_hba.conf"
  say "trust authentication for 127.0.0.1 in $config"
  as_root sed -i '1i # spotdraft-sync test.sh: the tests connect from 127.0.0.1 as postgres, without a password\nhost all all 127.0.0.1/32 trust' "$config"
  # shellcheck disable=SC2086
  as_root pg_ctlcluster --skip-systemctl-redirect $cluster reload
  for _ in $(seq 1 30); do psql_test -tAc 'SELECT 1' postgres >/dev/null 2>&1 && break; sleep 1; done
  psql_test -tAc 'SELECT 1' postgres >/dev/null
fi
if [ "$(psql_test -tAc "SELECT 1 FROM pg_database WHERE datname = 'test'" postgres)" != 1 ]; then
  say "creating database test"
  psql_test -c 'CREATE DATABASE test' postgres
fi
say "ready: Java 17, chromium $(dpkg-query -W -f='${Version}' chromium 2>/dev/null), PostgreSQL on 127.0.0.1:5432 with database test"

if [ "${1:-}" = "--setup-only" ]; then
  exit 0
fi
exec ./mvnw -B verify "$@"
