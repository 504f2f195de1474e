#!/bin/sh
# Regenerates the "expect:" lines of the golden files from the installed libpq.
# Run from the repository root:  sh src/test/resources/org/jdblink/conninfo/golden/generate.sh
# Each case is "env: NAME=value ..." (optional, resolve only), "input: <conninfo>", and
# "expect: <libpq's answer>". The oracle runs as root with a clean environment, so the
# tests use OS user "root" and home "/root". numeric-addresses.txt holds "input:" strings
# and the C library's reading of each as a numeric address (numeric-address-oracle.c).
set -e
dir=src/test/resources/org/jdblink/conninfo/golden
oracle=$(mktemp)
gcc -o "$oracle" "$dir/libpq-oracle.c" -I"$(pg_config --includedir)" -L"$(pg_config --libdir)" -lpq
for mode in parse resolve; do
    in="$dir/$mode.txt"
    out=$(mktemp)
    envs=""
    while IFS= read -r line; do
        case "$line" in
        env:*) envs=${line#env: }; printf "%s\n" "$line" ;;
        input:*)
            input=${line#input: }
            printf "%s\n" "$line"
            # shellcheck disable=SC2086
            printf "expect: %s\n" "$(env -i PGSYSCONFDIR=/nonexistent $envs "$oracle" $mode "$input")"
            envs="" ;;
        expect:*) ;;
        *) printf "%s\n" "$line" ;;
        esac
    done < "$in" > "$out"
    mv "$out" "$in"
done
rm -f "$oracle"
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
