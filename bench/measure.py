#!/usr/bin/python3
"""Measures the module against its baselines and peers; see bench/README.md.

usage: measure.py MODULE DATA_DIR N [N ...]    (Debian's python3: it loads the module)
Prints the tables and writes them to bench/results.md, keeping what follows HAND_WRITTEN there.
"""
import json, os, random, resource, shutil, sqlite3, statistics, subprocess, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))
QUERY = "SELECT count(*), sum(quality), count(title), sum(related_count) FROM articles(?)"
RUNS = 5
HAND_WRITTEN = "<!-- Written by hand from here on: measure.py keeps it. -->"
DOCS_QUERY = "SELECT count(*), sum(length(front_matter)), count(title) FROM articles('%s')"
# The bench query's front-matter columns with no headline column: plain pages are not read for
# a headline (docs/articles.md), so this is the scan's cost outside the plain-text reader.
LIGHT_QUERY = "SELECT count(*), sum(quality), sum(related_count), sum(word_count) FROM articles('%s')"


def timed(cmd):
    """Wall seconds and peak RSS (MiB) of one child process."""
    start = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(p.pid, 0)
    p.returncode = os.waitstatus_to_exitcode(status)
    elapsed = time.perf_counter() - start
    out = p.stdout.read().decode()
    if p.returncode != 0:
        sys.exit("%s failed: %s" % (" ".join(cmd), p.stderr.read().decode()[-500:]))
    return elapsed, usage.ru_maxrss / 1024, out


def median_of(cmd, env=None):
    saved = {k: os.environ.get(k) for k in (env or {})}
    os.environ.update(env or {})
    try:
        runs = [timed(cmd) for _ in range(RUNS)]
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    return statistics.median(r[0] for r in runs), max(r[1] for r in runs), runs[0][2].strip()


def in_process(module, root):
    """Warm scan, native table, point lookups and peak memory, in one process."""
    con = sqlite3.connect(":memory:")
    con.enable_load_extension(True)
    con.load_extension(module)
    first = con.execute(QUERY, (root,)).fetchone()
    warm = []
    for _ in range(RUNS):
        t = time.perf_counter()
        con.execute(QUERY, (root,)).fetchone()
        warm.append(time.perf_counter() - t)
    paths = [p for (p,) in con.execute("SELECT path FROM articles(?)", (root,))]
    r = random.Random(7)
    sample = [r.choice(paths) for _ in range(1000)]
    lookups = []
    for p in sample:
        t = time.perf_counter()
        con.execute("SELECT title FROM articles(?) WHERE path = ?", (root, p)).fetchone()
        lookups.append(time.perf_counter() - t)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    stats = json.loads(con.execute("SELECT articles_cache_stats()").fetchone()[0])
    con.execute("CREATE TABLE t AS SELECT * FROM articles(?)", (root,))
    native = []
    for _ in range(RUNS):
        t = time.perf_counter()
        con.execute("SELECT count(*), sum(quality), count(title), sum(related_count) FROM t").fetchone()
        native.append(time.perf_counter() - t)
    return {"result": list(first), "warm": statistics.median(warm), "native": statistics.median(native),
            "lookup": statistics.median(lookups), "rss": rss, "cache_mib": stats["bytes"] / 2**20,
            "limit_mib": stats["limit"] / 2**20}


