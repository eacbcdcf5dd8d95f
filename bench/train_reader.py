#!/usr/bin/python3
"""Learns the headline model of the plain-text reader (ext/core/headline_model.inc) from pages
rendered to text with their true headline, and reports how well it does on pages it did not
learn from.

usage: /usr/bin/python3 bench/train_reader.py FEATURES_TOOL CORPUS_DIR [...] [--write FILE]

FEATURES_TOOL is build-release/reader_features (bench/reader_features.cpp: the module's own
candidates and features, so that training and the module never disagree on a feature). Each
CORPUS_DIR holds *.txt pages and an expected.json mapping each page to its `headline` (and
optionally `domain`, `lang`), as ../shared/corpora/scraped-dev and scraped-train/* do.

Method (README.md beside this file, "The headline model"): a conditional logit over the
candidates of each page (softmax of w . features; a page's loss is -log of the probability of
its right candidates), L2-regularised, fitted by L-BFGS from zero (deterministic). Beside the
line features, a vocabulary: each token (the tool's `tokens`: words and symbols) of the
candidate's line, of the line above and of the line below that occurs so placed on the pages of
at least MIN_SITES sites of the training pages is a feature of its own (present or not), with
its own, stronger L2 penalty. The two gaps
of the post-rules (a line holding another candidate gives way to it; a short name gives way to
a line going on from it) are chosen on the training pages from a fixed grid. Figures are on
pages the model did not see: 5-fold cross-validation grouped by site (folds by a hash of the
domain), and leave-one-source-out. The confidence is the chosen line's softmax probability,
Platt-scaled on the cross-validation's held-out predictions. Needs Debian's python3-numpy and
python3-scipy. Same data, same file, byte for byte.
"""
import hashlib, json, os, re, subprocess, sys, unicodedata
import numpy as np
import scipy.sparse as sparse
from scipy.optimize import minimize

L2 = 1.0                                   # on the summed page losses
VOCABULARY_L2 = 4.0                        # on the vocabulary's weights
MIN_SITES = 8                              # sites whose pages have a token so placed
SLOTS = 3                                  # the token lists of a candidate: its line, above, below
ITERATIONS = 2000                          # at most; L-BFGS stops when the loss settles
CONTAINED_GRID = (0.0, 0.5, 1.0, 1.5, 2.0, 3.0, 4.0)
EXTENDED_GRID = (0.0, 0.5, 1.0, 1.5, 2.0, 3.0)
FOLDS = 5

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
                         "`": "'", "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"',
                         "\u00bb": '"', "\u2013": "-", "\u2014": "-", "\u2212": "-", "\u00a0": " "})


def norm(s):
    """As ../shared/tools/score_scraped.py compares headlines."""
    s = unicodedata.normalize("NFKC", s or "").translate(_QUOTES).casefold()
    s = " ".join(s.split())
    i, j = 0, len(s)
    while i < j and (s[i].isspace() or unicodedata.category(s[i])[0] in "PS"):
        i += 1
    while j > i and (s[j - 1].isspace() or unicodedata.category(s[j - 1])[0] in "PS"):
        j -= 1
    return s[i:j]


def title_of(line):
    """The title the module makes of a line: a Markdown heading's leading #s removed."""
    m = re.match(r"#+[ \t]+(.*)", line)
    return m.group(1).strip() if m else line


class Page:
    def __init__(self, dump, truth, source):
        self.source = source
        self.path = dump["path"]
        self.lang = truth.get("lang") or "en"
        url = truth.get("url") or ""
        self.group = truth.get("domain") or re.sub(r"^https?://(www\.)?([^/]*).*", r"\2", url) \
            or source + "/" + self.path
        want = norm(truth["headline"])
        self.fixed = dump["fixed"]
        self.titled = dump.get("titled", False)
        self.fixed_right = dump["fixed_text"] is not None and norm(title_of(dump["fixed_text"])) == want
        cands = dump["candidates"]
        self.x = np.array([c["features"] for c in cands], dtype=float).reshape(len(cands), len(FEATURE_NAMES))
        self.right = np.array([norm(title_of(c["text"])) == want for c in cands], dtype=bool)
        self.tokens = [[f"{slot}:{t}" for slot, ts in enumerate(c["tokens"]) for t in ts]
                       for c in cands]
        self.holds = [c["holds"] for c in cands]
        self.extended_by = [c["extended_by"] for c in cands]


