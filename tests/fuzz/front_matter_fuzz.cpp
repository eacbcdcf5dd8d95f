// Fuzz target: the readers of TOML and JSON front matter, the Markdown title heading and the
// date forms, on the same input; small limits so that short inputs reach them.
#include <cstddef>
#include <cstdint>

#include "core/dates.hpp"
#include "core/json_reader.hpp"
#include "core/markdown.hpp"
#include "core/text.hpp"
#include "core/toml_reader.hpp"
#include "core/tree.hpp"
#include "fuzz_check.hpp"

namespace {

void check(const articles::YamlResult& r) {
  if (!r.ok) {
    require(!r.error.text().empty(), "failure without a message");
    require_clean_text(r.error.text(), "error");
    return;
  }
  require(r.root.kind == articles::Value::Kind::Map, "the root is not a mapping");
  require_clean_text(articles::to_json(r.root), "front_matter JSON");
  for (const auto& n : r.notes) require_clean_text(n.text(), "note");
  for (articles::LeafWalker w(r.root); w.next();) require_clean_text(w.leaf().fullkey, "fullkey");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text;  // what the readers are given: decoded text, valid UTF-8 without NUL
  articles::append_valid_utf8(std::string_view(reinterpret_cast<const char*>(data), size), text);
  articles::YamlOptions limits;
  limits.max_expanded_bytes = 4 * size + 64;
  limits.max_nodes = 2000;
  limits.max_depth = 16;
  check(articles::read_toml_block(text, 2, limits));
  if (auto j = articles::read_json_front_matter(text, limits)) {
    require(j->body_offset <= text.size(), "the JSON body starts past the text");
    require(articles::starts_like_json(text), "JSON front matter that does not start with {");
    check(j->result);
  }
  if (auto h = articles::first_heading(text)) {
    require_clean_text(*h, "heading");
    require(!h->empty(), "an empty heading");
  }
  if (auto d = articles::normalize_date(text)) {
    require(d->size() == 20 && (*d)[4] == '-' && (*d)[10] == 'T' && d->back() == 'Z',
            "a date not in UTC ISO form");
  }
  return 0;
}
