#!/usr/bin/env bash
# The class list of jdblink's class archive (docs/jvm.md), from a training session:
#
#   bridge/archive/train.sh           write bridge/archive/jdblink.classlist
#   bridge/archive/train.sh --check   fail if the committed list is out of date
#
# Runs bridge/archive/training.sql in a fresh session of the installed jdblink (make
# install first), on a throwaway cluster of its own (test/cluster.sh --ssl, removed on
# exit), with the JVM told to list every class it loads (-XX:DumpLoadedClassList; class
# sharing off, so that the list is complete). The list names the JDK's classes too, and
# the lambdas and method handles that can be archived.
#
# --check also runs a session's first call alone, which must load none of the classes
# docs/jvm.md keeps off its path (lambdas, socket channels, SecureRandom). It compares
# jdblink's own classes only (the JDK's differ between its updates): each
# that the training loads must be in the committed list, and each the list names must
# still be in the jar. "classlist: ..." is the last line; the status is non-zero if the
# list is out of date or the training failed. PGBIN as for test/cluster.sh.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
PGBIN=${PGBIN:-$(pg_config --bindir)}
export PGBIN
committed=$here/jdblink.classlist
check=false
case "${1:-}" in
  --check) check=true ;;
  "") ;;
  *) echo "usage: $0 [--check]" >&2; exit 2 ;;
esac
die() { echo "classlist: FAILED: $*"; exit 1; }

work=$(mktemp -d /tmp/jdblink-train.XXXXXX) || die "cannot create a temporary directory"
chmod 777 "$work"
cleanup() { "$root/test/cluster.sh" destroy "$work/cluster" >/dev/null 2>&1; rm -rf "$work"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

cluster_env=$("$root/test/cluster.sh" start "$work/cluster" --ssl) || die "could not start a throwaway cluster"
eval "$cluster_env"
export PGHOST PGPORT PGUSER
"$PGBIN/psql" -X -q -d postgres -c 'CREATE DATABASE training' || die "could not create the training database"

# The JVM writes the list as it loads classes, into a file the server's user can write.
list=$work/training.classlist
{ echo "SET jdblink.jvm_options = '-Xshare:off -XX:DumpLoadedClassList=$list';"
  cat "$here/training.sql"
} | "$PGBIN/psql" -X -q -v port="$PGPORT" -d training >"$work/training.out" 2>&1
[ -s "$list" ] || die "the training session wrote no class list: $(grep -m1 -E 'ERROR|FATAL' "$work/training.out")"
# The session's backend writes until it exits.
for _ in $(seq 1 100); do
  [ "$("$PGBIN/psql" -X -At -d postgres -c "SELECT count(*) FROM pg_stat_activity WHERE datname = 'training'")" = 0 ] && break
  sleep 0.1
done
grep -q '^org/jdblink/bridge/CallsFromC' "$list" || die "the training did not run jdblink's Java side"

if ! $check; then
  cp "$list" "$committed"
  echo "classlist: wrote $committed ($(grep -c '^org/jdblink/' "$committed") jdblink classes, $(grep -vc '^[@#]' "$committed") classes in all)"
  exit 0
fi

# A session's first call (trust, over the Unix socket) must stay lean (docs/jvm.md): none
# of the JDK's lambda machinery, socket channels or security providers, whose set-up in
# the interpreter cost that call some 20 ms.
first=$work/first.classlist
"$PGBIN/psql" -X -q -d training >"$work/first.out" 2>&1 <<SQL
SET jdblink.jvm_options = '-Xshare:off -XX:DumpLoadedClassList=$first';
SELECT * FROM dblink('dbname=training', 'SELECT 1') AS t(a int);
SQL
for _ in $(seq 1 100); do
  [ "$("$PGBIN/psql" -X -At -d postgres -c "SELECT count(*) FROM pg_stat_activity WHERE datname = 'training'")" = 0 ] && break
  sleep 0.1
done
grep -q '^org/jdblink/bridge/CallsFromC' "$first" 2>/dev/null || die "the first call did not run: $(grep -m1 -E 'ERROR|FATAL' "$work/first.out")"
heavy=$(grep -E '^(java/lang/invoke/LambdaMetafactory|java/nio/channels/spi/SelectorProvider|java/security/SecureRandom|@lambda-proxy)[ $]' "$first" | awk '{ print ($1 == "@lambda-proxy") ? $1 " " $2 : $1 }')
first_summary="a first call loads $(grep -vc '^[@#]' "$first") classes"
if [ -n "$heavy" ]; then
  printf 'a first call loaded:\n%s\n' "$heavy"
  echo "classlist: FAILED: $first_summary, some of them kept off a first call's path on purpose (docs/jvm.md)"
  exit 1
fi

own() { grep -E '^(org/jdblink|com/ongres)/' "$1" | sed 's/ .*//' | sort -u; }
jar=$("$PGBIN/pg_config" --pkglibdir)/jdblink/jdblink.jar
missing=$(comm -23 <(own "$list") <(own "$committed"))
gone=$(comm -23 <(own "$committed") <(unzip -Z1 "$jar" | sed -n 's/\.class$//p' | sort -u))
if [ -n "$missing$gone" ]; then
  [ -z "$missing" ] || printf 'loaded by the training but not in the list:\n%s\n' "$missing"
  [ -z "$gone" ] || printf 'in the list but not in the jar:\n%s\n' "$gone"
  echo "classlist: OUT OF DATE: run 'make classlist' and commit bridge/archive/jdblink.classlist"
  exit 1
fi
echo "classlist: up to date ($(own "$list" | wc -l) classes of jdblink loaded by the training); $first_summary, none of the kept-off ones"
