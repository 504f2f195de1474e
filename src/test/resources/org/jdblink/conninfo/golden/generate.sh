#!/bin/sh
# Regenerates the "expect:" lines of the golden files from a real libpq.
# Run from the repository root:
#   sh src/test/resources/org/jdblink/conninfo/golden/generate.sh          (libpq 15, installed)
#   sh src/test/resources/org/jdblink/conninfo/golden/generate.sh MAJOR    (16, 17 or 18)
# Each case is "env: NAME=value ..." (optional, resolve only), "input: <conninfo>", and
# "expect: <libpq's answer>". The oracle runs as root with a clean environment, so the
# tests use OS user "root" and home "/root". numeric-addresses.txt holds "input:" strings
# and the C library's reading of each as a numeric address (numeric-address-oracle.c).
#
# Without MAJOR the installed libpq 15 (Debian's) answers in parse.txt and resolve.txt,
# and conndefaults.txt is its PQconndefaults() (keyword|envvar|compiled|dispchar).
# With MAJOR the libpq of that version's server build (test/pg-versions.sh server MAJOR)
# answers the same inputs, written to pgMAJOR/ under the same names: the oracle
# is compiled against the installed libpq-fe.h (the functions it calls are the same in
# every version) and run with that build's lib/ first on the library path.
set -e
dir=src/test/resources/org/jdblink/conninfo/golden
major=${1:-}
libpath=
outdir=$dir
if [ -n "$major" ]; then
    libpath=$(test/pg-versions.sh server "$major")/lib
    outdir=$dir/pg$major
    mkdir -p "$outdir"
fi
oracle=$(mktemp)
gcc -o "$oracle" "$dir/libpq-oracle.c" -I"$(pg_config --includedir)" -L"$(pg_config --libdir)" -lpq
for mode in parse resolve; do
    in="$dir/$mode.txt"
    out=$(mktemp)
    envs=""
    {
        [ -z "$major" ] || printf "# libpq %s's answers to the inputs of ../%s.txt (generate.sh %s)\n" "$major" "$mode" "$major"
        while IFS= read -r line; do
            case "$line" in
            env:*) envs=${line#env: }; printf "%s\n" "$line" ;;
            input:*)
                input=${line#input: }
                printf "%s\n" "$line"
                # shellcheck disable=SC2086
                printf "expect: %s\n" "$(env -i ${libpath:+LD_LIBRARY_PATH=$libpath} PGSYSCONFDIR=/nonexistent $envs "$oracle" $mode "$input")"
                envs="" ;;
            expect:*) ;;
            *) printf "%s\n" "$line" ;;
            esac
        done < "$in"
    } > "$out"
    mv "$out" "$outdir/$mode.txt"
done
env -i ${libpath:+LD_LIBRARY_PATH=$libpath} "$oracle" defaults > "$outdir/conndefaults.txt"
rm -f "$oracle"
[ -z "$major" ] || exit 0
gcc -o "$oracle" "$dir/numeric-address-oracle.c"
in="$dir/numeric-addresses.txt"
out=$(mktemp)
while IFS= read -r line; do
    case "$line" in
    input:*) printf "%s\n" "$line"; printf "expect: %s\n" "$("$oracle" "${line#input: }")" ;;
    expect:*) ;;
    *) printf "%s\n" "$line" ;;
    esac
done < "$in" > "$out"
mv "$out" "$in"
rm -f "$oracle"
