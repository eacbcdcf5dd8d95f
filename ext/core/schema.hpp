// Declared columns: a table's own typed columns over its files' front matter
// (docs/declared_columns.md). Pure and thread-safe.
//
//   auto cols = parse_schema("tags list, draft bool, image text = params.image", {});
//   std::optional<Problem> problem;
//   DeclaredValue v = read_declared(cols[0], &front_matter, &problem);
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/problem.hpp"
#include "core/value.hpp"

namespace articles {
struct Article;
}

namespace articles {

// A schema string that cannot be read: the message names the problem and the column.
class SchemaError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

enum class ColumnType { Text, Int, Real, Bool, Date, List, Json };
const char* column_type_name(ColumnType t);  // "text", "int", ...
const char* column_sql_type(ColumnType t);   // TEXT, INTEGER or REAL

struct DeclaredColumn {
  std::string name;
  ColumnType type = ColumnType::Text;
  std::vector<std::string> path;  // member names from the root; the name when not given
  std::string key;                // the path as article_fields writes it: `params.image`
  bool required = false;          // a missing (or null) key is a problem
  bool split = false;             // list: a string is split at its commas
};

// The most columns a schema may declare.
constexpr std::size_t kMaxDeclaredColumns = 200;

// Reads `name type [= path] [required] [split]` (the last three in any order), comma-separated.
// Names and path steps are bare (letters, digits, `_`, `-`, `$`, `:`; a name starts with a letter
// or `_`) or double-quoted
// (`"a.b"`, `""` for a quote); types are text, int, real, bool, date, list and json. Throws
// SchemaError for an empty schema or column, an unknown type or word, an empty path step, a
// name that is one of `taken` (without regard to ASCII case), a name given twice, a path given
// twice, `split` on a type other than list, or more than kMaxDeclaredColumns columns.
std::vector<DeclaredColumn> parse_schema(std::string_view spec,
                                         const std::vector<std::string>& taken);

// A declared column's value in one file.
struct DeclaredValue {
  enum class Kind { Null, Int, Real, Text, Json } kind = Kind::Null;
  std::int64_t integer = 0;
  double real = 0;
  std::string text;  // Text, or Json (a JSON text)
};

// The value of `column` in a front matter (`front_matter` null: the file has none), converted
// to its type; Null, with *problem set (`type_mismatch`, `bad_date` or `missing_required`, the
// column's key, the value's line), when the value is not of that type, or when a required key
// is missing. A missing key of a column that is not required is Null with no problem.
DeclaredValue read_declared(const DeclaredColumn& column, const Value* front_matter,
                            std::optional<Problem>* problem);

// The problems of an article's values for `schema`, in column order, but those the parse
// reported already as the same text (a key the built-in columns read too, such as `date`).
// None for a file that is not text.
std::vector<Problem> check_schema(const Article& article,
                                  const std::vector<DeclaredColumn>& schema);

// An article's values for `schema`, packed for Summary, reading each value once; with
// `problems`, check_schema's problems are appended to it on the way. `unpack_declared` gives
// back value i (Null past the end, or for bytes no pack_declared made).
std::string pack_declared(const Article& article, const std::vector<DeclaredColumn>& schema,
                          std::vector<Problem>* problems = nullptr);
DeclaredValue unpack_declared(std::string_view packed, std::size_t i);

// Value i of packed values without a copy: `text` views into `packed`.
struct DeclaredView {
  DeclaredValue::Kind kind = DeclaredValue::Kind::Null;
  std::int64_t integer = 0;
  double real = 0;
  std::string_view text;
};
DeclaredView view_declared(std::string_view packed, std::size_t i);

}  // namespace articles