FEATURE_NAMES = []  # as the features tool names them (its first line)


class Model:
    """The line features' weights, and the vocabulary's: {"slot:token": weight}."""

    def __init__(self, pages):
        sites = {}
        for p in pages:
            for tokens in p.tokens:
                for t in tokens:
                    sites.setdefault(t, set()).add(p.group)
        self.words = sorted(t for t, g in sites.items() if len(g) >= MIN_SITES)
        self.column = {t: i for i, t in enumerate(self.words)}
        self.w = None

    def matrix(self, p):
        """The page's candidates' features: the line features, then the vocabulary's."""
        if getattr(p, "_matrix_of", None) is not self:
            rows, cols = [], []
            for r, tokens in enumerate(p.tokens):
                for t in tokens:
                    j = self.column.get(t)
                    if j is not None:
                        rows.append(r)
                        cols.append(j)
            v = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)),
                                  shape=(len(p.tokens), len(self.words)))
            p._matrix = sparse.hstack([sparse.csr_matrix(p.x), v]).tocsr()
            p._matrix_of = self
        return p._matrix

    def scores(self, p):
        return self.matrix(p) @ self.w


def load(tool, dirs):
    out = subprocess.run([tool] + dirs, capture_output=True, text=True, check=True).stdout
    truths = {d: json.load(open(os.path.join(d, "expected.json"))) for d in dirs}
    pages = []
    lines = out.rstrip("\n").split("\n")  # not splitlines: a page may hold U+2028 or U+0085
    FEATURE_NAMES[:] = json.loads(lines[0])["features"]
    for line in lines[1:]:
        dump = json.loads(line)
        truth = truths[dump["dir"]].get(dump["path"])
        if truth and truth.get("headline"):
            pages.append(Page(dump, truth, os.path.basename(dump["dir"].rstrip("/"))))
    return pages


class Batch:
    """The candidates of the pages a model learns from, stacked: pages with a true candidate."""

    def __init__(self, pages, model):
        used = [p for p in pages if p.fixed is None and p.right.any()]
        self.x = sparse.vstack([model.matrix(p) for p in used]).tocsr()
        self.l2 = np.full(self.x.shape[1], VOCABULARY_L2)
        self.l2[:len(FEATURE_NAMES)] = L2
        self.right = np.concatenate([p.right for p in used])
        sizes = [len(p.right) for p in used]
        self.starts = np.cumsum([0] + sizes[:-1])
        self.page = np.repeat(np.arange(len(used)), sizes)


def loss_and_grad(w, batch):
    s = batch.x @ w
    m = np.maximum.reduceat(s, batch.starts)
    e = np.exp(s - m[batch.page])
    z = np.add.reduceat(e, batch.starts)
    sr = np.where(batch.right, s, -np.inf)
    mr = np.maximum.reduceat(sr, batch.starts)
    er = np.where(batch.right, np.exp(np.where(batch.right, s - mr[batch.page], 0.0)), 0.0)
    zr = np.add.reduceat(er, batch.starts)
    loss = float((m + np.log(z) - mr - np.log(zr)).sum()) + (batch.l2 * w) @ w
    coef = e / z[batch.page] - er / zr[batch.page]
    return loss, batch.x.T @ coef + 2 * batch.l2 * w


def fit(pages):
    model = Model(pages)
    batch = Batch(pages, model)
    result = minimize(loss_and_grad, np.zeros(batch.x.shape[1]), args=(batch,), jac=True,
                      method="L-BFGS-B", options={"maxiter": ITERATIONS})
    model.w = result.x
    return model


