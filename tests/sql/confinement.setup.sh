# Fills the scratch folder $1 for confinement.sql (run with SQLITE_ARTICLES_ROOTS set to the
# examples' scraped folder): symlinks that lead into it and out of it.
here=$(pwd)
ln -s "$here/examples/articles/scraped" "$1/inside"
ln -s "$here/examples/articles" "$1/outside"
