// The machinery of the tables that give several rows per article (article_related,
// article_fields, article_links, article_paragraphs): each declares a ChildSpec, this file does
// the rest.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/links.hpp"
#include "vtab/folder.hpp"

namespace articles {

// JSON text: a cell SQLite's JSON functions take as JSON (the JSON subtype).
struct JsonText {
  std::string text;
};

using Cell = std::variant<std::monostate, std::int64_t, double, std::string, JsonText>;

struct ChildRow {
  std::vector<Cell> cells;         // one per schema column; the path cell is filled in
  std::optional<LinkTarget> link;  // resolved (ResolvedColumns) only when one of those is read
};

// The columns a table fills by resolving its rows' links in the root (core/links.hpp); -1 for
// those it does not have.
struct ResolvedColumns {
  int target_path = -1;      // the file the link leads to
  int resolved = -1;         // LinkIndex::Match::resolved
  int candidates = -1;       // LinkIndex::Match::candidates
  int anchor_resolved = -1;  // whether the target has the link's anchor
};

// The rows of one article, one at a time: a file's rows may not all fit in memory at once
// (article_fields: every row holds a path that may be long; a file may hold millions of links).
class RowStream {
 public:
  virtual ~RowStream() = default;
  // Fills `row` (cleared by the caller) with the next row; false after the last.
  virtual bool next(ChildRow& row) = 0;
};

// The rows of `items` (an article's links, sections, paragraphs: found whole, some dozens of
// bytes each), each made by `fill(item, index, row)` when stepped: a row of copied cells costs
// hundreds of bytes, and a file may hold millions of items.
template <class Item, class Fill>
class ItemStream : public RowStream {
 public:
  ItemStream(std::vector<Item> items, Fill fill) : items_(std::move(items)), fill_(fill) {}
  bool next(ChildRow& row) override {
    if (at_ == items_.size()) return false;
    fill_(items_[at_], at_, row);
    ++at_;
    return true;
  }

 private:
  std::vector<Item> items_;
  Fill fill_;
  std::size_t at_ = 0;
};

template <class Item, class Fill>
std::unique_ptr<RowStream> item_stream(std::vector<Item> items, Fill fill) {
  return std::make_unique<ItemStream<Item, Fill>>(std::move(items), fill);
}

struct ChildSpec {
  const char* name;
  const char* schema;  // visible columns, then `root HIDDEN, pattern HIDDEN`
  FolderColumns columns;
  ResolvedColumns resolved;
  // The rows of one parsed article, which outlives the stream (item_stream, or one of its own).
  std::unique_ptr<RowStream> (*stream)(const Article& article) = nullptr;
  // The rows of the scan's current file, whether or not it could be read, for tables that
  // report on files (article_issues). When set, `stream` is not used.
  void (*file_rows)(FolderScan& scan, const FolderTable& table,
                    std::vector<ChildRow>& out) = nullptr;
  // The `columns` option: a schema the table checks (core/schema.hpp), without columns of its
  // own.
  bool checks_columns = false;
  // Its rows come from the reading of plain text (ParseOptions::read_text): the kinds of lines.
  // Else a scan of it parses without that reading.
  bool reads_text = false;
};

// Registers `spec` (which must outlive the connection) as an eponymous, declarable module.
int register_child_table(sqlite3* db, const ChildSpec* spec, const StatePtr& state);

}  // namespace articles
