#!/usr/bin/env bash
# Checks the examples of the documentation: every ```psql block of docs/**/*.md holds a
# transcript as `psql -X -a -q` prints it (the statements, then their output). This runs
# the statements again with jdblink and compares the output with the page.
#
#   test/run-doc-examples.sh [--accept-from EXT | --candidate EXT] [--results DIR] [PAGE ...]
#
# The server is the one the PG* environment points at (a test/cluster.sh server: the
# examples use its roles); the user must be a superuser. docs/examples/setup.sql fills
# the database docs_remote_template once; then, page by page in a fixed (C-sorted) order:
#   docs_remote   a fresh copy of docs_remote_template (examples reach it with
#                 'dbname=docs_remote', or over TCP with host=127.0.0.1 port=:port)
#   docs_local    a fresh database with CREATE EXTENSION jdblink, where psql runs
# All blocks of a page run in one psql session (a page may build on its earlier blocks).
#
# Pages whose examples call functions the extension does not provide (looked up in
# pg_proc after CREATE EXTENSION) are reported as SKIP and counted as skipped. A page
# names functions its examples need beyond the dblink*() calls in them with a comment
#   <!-- doc-examples: needs dblink_fdw_validator -->
# and a page whose examples only make sense with jdblink (its settings) says
#   <!-- doc-examples: jdblink only -->
#
# --accept-from EXT runs the examples with extension EXT (dblink: C dblink, the
# reference; jdblink) and writes its output into the pages instead of comparing.
# Write a new example as the statements alone in a ```psql block, then accept.
# --candidate EXT compares the pages with another extension's output (`--candidate
# dblink` checks that the examples are deterministic and true of C dblink).
#
# Which lines of a block are statements (the rest is output, recomputed on each run): a
# line starting with a psql meta-command (\), an SQL comment (--), or an upper-case SQL
# command word, and the lines that continue such a statement up to the one ending in ';'
# (dollar-quoted bodies included). Blank lines are not statements. So write keywords in
# upper case and end statements with ';' at the end of a line.
#
# Outputs show the server's Unix socket directory as /var/run/postgresql and its port as
# 5432, whatever the test server uses. Transcripts and diffs go to the results directory
# (default test/results/doc-examples/). Each page may take JDBLINK_DOC_TIMEOUT (60) s.
set -uo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
docs=$root/docs
setup=$docs/examples/setup.sql
teardown=$docs/examples/teardown.sql
results=$root/test/results/doc-examples
extension=jdblink
accept=false
per_page_timeout=${JDBLINK_DOC_TIMEOUT:-60}
boundary='@@doc-example-block-end@@'
selected=()

usage() { echo "usage: $0 [--accept-from EXT | --candidate EXT] [--results DIR] [PAGE ...]" >&2; exit 2; }
die() { echo "run-doc-examples: $*" >&2; exit 2; }

while [ $# -gt 0 ]; do
  case "$1" in
    --accept-from) [ $# -ge 2 ] || usage; accept=true; extension=$2; shift ;;
    --accept-from=*) accept=true; extension=${1#--accept-from=} ;;
    --candidate) [ $# -ge 2 ] || usage; extension=$2; shift ;;
    --candidate=*) extension=${1#--candidate=} ;;
    --results) [ $# -ge 2 ] || usage; results=$2; shift ;;
    --results=*) results=${1#--results=} ;;
    -h|--help) usage ;;
    -*) usage ;;
    *) selected+=("$1") ;;
  esac
  shift
done

