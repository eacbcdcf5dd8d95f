# The folder of threads.sql: 400 articles in nested folders.
bash "$(dirname "$0")/threads.setup.sh" "$1"
