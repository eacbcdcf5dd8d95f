// article_paragraphs: one row per non-blank line of a plain article, with what it is; for a
// front-matter article, one row per paragraph of its body.
//
//   SELECT kind, text FROM article_paragraphs('news/') WHERE path = 'a.txt' ORDER BY position;
//   SELECT path, text FROM article_paragraphs('news/') WHERE kind = 'headline';
//   SELECT kind, count(*) FROM article_paragraphs('news/') GROUP BY kind;
//
// Arguments, options and push-down as for `articles`. `kind` is 'headline', 'byline',
// 'dateline', 'paragraph', 'list_item', 'heading' or 'boilerplate'; the clean_body column of a
// plain article is its paragraph, list_item and heading rows joined by blank lines.
#include "core/article.hpp"
#include "vtab/child_table.hpp"

namespace articles {

namespace {

enum Column { kPath, kPosition, kLine, kKind, kText, kColumns, kRoot = kColumns, kPattern };

std::unique_ptr<RowStream> paragraph_table_rows(const Article& article) {
  return item_stream(paragraph_rows(article), [](ParagraphRow& p, std::size_t i, ChildRow& row) {
    row.cells.resize(kColumns);
    row.cells[kPosition] = static_cast<std::int64_t>(i);
    row.cells[kLine] = static_cast<std::int64_t>(p.line);
    row.cells[kKind] = std::string(block_kind_name(p.kind));
    row.cells[kText] = std::string(p.text);
  });
}

const ChildSpec kSpec{
    "article_paragraphs",
    "CREATE TABLE x(path TEXT, position INTEGER, line INTEGER, kind TEXT, text TEXT,"
    " root HIDDEN, pattern HIDDEN)",
    FolderColumns{kPath, kRoot, kPattern},
    ResolvedColumns{},
    paragraph_table_rows,
    nullptr,
    /*checks_columns=*/false,
    /*reads_text=*/true,
};

}  // namespace

int register_paragraphs_table(sqlite3* db, const StatePtr& state) {
  return register_child_table(db, &kSpec, state);
}

}  // namespace articles
