// article_fields: one row per scalar leaf of the front matter, at any depth, in document order,
// in the vocabulary of SQLite's json_tree.
//
//   SELECT fullkey, value, type FROM article_fields('news/') WHERE path = 'a.md';
//   SELECT key, count(DISTINCT path) FROM article_fields('news/') GROUP BY key;  -- keys in use
//
// Columns: path, fullkey (`$.provider.name`, `$.topics[1]`, `$."cSpell:ignore"`), key (TEXT, or
// INTEGER for an array index), value (INTEGER, REAL, TEXT or NULL; booleans as 1 or 0), type
// ('null', 'true', 'false', 'integer', 'real', 'text'), line (1-based, in the file). Reals that
// JSON cannot hold are the text '.inf', '-.inf', '.nan', as in front_matter. Files without front
// matter, or whose front matter cannot be read, give no rows. Arguments, options and push-down
// as for `articles`.
#include <cmath>

#include "core/tree.hpp"
#include "vtab/child_table.hpp"

namespace articles {

namespace {

enum Column { kPath, kFullkey, kKey, kValue, kType, kLine, kColumns, kRoot = kColumns, kPattern };

void fill_row(const Leaf& leaf, ChildRow& row) {
  const Value& v = *leaf.value;
  row.cells.resize(kColumns);
  row.cells[kFullkey] = leaf.fullkey;
  row.cells[kKey] = leaf.key_is_index ? Cell(leaf.index) : Cell(leaf.key);
  std::string type = json_type_name(v);
  switch (v.kind) {
    case Value::Kind::Bool:
      row.cells[kValue] = std::int64_t{v.boolean ? 1 : 0};
      break;
    case Value::Kind::Int:
      row.cells[kValue] = v.integer;
      break;
    case Value::Kind::Real:
      if (std::isfinite(v.real)) {
        row.cells[kValue] = v.real;
      } else {  // as front_matter holds it
        std::string json = to_json(v);
        row.cells[kValue] = json.substr(1, json.size() - 2);
        type = "text";
      }
      break;
    case Value::Kind::Text:
      row.cells[kValue] = v.text;
      break;
    default:
      break;
  }
  row.cells[kType] = type;
  row.cells[kLine] = v.line ? Cell(std::int64_t{v.line}) : Cell();
}

// Rows built as they are stepped: the paths of every leaf of a file may not fit in memory.
class FieldStream : public RowStream {
 public:
  explicit FieldStream(const Value& root) : walker_(root) {}
  bool next(ChildRow& row) override {
    if (!walker_.next()) return false;
    fill_row(walker_.leaf(), row);
    return true;
  }

 private:
  LeafWalker walker_;
};

std::unique_ptr<RowStream> field_rows(const Article& article) {
  if (!article.front_matter) return nullptr;
  return std::make_unique<FieldStream>(*article.front_matter);
}

const ChildSpec kSpec{
    "article_fields",
    "CREATE TABLE x(path TEXT, fullkey TEXT, key ANY, value ANY, type TEXT, line INTEGER,"
    " root HIDDEN, pattern HIDDEN)",
    FolderColumns{kPath, kRoot, kPattern},
    ResolvedColumns{},
    field_rows,
};

}  // namespace

int register_fields_table(sqlite3* db, const StatePtr& state) {
  return register_child_table(db, &kSpec, state);
}

}  // namespace articles