def pick(p, w, contained, extended):
    """The candidate the module takes (headline_model.cpp's pick_headline), and the scores."""
    s = w.scores(p)
    best = int(np.argmax(s))  # the first of equal scores, as the module
    inner, inner_score = best, -1e300
    for k in p.holds[best]:
        if s[k] >= s[best] - contained and s[k] > inner_score:
            inner, inner_score = k, s[k]
    if inner == best:
        for k in p.extended_by[best]:
            if s[k] >= s[best] - extended and s[k] > inner_score:
                inner, inner_score = k, s[k]
    return inner, s


def right(p, w, gaps):
    if p.fixed is not None:
        return p.fixed_right
    if len(p.right) == 0:
        return False
    return bool(p.right[pick(p, w, *gaps)[0]])


def choose_gaps(pages, w):
    best, best_gaps = -1, None
    for c in CONTAINED_GRID:
        for e in EXTENDED_GRID:
            n = sum(right(p, w, (c, e)) for p in pages)
            if n > best:
                best, best_gaps = n, (c, e)
    return best_gaps


def top_probability(p, w, gaps):
    k, s = pick(p, w, *gaps)
    e = np.exp(s - s.max())
    return float(e[k] / e.sum())


def train(pages):
    w = fit(pages)
    return w, choose_gaps(pages, w)


def fold_of(group):
    return int(hashlib.sha1(group.encode()).hexdigest(), 16) % FOLDS


def platt(xs, ys):
    """a, b of 1 / (1 + exp(-(a x + b))) fitted to (x, y) by Newton's method."""
    a, b = 1.0, 0.0
    x, y = np.array(xs), np.array(ys, dtype=float)
    for _ in range(100):
        p = 1 / (1 + np.exp(-(a * x + b)))
        g = np.array([((p - y) * x).sum(), (p - y).sum()]) + 1e-6 * np.array([a, b])
        h = p * (1 - p)
        hess = np.array([[(h * x * x).sum(), (h * x).sum()], [(h * x).sum(), h.sum()]]) + 1e-6 * np.eye(2)
        da, db = np.linalg.solve(hess, g)
        a, b = a - da, b - db
        if abs(da) + abs(db) < 1e-10:
            break
    return a, b


def c_string(s):
    """A C++ string literal of s (UTF-8 as it is; quotes, backslashes and controls escaped)."""
    return '"' + "".join("\\" + c if c in '"\\' else f"\\x{ord(c):02x}\"\"" if ord(c) < 32 else c
                         for c in s) + '"'


def logit(p):
    p = min(max(p, 1e-9), 1 - 1e-9)
    return np.log(p / (1 - p))


def pct(hits, n):
    return f"{hits}/{n} ({100.0 * hits / n:.1f}%)" if n else "-"


def report(name, pages, results):
    hits = sum(results[id(p)] for p in pages)
    print(f"  {name}: headline {pct(hits, len(pages))}")


