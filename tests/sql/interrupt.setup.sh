# The folder of threads.sql: 400 articles in nested folders.
bash "$(dirname "$0")/threads.setup.sh" "$1"
# 400 articles without a `related` list: article_related passes over all of them in one step.
mkdir -p "$1/plain"
for i in $(seq 1 400); do printf -- '---\ntitle: P%s\n---\nBody\n' "$i" > "$1/plain/p$i.md"; done
