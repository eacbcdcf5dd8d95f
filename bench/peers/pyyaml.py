"""Peer: Python 3 with PyYAML's CSafeLoader and sqlite3 (Debian's python3-yaml)."""
import json, os, re, sqlite3, sys
import yaml

COLUMNS = ("path title category type excerpt published_at quality heat published provider_name "
           "provider_domain original_url web_url topics images related_count secured body word_count "
           "front_matter format size mtime error").split()
OPEN = re.compile(r"---[ \t]*\r?\n")
CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.M)


def text(v):
    return None if v is None or isinstance(v, (dict, list)) else str(v)


def first_line(s):
    for line in s.splitlines():
        if line.strip():
            return re.sub(r"^#+[ \t]+", "", line.strip())
    return None


def row(rel, st, s):
    m = OPEN.match(s)
    fm, body, error = None, s, None
    if m:
        c = CLOSE.search(s, m.end())
        if c:
            body = s[c.end():].lstrip("\r\n")
            try:
                fm = yaml.load(s[m.end():c.start()], Loader=yaml.CSafeLoader) or {}
            except yaml.YAMLError as e:
                error = str(e)
    if fm is not None:
        p = fm.get("provider") or {}
        d = fm.get("publishedDateTime") or fm.get("date")
        return (rel, text(fm.get("title")) or first_line(body), text(fm.get("category")), text(fm.get("type")),
                text(fm.get("excerpt")), d.isoformat() if hasattr(d, "isoformat") else text(d),
                fm.get("quality") if isinstance(fm.get("quality"), int) else None,
                fm.get("heat") if isinstance(fm.get("heat"), int) else None,
                int(fm["published"]) if isinstance(fm.get("published"), bool) else None,
                text(p.get("name")), text(p.get("domain")), text(fm.get("originalUrl")), text(fm.get("webUrl")),
                json.dumps(fm.get("topics"), ensure_ascii=False) if fm.get("topics") else None,
                json.dumps(fm.get("images"), ensure_ascii=False) if fm.get("images") else None,
                len(fm["related"]) if isinstance(fm.get("related"), list) else 0, text(fm.get("secured")),
                body, len(body.split()), json.dumps(fm, ensure_ascii=False, default=str), "front_matter",
                st.st_size, int(st.st_mtime), error)
    lines = body.split("\n")
    k = next((i for i, l in enumerate(lines) if l.strip()), None)
    rest = "" if k is None else "\n".join(lines[k + 1:]).lstrip("\n")
    return (rel, None if k is None else lines[k].strip(), None, None, None, None, None, None, None, None, None,
            None, None, None, None, 0, None, rest, len(rest.split()), None, "plain", st.st_size,
            int(st.st_mtime), error)


def main(root):
    files = []
    for dp, dirs, names in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        files += [os.path.relpath(os.path.join(dp, n), root) for n in names if not n.startswith(".")]
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE articles(%s)" % ",".join(COLUMNS))
    rows = []
    for rel in sorted(files):
        full = os.path.join(root, rel)
        with open(full, encoding="utf-8", errors="replace") as f:
            rows.append(row(rel, os.stat(full), f.read()))
    db.executemany("INSERT INTO articles VALUES (%s)" % ",".join("?" * len(COLUMNS)), rows)
    print(json.dumps(db.execute("SELECT count(*), sum(quality), count(title), sum(related_count) FROM articles").fetchone()))


if __name__ == "__main__":
    main(sys.argv[1])
