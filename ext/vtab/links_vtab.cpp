// article_links: one row per link an article holds, in its front matter or its body.
//
//   SELECT host, count(*) FROM article_links('news/') GROUP BY host ORDER BY 2 DESC;
//   SELECT path FROM article_links('news/') WHERE target_path = 'a.md';  -- backlinks of a.md
//
// Columns: path, source ('front_matter' or 'body'), fullkey (the JSON path of a front-matter
// value; NULL for body links), url (as written), host (lower-cased), line (1-based, in the file),
// target_path (as in article_related). Front-matter links are the string values that are
// http(s) URLs, at any depth; body links are http(s) URLs in the text, in Markdown links, in
// angle brackets or glued to a preceding word, without trailing punctuation. Arguments, options
// and push-down as for `articles`.
#include "core/tree.hpp"
#include "vtab/child_table.hpp"

namespace articles {

namespace {

enum Column {
  kPath,
  kSource,
  kFullkey,
  kUrl,
  kHost,
  kLine,
  kTargetPath,
  kColumns,
  kRoot = kColumns,
  kPattern
};

void add(std::vector<ChildRow>& out, Link&& link, const char* source) {
  ChildRow row;
  row.cells.resize(kColumns);
  row.cells[kSource] = std::string(source);
  if (!link.fullkey.empty()) row.cells[kFullkey] = std::move(link.fullkey);
  row.cells[kUrl] = link.url;
  row.cells[kHost] = std::move(link.host);
  row.cells[kLine] = std::int64_t{link.line};
  row.target_url = std::move(link.url);
  out.push_back(std::move(row));
}

void link_rows(const Article& article, std::vector<ChildRow>& out) {
  if (article.front_matter)
    for (Link& l : front_matter_links(*article.front_matter))
      add(out, std::move(l), "front_matter");
  for (Link& l : text_links(article.body, article.body_line)) add(out, std::move(l), "body");
}

const ChildSpec kSpec{
    "article_links",
    "CREATE TABLE x(path TEXT, source TEXT, fullkey TEXT, url TEXT, host TEXT, line INTEGER,"
    " target_path TEXT, root HIDDEN, pattern HIDDEN)",
    FolderColumns{kPath, kRoot, kPattern},
    kTargetPath,
    link_rows,
};

}  // namespace

int register_links_table(sqlite3* db, const StatePtr& state) {
  return register_child_table(db, &kSpec, state);
}

}  // namespace articles
