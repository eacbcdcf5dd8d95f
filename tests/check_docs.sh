#!/usr/bin/env bash
# Runs the examples of one Markdown page against the module, from the repository root.
# usage: check_docs.sh SQLITE3 MODULE PAGE.md
# Every ```sql block runs in a fresh in-memory database (in .mode table unless it sets its own
# mode). When a ```text block follows it (blank lines between are allowed), the output, errors
# included, must equal that block; otherwise the block must run without any error. A `.load`
# line in a block is left out: the module under test is loaded instead. A page with
# no ```sql block fails: every page shows its feature working.
set -u
shell=$1 module=$2 page=$3
work=$(mktemp -d "${TMPDIR:-/tmp}/articles-docs-XXXXXX")
trap 'rm -rf "$work"' EXIT

# Split the page into numbered files: N.sql, and N.out for the block that follows it.
awk -v dir="$work" '
  /^```sql[[:space:]]*$/ { n++; mode = "sql"; file = dir "/" n ".sql"; printf "" > file; pending = 1; next }
  /^```text[[:space:]]*$/ && pending { mode = "out"; file = dir "/" n ".out"; printf "" > file; next }
  /^```/ && mode != "" { close(file); mode = ""; next }
  mode == "sql" && /^\.load / { next }
  mode != "" { print > file; next }
  /^[[:space:]]*$/ { next }
  { pending = 0 }
  /^```/ { pending = 0 }
' "$page"

count=0 failed=0
for sql in "$work"/*.sql; do
  [ -e "$sql" ] || break
  count=$((count + 1))
  n=$(basename "$sql" .sql)
  got=$(LD_PRELOAD="${ARTICLES_PRELOAD:-}" "$shell" -batch -init /dev/null :memory: -cmd ".load $module" -cmd ".mode table" < "$sql" 2>&1)
  rc=$?
  if [ -f "$work/$n.out" ]; then
    if ! diff -u "$work/$n.out" <(printf '%s\n' "$got") > "$work/$n.diff"; then
      echo "FAIL: $page example $n: output differs"
      cat "$work/$n.diff"
      failed=$((failed + 1))
    fi
  elif [ $rc -ne 0 ] || printf '%s' "$got" | grep -qE '^(Parse|Runtime) error|^Error'; then
    echo "FAIL: $page example $n: error"
    printf '%s\n' "$got"
    failed=$((failed + 1))
  fi
done
if [ "$count" -eq 0 ]; then
  echo "FAIL: $page has no \`\`\`sql example"
  exit 1
fi
echo "$page: $count examples, $failed failed"
[ "$failed" -eq 0 ]
