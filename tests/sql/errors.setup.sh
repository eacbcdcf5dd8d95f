# Fills the scratch folder of errors.sql: a folder nested deeper than a limit it sets.
mkdir -p "$1/deep/a/b"
echo 'Deep' > "$1/deep/a/b/c.md"
