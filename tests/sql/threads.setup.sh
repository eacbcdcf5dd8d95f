# Fills the scratch folder $1 for threads.sql: 400 articles in nested folders.
for i in $(seq 0 399); do
  dir="$1/d/$((i % 7))/$((i % 3))"
  mkdir -p "$dir"
  if [ $((i % 2)) -eq 0 ]; then
    printf -- '---\ntitle: Article %d\nquality: %d\nrelated:\n  - title: R%d\n---\nBody of %d.\n' "$i" "$i" "$i" "$i" > "$dir/a$i.md"
  else
    printf 'Plain article %d\nIts body, %d words or so.\n' "$i" "$i" > "$dir/p$i.txt"
  fi
done
# Past the timestamp granularity, so that reads are settled and a warm scan reads nothing.
sleep 0.3
