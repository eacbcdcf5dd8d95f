# Fills the scratch folder of errors.sql: a folder nested deeper than a limit it sets, beside
# a file within it.
mkdir -p "$1/deep/a/b"
echo 'Deep' > "$1/deep/a/b/c.md"
echo 'Shallow' > "$1/deep/a/ok.md"