def in_fresh_process(module, root):
    """in_process in a process of its own, so that one corpus's peak memory is not another's."""
    out = subprocess.run([sys.executable, os.path.abspath(__file__), "--in-process", module, root],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def read_floor(module, root):
    """The real floor: bench/read_floor.cpp walks and reads every file, as many threads as the
    module uses by default (the CPUs this process may use); and the floor of a listing that stats
    every entry. Medians of the times it reports (from its own start, without process start-up)."""
    tool = os.path.join(os.path.dirname(module), "read_floor")
    runs = [json.loads(timed([tool, root])[2]) for _ in range(RUNS)]
    return statistics.median(r["seconds"] for r in runs), statistics.median(r["list_seconds"] for r in runs)


def persistent(module, data, root, n, cold_cmd):
    """A cache file (docs/cache.md): the first process fills it, the next ones read it; against
    the same query over a native table stored in a file, opened by a fresh process."""
    cache = os.path.join(data, "cache-%d.db" % n)
    fill = median_of(["sh", "-c", "rm -f '%s' '%s-wal' '%s-shm' && exec \"$@\"" % (cache, cache, cache), "sh"]
                     + cold_cmd,
                     env={"SQLITE_ARTICLES_CACHE": cache})[0]
    fresh = median_of(cold_cmd, env={"SQLITE_ARTICLES_CACHE": cache})[0]
    size = sum(os.path.getsize(cache + s) for s in ("", "-wal") if os.path.exists(cache + s)) / 2**20
    native_db = os.path.join(data, "native-%d.db" % n)
    if os.path.exists(native_db):
        os.remove(native_db)
    subprocess.run(["sqlite3", native_db, "-cmd", ".load " + module,
                    "CREATE TABLE t AS SELECT * FROM articles('%s')" % root], check=True, capture_output=True)
    native_file = median_of(["sqlite3", native_db, QUERY.replace("articles(?)", "t")])[0]
    os.remove(native_db)
    return {"fill": fill, "fresh": fresh, "native_file": native_file, "cache_mib": size}


def real_docs(module, data):
    """A fresh process over a real docs corpus (Markdown with YAML front matter), and a copy of
    it eight times over, against the PyYAML loop a user would write instead."""
    otel = os.path.join(HERE, "..", "..", "shared", "corpora", "opentelemetry.io")
    if not os.path.isdir(otel):
        return []
    big = os.path.join(data, "opentelemetry.io-x8")
    if not os.path.isdir(big):
        for i in range(8):
            shutil.copytree(otel, os.path.join(big, "copy-%d" % i))
    rows = []
    for name, root in (("opentelemetry.io", otel), ("opentelemetry.io x8", big)):
        files = sum(len(fs) for _, _, fs in os.walk(root))
        mib = sum(os.path.getsize(os.path.join(dp, f)) for dp, _, fs in os.walk(root) for f in fs) / 2**20
        module_s = median_of(["sqlite3", ":memory:", "-cmd", ".load " + module, DOCS_QUERY % root])[0]
        pyyaml_s = median_of(["/usr/bin/python3", os.path.join(HERE, "peers/pyyaml_docs.py"), root])[0]
        rows.append((name, files, mib, module_s, pyyaml_s))
    return rows


DECLARED_COLUMNS = ("t text = title, p date = publishedDateTime, q int = quality, tp list = topics, "
                    "c text = category, ty text = type, e text = excerpt, w text = webUrl, "
                    "pn text = provider.name, pd text = provider.domain")
DECLARED_QUERY = ("SELECT count(*), count(t), count(p), sum(q), count(tp), count(c), count(ty), count(e), "
                  "count(w), count(pn), count(pd) FROM d")
BUILT_IN_QUERY = ("SELECT count(*), count(title), count(published_at), sum(quality), count(topics), "
                  "count(category), count(type), count(excerpt), count(web_url), count(provider_name), "
                  "count(provider_domain) FROM articles('%s')")


def declared(module, root):
    """A declared table of 10 columns (docs/declared_columns.md) against `articles` reading the same
    10 values from its built-in columns: a fresh process each (cold), and warm scans in one process."""
    create = "CREATE VIRTUAL TABLE temp.d USING articles(root='%s', columns='%s')" % (root, DECLARED_COLUMNS)
    shell = ["sqlite3", ":memory:", "-cmd", ".load " + module]
    cold_declared = median_of(shell + ["-cmd", create, DECLARED_QUERY])[0]
    cold_built_in = median_of(shell + [BUILT_IN_QUERY % root])[0]
    con = sqlite3.connect(":memory:")
    con.enable_load_extension(True)
    con.load_extension(module)
    con.execute(create)
    warm = {}
    for name, query in (("declared", DECLARED_QUERY), ("built_in", BUILT_IN_QUERY % root)):
        con.execute(query).fetchone()
        times = []
        for _ in range(RUNS):
            t = time.perf_counter()
            con.execute(query).fetchone()
            times.append(time.perf_counter() - t)
        warm[name] = statistics.median(times)
    return {"cold_declared": cold_declared, "cold_built_in": cold_built_in,
            "warm_declared": warm["declared"], "warm_built_in": warm["built_in"]}


def core_speed(module, root, suffix=None):
    """The core's costs on one core, from bench/core_speed.cpp built beside the module."""
    tool = os.path.join(os.path.dirname(module), "core_speed")
    cmd = [tool, root] + ([suffix] if suffix else [])
    return json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)


