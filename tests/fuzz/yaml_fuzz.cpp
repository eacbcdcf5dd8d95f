// Fuzz target: a YAML block to the value tree, its JSON and its leaves and links.
#include <cstddef>
#include <cstdint>

#include "core/text.hpp"
#include "core/tree.hpp"
#include "core/yaml_reader.hpp"
#include "fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string block;
  articles::append_valid_utf8(std::string_view(reinterpret_cast<const char*>(data), size), block);
  articles::YamlResult r = articles::read_yaml_block(block, 2);
  if (!r.ok) {
    require(!r.error.empty(), "failure without a message");
    require_clean_text(r.error, "error");
    return 0;
  }
  require_clean_text(articles::to_json(r.root), "front_matter JSON");
  for (const auto& n : r.notes) require_clean_text(n, "note");
  for (articles::LeafWalker w(r.root); w.next();) require_clean_text(w.leaf().fullkey, "fullkey");
  for (const auto& link : articles::front_matter_links(r.root))
    require_clean_text(link.host, "host");
  return 0;
}
