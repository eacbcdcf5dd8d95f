# Fills the scratch folder $1 for fts5.sql: two articles, and a new version of one.
d="$1/d" v="$1/versions"
mkdir -p "$d" "$v"
printf -- '---\ntitle: Lighthouse keepers return\n---\nThe keepers climb the tower at dusk.\n' > "$d/a.md"
printf 'Harvest festival\nApples and pears fill the square.\n' > "$d/b.txt"
printf -- '---\ntitle: Lighthouse automated\n---\nA machine now lights the lamp; no keeper climbs.\n' > "$v/a.md"
touch -d '2020-01-01' "$d/a.md" "$d/b.txt"
