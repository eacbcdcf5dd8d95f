# Fills the scratch folder $1 for links.sql: a notes folder with the bad input of issue 19
# (cycles, self links, unclosed brackets, a thousand links on a line, a name 50 files share,
# escaped and non-ASCII names, links out of the root), beside a file outside it.
d="$1/notes"
mkdir -p "$d/loop" "$d/guide" "$d/.hidden" "$d/pics"
echo 'outside the root: never read' > "$1/outside.md"
printf '# A\n\nTo [[b]] and [me](#a) and [[a#A]].\n' > "$d/loop/a.md"
printf '# B\n\nBack to [a](a.md) and [[loop/a]].\n' > "$d/loop/b.md"
for i in $(seq 0 49); do
  mkdir -p "$d/same$i"
  printf '# Same %s\n' "$i" > "$d/same$i/Same.md"
done
printf '# Hidden\n' > "$d/.hidden/secret.md"
printf '# Guide\n\n## Install it\n' > "$d/guide/index.md"
printf 'not really a picture' > "$d/pics/quay photo.jpg"
printf -- '---\ntitle: Café\nurl: /custom/cafe/\naliases: [/old/cafe.html, Coffee]\n---\n# Café notes\n' \
  > "$d/Café notes.md"
{
  printf -- '---\ntitle: Hostile\nsee: ["[[Same]]", "[[Coffee|the café]]", "[[]]", "https://x.example/"]\n---\n'
  printf 'Unclosed [[here and [[]] and [[ ]] and [text with [brackets] and `code]`](loop/a.md).\n'
  printf 'Same: [[Same]] [[same0/Same]]. Escaped: [c](Caf%%C3%%A9%%20notes.md#caf%%C3%%A9-notes) '
  printf '[[café NOTES]] ![p](pics/quay%%20photo.jpg) [g](guide/#install-it) [site](/custom/cafe) '
  printf '[old](/old/cafe.html).\n'
  printf 'Out: [o](../outside.md) [p](../../../../etc/passwd) [h](.hidden/secret.md) '
  printf '[[secret]] [abs](/etc/passwd) [m](mailto:a@b.example) [[Hostile]] [[#Nope]].\n'
  for i in $(seq 1 1000); do printf '[[n%s]] ' "$i"; done
  printf '\n'
} > "$d/Hostile.md"
