// Fuzz target: the declared-columns schema parser, then every column it declares read from a
// front matter. The input is a schema, a line `---`, then a YAML block.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/article.hpp"
#include "core/schema.hpp"
#include "core/yaml_reader.hpp"
#include "fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace articles;
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  const std::size_t cut = in.find("\n---\n");
  const std::string_view spec = in.substr(0, cut);
  const std::string_view block = cut == std::string_view::npos ? "" : in.substr(cut + 5);
  std::vector<DeclaredColumn> columns;
  try {
    columns = parse_schema(spec, {"path", "error"});
  } catch (const SchemaError& e) {
    require_clean_text(e.what(), "schema error");
    return 0;
  }
  require(!columns.empty() && columns.size() <= kMaxDeclaredColumns, "a schema's column count");
  YamlResult r = read_yaml_block(block, 2);
  // The values packed for the summary come back as they were read.
  Article article;
  article.format = Format::FrontMatter;
  if (r.ok) article.front_matter = r.root;
  const std::string packed = pack_declared(article, columns);
  for (std::size_t i = 0; i < columns.size(); ++i) {
    std::optional<Problem> ignored;
    const DeclaredValue direct = read_declared(columns[i], r.ok ? &r.root : nullptr, &ignored);
    const DeclaredValue back = unpack_declared(packed, i);
    require(back.kind == direct.kind && back.integer == direct.integer &&
                back.text == direct.text &&
                (back.kind != DeclaredValue::Kind::Real || back.real == direct.real),
            "a packed value that does not come back");
  }
  for (const DeclaredColumn& c : columns) {
    require(!c.name.empty() && !c.path.empty(), "a column without a name or a path");
    require(c.name != "path" && c.name != "error", "a taken name declared");
    require_clean_text(c.key, "column key");
    std::optional<Problem> problem;
    const DeclaredValue v = read_declared(c, r.ok ? &r.root : nullptr, &problem);
    if (problem) {
      require(v.kind == DeclaredValue::Kind::Null, "a value with a problem");
      require_clean_text(problem->text(), "problem message");
      require(problem->code == "type_mismatch" || problem->code == "bad_date" ||
                  problem->code == "missing_required",
              "a problem code outside the vocabulary");
    }
    if (v.kind == DeclaredValue::Kind::Text || v.kind == DeclaredValue::Kind::Json)
      require_clean_text(v.text, "declared value");
    if (v.kind == DeclaredValue::Kind::Int)
      require(c.type == ColumnType::Int || c.type == ColumnType::Bool, "an integer of that type");
    if (c.type == ColumnType::Bool && v.kind == DeclaredValue::Kind::Int)
      require(v.integer == 0 || v.integer == 1, "a bool that is not 0 or 1");
    if (c.type == ColumnType::List && v.kind == DeclaredValue::Kind::Json)
      require(v.text.front() == '[' && v.text.back() == ']', "a list that is not a JSON array");
  }
  return 0;
}