def main():
    module, data = os.path.abspath(sys.argv[1]), sys.argv[2]
    sizes = [int(n) for n in sys.argv[3:]]
    rows, lookup_at = [], {}
    for n in sizes:
        root = os.path.join(data, str(n))
        mib = sum(os.path.getsize(os.path.join(dp, f)) for dp, _, fs in os.walk(root) for f in fs) / 2**20
        io, list_floor = read_floor(module, root)
        cold_cmd = ["sqlite3", ":memory:", "-cmd", ".load " + module, QUERY.replace("?", "'%s'" % root)]
        cold, cold_rss, cold_out = median_of(cold_cmd)
        kept = persistent(module, data, root, n, cold_cmd)
        os.environ["SQLITE_ARTICLES_YAML_PARSER"] = "yaml-cpp"
        cold_yaml_cpp = median_of(cold_cmd)[0]
        del os.environ["SQLITE_ARTICLES_YAML_PARSER"]
        speed = core_speed(module, root)
        w = in_fresh_process(module, root)
        lookup_at[n] = w["lookup"]
        peers = {}
        for name, cmd in [("gray-matter", ["node", os.path.join(HERE, "peers/gray_matter.js"), root]),
                          ("js-yaml script", ["node", os.path.join(HERE, "peers/js_yaml.js"), root]),
                          ("PyYAML CSafeLoader", ["/usr/bin/python3", os.path.join(HERE, "peers/pyyaml.py"), root])]:
            peers[name] = median_of(cmd)
            if json.loads(peers[name][2]) != w["result"]:
                print("warning: %s gives %s, the module %s" % (name, peers[name][2], w["result"]))
        kept["list_floor"] = list_floor
        kept["cold_light"] = median_of(["sqlite3", ":memory:", "-cmd", ".load " + module, LIGHT_QUERY % root])[0]
        kept["declared"] = declared(module, root)
        rows.append((n, mib, io, cold, cold_rss, w, peers, cold_yaml_cpp, speed, kept))
        print("measured %d articles" % n, file=sys.stderr)

    out = ["# Benchmark results", "",
           "Median of %d runs, page cache warm, on this machine (%d cores). Query: `%s`." % (RUNS, os.cpu_count(), QUERY), "",
           "| articles | MiB | read floor | cold scan | warm scan | native table | lookup by path | gray-matter | js-yaml script | PyYAML | cold peak RSS | warm RSS (cache) |",
           "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for n, mib, io, cold, cold_rss, w, peers, _, _, _ in rows:
        out.append("| %d | %.0f | %.3f s | %.3f s | %.4f s | %.4f s | %.3f ms | %.2f s | %.2f s | %.2f s | %.0f MiB | %.0f MiB (%.0f) |" % (
            n, mib, io, cold, w["warm"], w["native"], w["lookup"] * 1000, peers["gray-matter"][0],
            peers["js-yaml script"][0], peers["PyYAML CSafeLoader"][0], cold_rss, w["rss"], w["cache_mib"]))
    out += ["", "| articles | cold / read floor | cold / fastest peer | gray-matter / cold | PyYAML / cold | js-yaml / cold | warm / native |",
            "|---|---|---|---|---|---|---|"]
    for n, mib, io, cold, cold_rss, w, peers, _, _, _ in rows:
        fastest = min(p[0] for p in peers.values())
        out.append("| %d | %.1fx | %.2fx | %.1fx | %.1fx | %.1fx | %.1fx |" % (
            n, cold / io, cold / fastest, peers["gray-matter"][0] / cold, peers["PyYAML CSafeLoader"][0] / cold,
            peers["js-yaml script"][0] / cold, w["warm"] / w["native"]))
    if len(sizes) >= 2:
        a, b = sizes[0], sizes[-1]
        out += ["", "Lookup by path: %.3f ms at %d, %.3f ms at %d: %.2fx." % (
            lookup_at[a] * 1000, a, lookup_at[b] * 1000, b, lookup_at[b] / lookup_at[a])]
    for n, mib, io, cold, cold_rss, w, peers, _, _, _ in rows:
        out += ["", "Warm process at %d articles (a process of its own: cold scan, warm scans, lookups): peak RSS %.0f MiB, "
                "against the cache budget + 64 MiB = %.0f MiB: %.2fx." % (
                    n, w["rss"], w["limit_mib"] + 64, w["rss"] / (w["limit_mib"] + 64))]
    out += ["", "The read floor is `bench/read_floor.cpp`: one thread walks the folder, then as many threads as the "
            "module uses by default (the CPUs this process may use) open, fstat, read and close every file "
            "(the time it reports, from its start). Cold peak RSS against the cache budget + 64 MiB (%.0f MiB): %s." % (
                rows[0][5]["limit_mib"] + 64 if rows else 0,
                ", ".join("%.2fx at %d" % (r[4] / (r[5]["limit_mib"] + 64), r[0]) for r in rows))]
    out += ["", "## Without the headline", "",
            "The cold scan of a query that reads no headline column (`%s`: the plain pages are read for their "
            "words, not for a headline), against the same read floor and the bench query's cold scan." % (
                LIGHT_QUERY % "DIR"), "",
            "| articles | cold, no headline column | read floor | ratio | cold scan, bench query |", "|---|---|---|---|---|"]
    for n, mib, io, cold, cold_rss, w, peers, _, _, kept in rows:
        out.append("| %d | %.3f s | %.3f s | %.1fx | %.3f s |" % (n, kept["cold_light"], io, kept["cold_light"] / io, cold))
    out += ["", "## The persistent cache", "",
            "A fresh `sqlite3` process with `SQLITE_ARTICLES_CACHE` naming a cache file ([docs/cache.md](../docs/cache.md)): "
            "the first one fills it (a new file each run), the next ones read it; against the same query over "
            "`CREATE TABLE t AS SELECT * FROM articles(dir)` stored in a file, run by a fresh `sqlite3` process.", "",
            "| articles | cold, filling the file | fresh process, file filled | native table in a file, fresh process | fresh / native | fill / cold | stat floor | cache file |",
            "|---|---|---|---|---|---|---|---|"]
    for n, mib, io, cold, cold_rss, w, peers, _, _, kept in rows:
        out.append("| %d | %.3f s | %.3f s | %.3f s | %.1fx | %.2fx | %.3f s | %.1f MiB |" % (
            n, kept["fill"], kept["fresh"], kept["native_file"], kept["fresh"] / kept["native_file"],
            kept["fill"] / cold, kept["list_floor"], kept["cache_mib"]))
    out += ["", "The stat floor is `read_floor`'s second pass: one thread walks the folder again and stats "
            "every entry relative to its folder, as the module's listing must to tell a changed file."]
    out += ["", "## Declared columns", "",
            "A declared table of 10 columns (`columns='%s'`) against `articles` reading the same 10 values "
            "from its built-in columns (`%s`): a fresh `sqlite3` process each (cold), and the median of warm "
            "scans in one process." % (DECLARED_COLUMNS, BUILT_IN_QUERY % "DIR"), "",
            "| articles | declared, cold | built-in, cold | declared / built-in, cold | declared, warm | built-in, warm | declared / built-in, warm |",
            "|---|---|---|---|---|---|---|"]
    for n, mib, io, cold, cold_rss, w, peers, _, _, kept in rows:
        d = kept["declared"]
        out.append("| %d | %.3f s | %.3f s | %.2fx | %.4f s | %.4f s | %.2fx |" % (
            n, d["cold_declared"], d["cold_built_in"], d["cold_declared"] / d["cold_built_in"],
            d["warm_declared"], d["warm_built_in"], d["warm_declared"] / d["warm_built_in"]))
    docs = real_docs(module, data)
    if docs:
        out += ["", "## A real docs corpus", "",
                "A fresh process asking `%s` (every front matter parsed, as JSON) against `peers/pyyaml_docs.py`, "
                "the loop a user writes instead: walk, split, PyYAML's CSafeLoader (libyaml)." % (DOCS_QUERY % "DIR"), "",
                "| corpus | files | MiB | module, fresh process | PyYAML loop | PyYAML / module |", "|---|---|---|---|---|---|"]
        for name, files, mib, module_s, pyyaml_s in docs:
            out.append("| %s | %d | %.1f | %.3f s | %.3f s | %.1fx |" % (name, files, mib, module_s, pyyaml_s,
                                                                         pyyaml_s / module_s))
    out += ["", "## The YAML fast path", "",
            "Front-matter parsing on one core (`bench/core_speed.cpp`: every block read from memory, best of 5), "
            "and the cold scan with the fast path and with `SQLITE_ARTICLES_YAML_PARSER=yaml-cpp`.", "",
            "| corpus | blocks | MB | fast path takes | parse MB/s, fast path | parse MB/s, yaml-cpp | cold scan | cold scan, yaml-cpp | cold / read floor | js-yaml / cold |",
            "|---|---|---|---|---|---|---|---|---|---|"]
    for n, mib, io, cold, cold_rss, w, peers, cold_yaml_cpp, sp, _ in rows:
        out.append("| %d articles | %d | %.1f | %.2f%% | %.0f | %.1f | %.3f s | %.3f s | %.2fx | %.2fx |" % (
            n, sp["blocks"], sp["mb"], 100 * sp["fast_share"], sp["fast_mb_s"], sp["yaml_cpp_mb_s"], cold,
            cold_yaml_cpp, cold / io, peers["js-yaml script"][0] / cold))
    otel = os.path.join(HERE, "..", "..", "shared", "corpora", "opentelemetry.io")
    if os.path.isdir(otel):
        sp = core_speed(module, otel)
        out.append("| opentelemetry.io (real) | %d | %.1f | %.2f%% | %.0f | %.1f | | | | |" % (
            sp["blocks"], sp["mb"], 100 * sp["fast_share"], sp["fast_mb_s"], sp["yaml_cpp_mb_s"]))
    out += ["", "## Plain text: headline, byline, clean body", "",
            "`read_scraped_text` per plain article on one core (`bench/core_speed.cpp`, best of 5), against reading "
            "each file from the page cache in the same program as `read_floor` does (open, fstat, read, close; best "
            "of 5); on the generated corpora and on the labelled real pages (their `.txt` files).", "",
            "| corpus | plain articles | reading the text | reading the file | ratio |", "|---|---|---|---|---|"]
    for n, mib, io, cold, cold_rss, w, peers, cold_yaml_cpp, sp, _ in rows:
        out.append("| %d articles | %d | %.1f us | %.1f us | %.2fx |" % (
            n, sp["plain"], sp["scraped_us"], sp["read_us"], sp["scraped_us"] / sp["read_us"]))
    shared = os.path.join(HERE, "..", "..", "shared")
    for name in ("scraped-dev", "scraped-train"):  # real pages: longer, and rarely titled
        pages = os.path.join(shared, "corpora", name)
        if os.path.isdir(pages):
            sp = core_speed(module, pages, ".txt")
            out.append("| %s (real pages) | %d | %.1f us | %.1f us | %.2fx |" % (
                name, sp["plain"], sp["scraped_us"], sp["read_us"], sp["scraped_us"] / sp["read_us"]))
    scraped = os.path.join(shared, "corpora", "scraped-dev")
    if os.path.isdir(scraped):
        score = subprocess.run(["/usr/bin/python3", os.path.join(shared, "tools", "score_scraped.py"), module, scraped,
                                os.path.join(scraped, "expected.json")], capture_output=True, text=True).stdout
        baseline = subprocess.run(["/usr/bin/python3", os.path.join(shared, "tools", "score_scraped.py"), "--baseline",
                                   scraped, os.path.join(scraped, "expected.json")], capture_output=True, text=True).stdout
        out += ["", "Scored on the development set (`score_scraped.py`, %s):" % os.path.relpath(scraped, os.path.join(HERE, "..")), "",
                "- module: " + (score.strip().splitlines() or ["(no output)"])[-1],
                "- first line and rest of the file: " + (baseline.strip().splitlines() or ["(no output)"])[-1]]
    text = "\n".join(out) + "\n"
    print(text)
    path = os.path.join(HERE, "results.md")
    if os.path.exists(path):
        old = open(path).read()
        if HAND_WRITTEN in old:
            text += "\n" + old[old.index(HAND_WRITTEN):]
    with open(path, "w") as f:
        f.write(text)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--in-process"]:
        print(json.dumps(in_process(os.path.abspath(sys.argv[2]), sys.argv[3])))
    else:
        main()
