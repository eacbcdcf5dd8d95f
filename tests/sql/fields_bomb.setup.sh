# Fills the scratch folder of fields_bomb.sql: a 45 KB front matter of 40 nested 1,000-byte keys
# above 90 aliases of a 1,000-item list: 90,000 leaves whose paths are 40 KB each (3.6 GB).
d="$1/bomb"
mkdir -p "$d"
{
  echo '---'
  indent=''
  for i in $(seq 1 40); do
    printf '%sk%03d%0996d:\n' "$indent" "$i" 0
    indent="$indent "
  done
  printf '%sa: &a [' "$indent"
  for i in $(seq 1 999); do printf 'x, '; done
  echo 'x]'
  for i in $(seq 1 89); do printf '%sb%s: *a\n' "$indent" "$i"; done
  echo '---'
  echo 'Body'
} > "$d/bomb.md"
