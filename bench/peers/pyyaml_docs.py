"""Peer for a real docs corpus: the Python loop a user writes instead of the module. It walks the
folder, splits each Markdown file's YAML front matter and parses it with PyYAML's CSafeLoader
(libyaml), counting files, front matters and titles. Prints [files, front matters, titles]."""
import json, os, re, sys
import yaml

OPEN, CLOSE = re.compile(r"---[ \t]*\r?\n"), re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.M)
files = parsed = titled = 0
for folder, dirs, names in os.walk(sys.argv[1]):
    dirs[:] = [d for d in dirs if not d.startswith(".")]
    for name in names:
        if name.startswith(".") or not name.endswith((".md", ".markdown")):
            continue
        files += 1
        s = open(os.path.join(folder, name), encoding="utf-8", errors="replace").read()
        m = OPEN.match(s)
        c = m and CLOSE.search(s, m.end())
        if c:
            try:
                fm = yaml.load(s[m.end():c.start()], Loader=yaml.CSafeLoader)
            except yaml.YAMLError:
                continue
            parsed += 1
            titled += isinstance(fm, dict) and fm.get("title") is not None
print(json.dumps([files, parsed, titled]))
