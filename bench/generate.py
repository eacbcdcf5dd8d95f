#!/usr/bin/env python3
"""Writes a deterministic corpus of N articles in the two shapes of real article folders.

usage: generate.py N DIR

About 40% have YAML front matter of 2 to 4 KB (category, title, excerpt, publishedDateTime,
originalUrl, webUrl, type, quality, heat, published, provider, topics, images, 0 to 6 related
entries, secured) and a short body; the rest are plain scraped text of 2 to 6 KB (headline,
paragraphs, bullets, byline, boilerplate). Text includes non-ASCII words. Files spread over
nested folders. The same N always gives the same bytes.
"""
import os
import random
import sys

WORDS = ("cloud deal market energy harbour crane solar road library river train night "
         "council budget vote election model chip data privacy court ruling storm coast "
         "café naïve über façade Zürich São Paulo München — “quoted” résumé déjà vu Ελλάδα 東京").split()
PROVIDERS = [("The Information", "theinformation.com"), ("Harbour Review", "harbour-review.example"),
             ("Lowlands Daily", "lowlands-daily.example"), ("Nordic Wire", "nordic-wire.example"),
             ("Metro Gazette", "metro-gazette.example"), ("Rhine Courier", "rhine-courier.example")]
TOPICS = ["AI", "Energy", "Shipping", "Cities", "Climate", "Rail", "Markets", "Courts", "Culture"]


def sentence(r, lo, hi):
    words = [r.choice(WORDS) for _ in range(r.randint(lo, hi))]
    return " ".join(words).capitalize() + "."


def quoted(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def date(r):
    return "2024-%02d-%02dT%02d:%02d:00Z" % (r.randint(1, 12), r.randint(1, 28), r.randint(0, 23), r.randint(0, 59))


def front_matter(r, i):
    name, domain = r.choice(PROVIDERS)
    slug = "story-%06d" % i
    lines = ["---", "category: news", "title: " + quoted(sentence(r, 5, 10)[:-1]),
             "excerpt: " + quoted(sentence(r, 25, 45)), "publishedDateTime: " + date(r),
             "originalUrl: " + quoted("https://%s/articles/%s" % (domain, slug)),
             "webUrl: " + quoted("https://news.example.com/a/%s" % slug), "type: article",
             "quality: %d" % r.randint(0, 100), "heat: %d" % r.randint(-1, 50),
             "published: " + r.choice(["true", "false"]), "", "provider:", "  name: " + name,
             "  domain: " + domain, "", "topics:"]
    lines += ["  - " + t for t in r.sample(TOPICS, r.randint(1, 3))]
    lines += ["", "images:", '  - url: "https://img.%s/%s.jpg"' % (domain, slug), "    width: 1200",
              "    height: 675", "    isCached: true", "", "related:"]
    for k in range(r.randint(0, 6)):
        rname, rdomain = r.choice(PROVIDERS)
        lines += ["  - title: " + quoted(sentence(r, 5, 9)[:-1]), "    excerpt: " + quoted(sentence(r, 12, 30)),
                  "    publishedDateTime: " + date(r),
                  '    webUrl: "https://news.example.com/a/story-%06d"' % r.randint(0, 10**6),
                  "    type: article", "    provider:", "      name: " + rname, "      domain: " + rdomain,
                  "    quality: %d" % r.randint(0, 100)]
        if k % 2 == 0:
            lines += ["    images:", '      - url: "https://img.%s/r%d.jpg"' % (rdomain, k),
                      "        width: 1024", "        height: 683", "        isCached: true"]
    text = "\n".join(lines)
    pad = max(0, r.randint(2048, 4096) - len(text.encode()) - 40)
    secured = "".join(r.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/") for _ in range(pad))
    return text + "\nsecured: " + quoted(secured + "==") + "\n---\n" + sentence(r, 20, 60) + "\n"


def plain(r):
    size = r.randint(2048, 6144)
    out = ["Home | News | " + r.choice(TOPICS), "", sentence(r, 6, 12)[:-1], "By " + r.choice(["Ana Ruiz", "Jörg Müller", "Li Wei"])]
    while sum(len(x.encode()) + 1 for x in out) < size:
        kind = r.random()
        if kind < 0.15:
            out += ["- " + sentence(r, 4, 10) for _ in range(3)]
        elif kind < 0.2:
            out += ["Related stories", sentence(r, 5, 9), "Subscribe to our newsletter"]
        else:
            out += ["", sentence(r, 20, 60) + " " + sentence(r, 10, 40)]
    return "\n".join(out) + "\n"


def main():
    n, root = int(sys.argv[1]), sys.argv[2]
    r = random.Random(20261122)
    for i in range(n):
        folder = os.path.join(root, "%02d" % (i % 37), "%02d" % (i % 11))
        os.makedirs(folder, exist_ok=True)
        if r.random() < 0.4:
            path, text = os.path.join(folder, "a%06d.md" % i), front_matter(r, i)
        else:
            path, text = os.path.join(folder, "a%06d.txt" % i), plain(r)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)


if __name__ == "__main__":
    main()
