// article_links: one row per link an article holds, in its front matter or its body, with where
// it leads in the folder.
//
//   SELECT path, target FROM article_links('notes/') WHERE resolved = 0;        -- dead links
//   SELECT path FROM article_links('notes/') WHERE target_path = 'Plan.md';  -- backlinks
//   SELECT host, count(*) FROM article_links('news/') GROUP BY host ORDER BY 2 DESC;
//
// Columns: path, kind (url, markdown, wiki, embed, front_matter), source (front_matter or body),
// fullkey (the JSON path of a front-matter value), target (as written), text (link text, alt
// text, a wiki-link's `|` text), url and host (for an http(s) URL), line, embed (shown in place),
// target_path, target_anchor, resolved, candidates, anchor_resolved: core/links.hpp finds and
// resolves links, docs/article_links.md tells the rules. Arguments, options and push-down as
// for `articles`.
#include "core/links.hpp"
#include "core/text.hpp"
#include "core/tree.hpp"
#include "vtab/child_table.hpp"

namespace articles {

namespace {

enum Column {
  kPath,
  kKind,
  kSource,
  kFullkey,
  kTarget,
  kText,
  kUrl,
  kHost,
  kLine,
  kEmbed,
  kTargetPath,
  kTargetAnchor,
  kResolved,
  kCandidates,
  kAnchorResolved,
  kColumns,
  kRoot = kColumns,
  kPattern
};

// The rows of an article's links, found a line at a time: a file may hold millions of them.
class LinkRows : public RowStream {
 public:
  explicit LinkRows(const Article& article) : reader_(article) {}
  bool next(ChildRow& row) override {
    if (at_ == some_.size()) {
      if (!reader_.next(&some_)) return false;
      at_ = 0;
    }
    fill(some_[at_++], row);
    return true;
  }

 private:
  static void fill(DocLink& l, ChildRow& row);
  ArticleLinkReader reader_;
  std::vector<DocLink> some_;
  std::size_t at_ = 0;
};

void LinkRows::fill(DocLink& l, ChildRow& row) {
  row.cells.resize(kColumns);
  row.cells[kKind] = std::string(link_kind_name(l.kind));
  row.cells[kSource] = std::string(l.kind == LinkKind::FrontMatter ? "front_matter" : "body");
  if (!l.fullkey.empty()) row.cells[kFullkey] = std::move(l.fullkey);
  LinkTarget t = link_target(l);
  if (t.form == TargetForm::WebUrl) {
    row.cells[kUrl] = std::string(trim(l.target));
    row.cells[kHost] = url_host(t.name);
  }
  if (t.anchor) row.cells[kTargetAnchor] = *t.anchor;
  row.cells[kTarget] = std::move(l.target);
  if (l.text) row.cells[kText] = std::move(*l.text);
  row.cells[kLine] = std::int64_t{l.line};
  row.cells[kEmbed] = std::int64_t{l.embed};
  row.link = std::move(t);
}

std::unique_ptr<RowStream> link_rows(const Article& article) {
  return std::make_unique<LinkRows>(article);
}

const ChildSpec kSpec{
    "article_links",
    "CREATE TABLE x(path TEXT, kind TEXT, source TEXT, fullkey TEXT, target TEXT, text TEXT, url "
    "TEXT,"
    " host TEXT, line INTEGER, embed INTEGER, target_path TEXT, target_anchor TEXT,"
    " resolved INTEGER, candidates INTEGER, anchor_resolved INTEGER,"
    " root HIDDEN, pattern HIDDEN)",
    FolderColumns{kPath, kRoot, kPattern},
    ResolvedColumns{kTargetPath, kResolved, kCandidates, kAnchorResolved},
    link_rows,
};

}  // namespace

int register_links_table(sqlite3* db, const StatePtr& state) {
  return register_child_table(db, &kSpec, state);
}

}  // namespace articles
