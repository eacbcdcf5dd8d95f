# Fills the scratch folder $1 for cache.sql: three articles, and the versions that replace them
# later. Every file starts with a time in the past, so that a later write always changes it.
d="$1/d" v="$1/versions"
mkdir -p "$d" "$v"
printf -- '---\ntitle: Alpha one\n---\n' > "$d/a.md"
printf -- '---\ntitle: Alpha two\n---\n' > "$v/a.md"
printf -- '---\ntitle: Beta one\n---\n' > "$d/b.md"
printf -- '---\ntitle: Beta two\n---\n' > "$v/b.md"
printf 'Gamma\n' > "$d/c.txt"
touch -d '2020-01-01 00:00:00.100000000' "$d/a.md" "$d/b.md" "$d/c.txt"
# A page saved from the web, for the reading of plain text.
mkdir -p "$1/p"
printf 'Home\nNews\n\nRobots Bake Bread in Lyon\n\nBy Claire Martin\n\nA family bakery in Lyon now runs two robots through the night, and the owners say that the bread has never been better.\n' > "$1/p/bakery.txt"
touch -d '2020-01-01 00:00:00.100000000' "$1/p/bakery.txt"
# A page with front matter, read first by a query without the headline columns.
mkdir -p "$1/f"
printf -- '---\ntitle: Front\n---\nSome words here.\n' > "$1/f/front.md"
touch -d '2020-01-01 00:00:00.100000000' "$1/f/front.md"
mkdir -p "$1/p3"
cp "$1/p/bakery.txt" "$1/p3/bakery.txt"
touch -d '2020-01-01 00:00:00.100000000' "$1/p3/bakery.txt"
mkdir -p "$1/p4"
cp "$1/p/bakery.txt" "$1/p4/bakery.txt"
touch -d '2020-01-01 00:00:00.100000000' "$1/p4/bakery.txt"
