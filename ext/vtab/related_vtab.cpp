// article_related: one row per entry of an article's `related` list.
//
//   SELECT a.title, r.position, r.title FROM articles('news/') a
//   JOIN article_related('news/') r USING (path);
//   SELECT path, title, target_path FROM article_related('news/') WHERE target_path IS NOT NULL;
//
// Arguments, options and push-down as for `articles`. `target_path` is the path of the article
// of the same root whose webUrl or originalUrl equals this entry's webUrl (trimmed, trailing '/'
// ignored): reading it reads every article of the root once per query; a query that does not
// read it reads only the files it lists.
#include "core/article.hpp"
#include "vtab/child_table.hpp"

namespace articles {

namespace {

enum Column {
  kPath,
  kPosition,
  kTitle,
  kExcerpt,
  kType,
  kPublishedAt,
  kWebUrl,
  kProviderName,
  kProviderDomain,
  kQuality,
  kImageUrl,
  kImages,
  kEntry,
  kTargetPath,
  kColumns,
  kRoot = kColumns,
  kPattern
};

Cell text(const std::optional<std::string>& s) {
  return s ? Cell(*s) : Cell();
}

std::unique_ptr<RowStream> related_rows(const Article& article) {
  return item_stream(related_entries(article), [](RelatedEntry& e, std::size_t i, ChildRow& row) {
    row.cells.resize(kColumns);
    row.cells[kPosition] = static_cast<std::int64_t>(i);
    row.cells[kTitle] = text(e.title);
    row.cells[kExcerpt] = text(e.excerpt);
    row.cells[kType] = text(e.type);
    row.cells[kPublishedAt] = text(e.published_at);
    row.cells[kWebUrl] = text(e.web_url);
    row.cells[kProviderName] = text(e.provider_name);
    row.cells[kProviderDomain] = text(e.provider_domain);
    row.cells[kQuality] = e.quality ? Cell(*e.quality) : Cell();
    row.cells[kImageUrl] = text(e.image_url);
    row.cells[kImages] = e.images ? Cell(JsonText{std::move(*e.images)}) : Cell();
    row.cells[kEntry] = JsonText{std::move(e.entry)};
    if (e.web_url) row.link = link_target(*e.web_url, /*wiki=*/false);
  });
}

const ChildSpec kSpec{
    "article_related",
    "CREATE TABLE x(path TEXT, position INTEGER, title TEXT, excerpt TEXT, type TEXT,"
    " published_at TEXT, web_url TEXT, provider_name TEXT, provider_domain TEXT,"
    " quality INTEGER, image_url TEXT, images TEXT, entry TEXT, target_path TEXT,"
    " root HIDDEN, pattern HIDDEN)",
    FolderColumns{kPath, kRoot, kPattern},
    ResolvedColumns{kTargetPath},
    related_rows,
};

}  // namespace

int register_related_table(sqlite3* db, const StatePtr& state) {
  return register_child_table(db, &kSpec, state);
}

}  // namespace articles
