# Fills the scratch folder $1 for yaml_parser.sql: front matter the fast path reads, front
# matter it hands to yaml-cpp (an anchor and an alias), a broken block and a plain file.
printf -- '---\ntitle: Fast\nquality: 7\ntopics: [a, "b"]\n---\nBody\n' > "$1/fast.md"
printf -- '---\ntitle: &t Aliased\nexcerpt: *t\n---\n' > "$1/alias.md"
printf -- '---\ntitle: [unclosed\n---\n' > "$1/broken.md"
printf 'Plain headline\n\nText.\n' > "$1/plain.txt"
