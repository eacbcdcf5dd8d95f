// The machinery of the tables that give several rows per article (article_related,
// article_fields, article_links, article_paragraphs): each declares a ChildSpec, this file does
// the rest.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "vtab/folder.hpp"

namespace articles {

using Cell = std::variant<std::monostate, std::int64_t, double, std::string>;

struct ChildRow {
  std::vector<Cell> cells;                // one per schema column; the path cell is filled in
  std::optional<std::string> target_url;  // resolved to target_path only when that is read
};

struct ChildSpec {
  const char* name;
  const char* schema;  // visible columns, then `root HIDDEN, pattern HIDDEN`
  FolderColumns columns;
  int target_path = -1;  // the column resolved from target_url, or -1
  // Appends the rows of one parsed article.
  void (*rows)(const Article& article, std::vector<ChildRow>& out);
};

// Registers `spec` (which must outlive the connection) as an eponymous, declarable module.
int register_child_table(sqlite3* db, const ChildSpec* spec, const StatePtr& state);

}  // namespace articles
