#!/bin/sh
# Makes jdblink's class-data-sharing archive (see docs/jvm.md). Installed as
# $pkglibdir/jdblink/make-archive.sh beside the jar and the class list, and run by
# `make install`; a package that installs into a staging directory runs it on the
# target machine once the files are in place:
#
#   $pkglibdir/jdblink/make-archive.sh JAVA_HOME
#
# JAVA_HOME is the Java runtime to make it for (the one whose libjvm.so is the built-in
# default of jdblink.libjvm_path). The archive holds the classes that jdblink.classlist
# names (written by bridge/classlist.sh from a training session) and records the jar's
# path, size and time: it is used only with that very file.
#
# The archive goes beside the jar, named after the runtime's libjvm.so (its size and
# time): the bridge offers a JVM the archive made for it and no other, so after a Java
# update, or with jdblink.libjvm_path set to another runtime, the JVM simply starts
# without one (or with the one this script made for that runtime: one per runtime can be
# there). `make install` removes every archive before it makes the default runtime's.
#
# The archive is mapped at an address chosen here at random for this installation (1 to
# 64 TB, 4 GB aligned), so that backends share its pages (see jvm.c). It is tried with
# the options the bridge starts the JVM with before it is put in place. If anything fails
# a warning says why and the exit status is still 0: jdblink works without an archive,
# only the first call of a session is slower.
set -u

[ $# -eq 1 ] || { echo "usage: $0 JAVA_HOME" >&2; exit 2; }
java_home=$1
dir=$(cd "$(dirname "$0")" && pwd)
jar=$dir/jdblink.jar
classlist=$dir/jdblink.classlist
java=$java_home/bin/java
libjvm=$java_home/lib/server/libjvm.so
work=

give_up() {
  echo "jdblink: no class archive made ($1); jdblink works without one, but the first call of each session is slower." >&2
  [ -n "$work" ] && [ -s "$work/log" ] && sed -n '1,5s/^/jdblink:   /p' "$work/log" >&2
  exit 0
}

work=$(mktemp -d "${TMPDIR:-/tmp}/jdblink-archive.XXXXXX") || give_up "cannot create a temporary directory"
trap 'rm -rf "$work" "$dir/jdblink-new.$$.jsa"' EXIT

[ -x "$java" ] || give_up "no Java launcher at $java"
identity=$(stat -L -c '%s-%Y' "$libjvm" 2>/dev/null) || give_up "no libjvm.so at $libjvm"
[ -r "$jar" ] || give_up "no jar at $jar"
[ -r "$classlist" ] || give_up "no class list at $classlist"

slot=$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')
[ -n "$slot" ] || give_up "no random number from /dev/urandom"
base=$(printf '0x%x' $(( (256 + slot % 16128) * 4294967296 )))
new=$dir/jdblink-new.$$.jsa

# Classes of the list that this runtime does not have are skipped, each with a warning:
# the list may come from another update of the JDK.
"$java" -Xshare:dump -XX:SharedClassListFile="$classlist" -XX:SharedArchiveFile="$new" \
  -XX:SharedBaseAddress="$base" -XX:+UseSerialGC -cp "$jar" >"$work/log" 2>&1 \
  || give_up "the runtime could not write it"

# As the bridge will use it: mapped where it was made to be, required to match.
"$java" -Xshare:on -XX:SharedArchiveFile="$new" -XX:+UnlockDiagnosticVMOptions \
  -XX:ArchiveRelocationMode=0 -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 \
  -cp "$jar" -version >"$work/log" 2>&1 \
  || give_up "the runtime does not accept it"

chmod 644 "$new" && mv "$new" "$dir/jdblink-$identity.jsa" || give_up "cannot write into $dir"
