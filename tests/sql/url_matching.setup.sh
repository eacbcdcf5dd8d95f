# Fills the scratch folder $1 for url_matching.sql: articles whose webUrl is written one way,
# and an index whose related entries and body links name them other ways.
d="$1/site"
mkdir -p "$d"
printf -- '---\ntitle: Harbour\nwebUrl: https://news.example.com/a/harbour/\n---\n' > "$d/harbour.md"
printf -- '---\ntitle: Cranes\nwebUrl: https://www.news.example.com/a/cranes\n---\n' > "$d/cranes.md"
printf -- '---\ntitle: Ferry\noriginalUrl: http://news.example.com/a/Ferry/index.html\n---\n' > "$d/ferry.md"
printf -- '---\ntitle: Www twin\nwebUrl: https://www.news.example.com/a/twin\n---\n' > "$d/twin-www.md"
printf -- '---\ntitle: Bare twin\nwebUrl: https://news.example.com/a/twin\n---\n' > "$d/twin-bare.md"
cat > "$d/index.md" <<'MD'
---
title: Index
related:
  - webUrl: HTTP://News.Example.com:443/a/harbour/index.html#top
  - webUrl: https://news.example.com/a/harbour?utm_source=feed
  - webUrl: https://news.example.com/a/cranes
  - webUrl: https://news.example.com/a/Ferry
  - webUrl: https://news.example.com/a/ferry
  - webUrl: https://news.example.com:8443/a/harbour
  - webUrl: https://www2.news.example.com/a/harbour
  - webUrl: https://news.example.com/a/twin
  - webUrl: https://www.news.example.com/a/twin
---
Body links: https://www.news.example.com/a/harbour and <http://news.example.com/a/cranes/>.
MD