def main():
    args = sys.argv[1:]
    write = None
    if "--write" in args:
        i = args.index("--write")
        write = args[i + 1]
        del args[i:i + 2]
    if len(args) < 2:
        sys.exit(__doc__)
    tool, dirs = args[0], args[1:]
    pages = load(tool, dirs)
    sources = sorted({p.source for p in pages})
    learnable = sum(p.right.any() or p.fixed_right for p in pages)
    print(f"pages {len(pages)} from {', '.join(sources)}; the true headline is a candidate (or the "
          f"fixed line) on {learnable}")

    # k-fold cross-validation grouped by site.
    oof, oof_prob = {}, {}
    for f in range(FOLDS):
        train_pages = [p for p in pages if fold_of(p.group) != f]
        w, gaps = train(train_pages)
        for p in pages:
            if fold_of(p.group) == f:
                oof[id(p)] = right(p, w, gaps)
                if p.fixed is None and len(p.right):
                    oof_prob[id(p)] = top_probability(p, w, gaps)
    print(f"{FOLDS}-fold cross-validation, grouped by site (pages never seen in training):")
    for src in sources:
        report(src, [p for p in pages if p.source == src], oof)
    report("all", pages, oof)
    langs = sorted({p.lang for p in pages})
    for lang in langs:
        group = [p for p in pages if p.lang == lang]
        if len(group) >= 20:
            report(f"language {lang}", group, oof)

    print("leave-one-source-out (train on the others, score on this one):")
    loso = {}
    for src in sources:
        w, gaps = train([p for p in pages if p.source != src])
        for p in pages:
            if p.source == src:
                loso[id(p)] = right(p, w, gaps)
        report(src, [p for p in pages if p.source == src], loso)

    # Confidence: Platt scaling of the held-out top probability, itself checked by folds.
    scored = [p for p in pages if id(p) in oof_prob]
    calib_hits = calib_n = 0
    for f in range(FOLDS):
        fit_on = [p for p in scored if fold_of(p.group) != f]
        a, b = platt([logit(oof_prob[id(p)]) for p in fit_on], [oof[id(p)] for p in fit_on])
        for p in scored:
            if fold_of(p.group) == f:
                conf = 1 / (1 + np.exp(-(a * logit(oof_prob[id(p)]) + b)))
                if conf >= 0.8:
                    calib_n += 1
                    calib_hits += oof[id(p)]
    print(f"confidence >= 0.8 (calibration fitted on other folds): right {pct(calib_hits, calib_n)} "
          f"of {calib_n} titles ({100.0 * calib_n / max(1, len(scored)):.0f}% of the pages scored)")

    w, gaps = train(pages)
    a, b = platt([logit(oof_prob[id(p)]) for p in scored], [oof[id(p)] for p in scored])
    titled = [p for p in pages if p.fixed is not None and p.titled]
    untexted = [p for p in pages if p.fixed is not None and not p.titled]
    titled_right = (sum(p.fixed_right for p in titled) + 1) / (len(titled) + 2)
    untexted_right = (sum(p.fixed_right for p in untexted) + 1) / (len(untexted) + 2)
    fit_all = sum(right(p, w, gaps) for p in pages)
    print(f"final model on all pages (training figure, not a held-out one): {pct(fit_all, len(pages))}")
    if write:
        names = [re.sub(r"[^0-9a-z_.]", "", n) for n in FEATURE_NAMES]
        lines = [
            "// Generated by bench/train_reader.py; do not edit. Made by:",
            "//   /usr/bin/python3 bench/train_reader.py build-release/reader_features",
            "//     " + " ".join(os.path.relpath(d, os.path.dirname(os.path.abspath(write)) + "/../..")
                               for d in dirs),
            "//     --write ext/core/headline_model.inc",
            f"// from {len(pages)} pages (" + ", ".join(
                f"{src} {sum(p.source == src for p in pages)}" for src in sources) + ").",
            "// One weight per feature (scraped.hpp: the line features, then each context line's), in order.",
            "constexpr double kWeights[] = {",
        ]
        for n, v in zip(names, w.w):
            lines.append(f"    {v: .6f},  // {n}")
        vocabulary = {}
        for t, v in zip(w.words, w.w[len(FEATURE_NAMES):]):
            slot, token = t.split(":", 1)
            vocabulary.setdefault(token, [0.0] * SLOTS)[int(slot)] = v
        lines += [
            "};",
            f"// The vocabulary ({len(vocabulary)} tokens), in byte order: a token's weight on the candidate's",
            "// line, on the line above it and on the line below it.",
            "constexpr VocabularyWeight kVocabulary[] = {",
        ]
        for token in sorted(vocabulary, key=lambda t: t.encode()):
            weights = ", ".join(f"{v:.6f}" for v in vocabulary[token])
            lines.append(f"    {{{c_string(token)}, {{{weights}}}}},")
        lines += [
            "};",
            "constexpr double kBias = 0;",
            f"constexpr double kContainedGap = {gaps[0]:.6f}, kExtendedGap = {gaps[1]:.6f};",
            f"constexpr double kPlattA = {a:.6f}, kPlattB = {b:.6f};",
            f"constexpr double kTitledRight = {titled_right:.6f}, kUntextedRight = {untexted_right:.6f};",
            "",
        ]
        with open(write, "w") as out:
            out.write("\n".join(lines))
        print(f"wrote {write}")


if __name__ == "__main__":
    main()
