#!/usr/bin/env bash
# Runs one SQL file in the sqlite3 shell with the module loaded, from the current folder.
# usage: run_sql.sh SQLITE3 MODULE FILE.sql
# With FILE.expected beside it, the output (stdout and stderr) must equal that file. Without
# one, the file is a list of checks that print a row only when they fail: any output fails.
# @SCRATCH@ in the file stands for a fresh empty folder, removed afterwards, and @MODULE@ for
# the module (to load it again after `.open`); FILE.setup.sh,
# when it exists, runs first with that folder as its argument to fill it. The current folder,
# quoted in an error, reads '@CWD@'.
set -u
shell=$1 module=$2 file=$3
expected="${file%.sql}.expected"
scratch=$(mktemp -d "${TMPDIR:-/tmp}/articles-sql-XXXXXX")
trap 'chmod -R u+rwx "$scratch"; rm -rf "$scratch"' EXIT
setup="${file%.sql}.setup.sh"
if [ -f "$setup" ] && ! bash -eu "$setup" "$scratch"; then
  echo "FAIL: $setup failed"
  exit 1
fi
# ARTICLES_ULIMIT_V caps the shell's address space (KiB), for memory bombs.
[ -n "${ARTICLES_ULIMIT_V:-}" ] && ulimit -v "$ARTICLES_ULIMIT_V"
actual=$(sed "s|@SCRATCH@|$scratch|g; s|@MODULE@|$module|g" "$file" |
  LD_PRELOAD="${ARTICLES_PRELOAD:-}" "$shell" -batch -init /dev/null :memory: -cmd ".load $module" 2>&1)
rc=$?
actual=${actual//$scratch/@SCRATCH@}
actual=${actual//"'$PWD'"/"'@CWD@'"}  # relative roots are named with the folder they are read from
if [ -f "$expected" ]; then
  if ! diff -u "$expected" <(printf '%s\n' "$actual"); then
    echo "FAIL: $file: output differs from $expected"
    exit 1
  fi
elif [ -n "$actual" ] || [ $rc -ne 0 ]; then
  printf '%s\n' "$actual"
  echo "FAIL: $file: checks printed failures (exit code $rc)"
  exit 1
fi
echo "ok: $file"