# --- the pages -----------------------------------------------------------------------------
pages=()
if [ ${#selected[@]} -eq 0 ]; then
  while IFS= read -r p; do pages+=("$p"); done < <(
    cd "$docs" && grep -rl --include='*.md' '^```psql$' . | sed 's|^\./||' | LC_ALL=C sort)
else
  for s in "${selected[@]}"; do
    if [ -f "$s" ]; then p=$(cd "$(dirname "$s")" && pwd)/$(basename "$s"); p=${p#"$docs/"}
    elif [ -f "$docs/functions/$s.md" ]; then p=functions/$s.md
    elif [ -f "$docs/$s.md" ]; then p=$s.md
    elif [ -f "$docs/$s" ]; then p=$s
    else die "no page named \"$s\" in $docs"; fi
    pages+=("$p")
  done
fi
[ ${#pages[@]} -gt 0 ] || die "no pages with \`\`\`psql examples in $docs"

# --- the server ----------------------------------------------------------------------------
. "$root/test/lib.sh"
require_superuser_server
extension_available "$extension" \
  || die "extension $extension is not installed in this server's PostgreSQL installation$([ "$extension" = jdblink ] && echo "; run 'make install' first")."
port=$(psql_admin -At -c 'SHOW port')
socket_dir=$(psql_admin -At -c "SELECT split_part(current_setting('unix_socket_directories'), ',', 1)")

mkdir -p "$results" || die "cannot create the results directory $results"
results=$(cd "$results" && pwd)

drop_databases() {
  psql_admin >/dev/null 2>&1 <<'SQL'
SET client_min_messages = warning;
DROP DATABASE IF EXISTS docs_local WITH (FORCE);
DROP DATABASE IF EXISTS docs_remote WITH (FORCE);
DROP DATABASE IF EXISTS docs_remote_template WITH (FORCE);
SQL
}

cleanup() {
  drop_databases
  psql_admin -f "$teardown" >/dev/null 2>&1
}

drop_databases
psql_admin -f "$teardown" >/dev/null 2>&1
psql_admin -c "CREATE DATABASE docs_remote_template TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'" >/dev/null \
  || die "cannot create docs_remote_template"
if ! psql -X -q -v ON_ERROR_STOP=1 -d docs_remote_template -f "$setup" >"$results/setup.log" 2>&1; then
  cat "$results/setup.log" >&2
  cleanup
  die "docs/examples/setup.sql failed"
fi
trap cleanup EXIT

# Fresh docs_remote and docs_local (with the extension) for one page.
fresh_databases() {
  psql_admin >/dev/null 2>&1 <<SQL
SET client_min_messages = warning;
DROP DATABASE IF EXISTS docs_remote WITH (FORCE);
CREATE DATABASE docs_remote TEMPLATE docs_remote_template;
SQL
  fresh_database_with_extension docs_local "$extension"
}

# The statements of every ```psql block of a page, each block followed by a boundary
# marker (see the header for what counts as a statement).
extract_input() {
  awk -v boundary="$boundary" '
    function starts_statement(line) {
      return line ~ /^\\/ || line ~ /^--( |$)/ ||
        line ~ /^(ABORT|ALTER|ANALYZE|BEGIN|CALL|CHECKPOINT|CLOSE|COMMENT|COMMIT|COPY|CREATE|DEALLOCATE|DECLARE|DELETE|DISCARD|DO|DROP|END|EXECUTE|EXPLAIN|FETCH|GRANT|IMPORT|INSERT|LISTEN|LOAD|LOCK|MERGE|MOVE|NOTIFY|PREPARE|REASSIGN|REFRESH|REINDEX|RELEASE|RESET|REVOKE|ROLLBACK|SAVEPOINT|SECURITY|SELECT|SET|SHOW|START|TABLE|TRUNCATE|UNLISTEN|UPDATE|VACUUM|VALUES|WITH)([ ;(]|$)/
    }
    function dollar_quotes(line,   copy) { copy = line; return gsub(/\$\$/, "", copy) }
    /^```psql$/ && !in_block { in_block = 1; next }
    in_block && /^```$/ {
      in_block = 0; in_statement = 0; in_dollar = 0
      print "\\echo " boundary
      next
    }
    !in_block { next }
    {
      if (!in_statement) {
        if (!starts_statement($0)) next
        if ($0 ~ /^\\/ || $0 ~ /^--( |$)/) { print; next }
        in_statement = 1
      }
      print
      if (dollar_quotes($0) % 2 == 1) in_dollar = !in_dollar
      if (!in_dollar && $0 ~ /;[ \t]*$/) in_statement = 0
    }
  ' "$1"
}

# The blocks of a page as they stand, separated by boundary lines, trailing blank lines
# of each block dropped.
expected_blocks() {
  awk -v boundary="$boundary" '
    /^```psql$/ && !in_block { in_block = 1; blanks = 0; next }
    in_block && /^```$/ { in_block = 0; print boundary; next }
    in_block {
      if ($0 == "") { blanks++; next }
      for (; blanks > 0; blanks--) print ""
      print
    }
  ' "$1"
}

# A transcript cut into the same form: the echoed marker commands removed, trailing blank
# lines of each block dropped; the server's socket directory and port made conventional.
actual_blocks() {
  sed -e "s|$socket_dir/\.s\.PGSQL\.$port|/var/run/postgresql/.s.PGSQL.5432|g" \
      -e "s|\.s\.PGSQL\.$port\"|.s.PGSQL.5432\"|g" \
      -e "s|\"$socket_dir\"|\"/var/run/postgresql\"|g" \
      -e "s|port $port failed|port 5432 failed|g" \
      -e "s|port=$port\\b|port=5432|g" "$1" |
  awk -v boundary="$boundary" '
    $0 == "\\echo " boundary { next }
    $0 == boundary { print boundary; blanks = 0; next }
    $0 == "" { blanks++; next }
    { for (; blanks > 0; blanks--) print ""; print }
  '
}

# Writes a page with its blocks replaced by the given blocks.
rewrite_page() {
  local page=$1 blocks=$2 tmp
  tmp=$(mktemp "$page.XXXXXX")
  awk -v boundary="$boundary" -v blocks="$blocks" '
    /^```psql$/ && !in_block {
      in_block = 1; print
      while ((getline line < blocks) > 0) { if (line == boundary) break; print line }
      next
    }
    in_block && /^```$/ { in_block = 0; print; next }
    in_block { next }
    { print }
  ' "$page" >"$tmp" && mv "$tmp" "$page"
}

# Functions the examples of a page call (dblink*() calls, dblink_fdw, the needs comment).
needed_functions() {
  {
    extract_input "$1" | grep -v '^--' | grep -oE '\bdblink[a-z_]*[[:space:]]*\(' | sed -E 's/[[:space:]]*\($//'
    extract_input "$1" | grep -qw dblink_fdw && echo dblink_fdw_validator
    sed -nE 's/^<!-- doc-examples: needs (.*) -->$/\1/p' "$1" | tr ' ' '\n'
  } | grep . | LC_ALL=C sort -u
}

provided_functions() {
  psql -X -At -d docs_local -c "SELECT DISTINCT proname FROM pg_proc WHERE pronamespace = 'public'::regnamespace " | LC_ALL=C sort
}

passed=0; failed=0; skipped=0; accepted=0
for page in "${pages[@]}"; do
  path=$docs/$page
  name=${page%.md}; name=${name//\//_}
  if [ "$extension" != jdblink ] && grep -q '^<!-- doc-examples: jdblink only -->$' "$path"; then
    echo "SKIP $page (jdblink only)"
    skipped=$((skipped + 1)); continue
  fi
  if ! fresh_databases; then
    echo "FAIL $page: could not create docs_local with CREATE EXTENSION $extension"
    failed=$((failed + 1)); continue
  fi
  missing=$(LC_ALL=C comm -23 <(needed_functions "$path") <(provided_functions))
  if [ -n "$missing" ]; then
    echo "SKIP $page (function not provided yet: $(echo $missing | sed 's/ /, /g'))"
    skipped=$((skipped + 1)); continue
  fi

  input=$results/$name.sql out=$results/$name.out
  extract_input "$path" >"$input"
  psql_transcript "$per_page_timeout" "$input" "$out" -v port="$port" -d docs_local
  actual_blocks "$out" >"$results/$name.actual"

  if $accept; then
    rewrite_page "$path" "$results/$name.actual"
    echo "ACCEPTED $page (output of $extension)"
    accepted=$((accepted + 1)); continue
  fi
  expected_blocks "$path" >"$results/$name.expected"
  if diff -u --label "$page (in the page)" --label "$page (with $extension)" \
       "$results/$name.expected" "$results/$name.actual" >"$results/$name.diff"; then
    echo "PASS $page"
    rm -f "$results/$name.diff"
    passed=$((passed + 1))
  else
    echo "FAIL $page"
    head -n 80 "$results/$name.diff"
    failed=$((failed + 1))
  fi
done

echo "results in $results"
if $accept; then
  echo "doc examples: $accepted pages accepted from $extension, $failed failed, $skipped skipped"
else
  echo "doc examples: $passed passed, $failed failed, $skipped skipped"
fi
[ "$failed" -eq 0 ]
