// Fuzz target: a YAML block to the value tree, its JSON and its leaves and links.
#include <cstddef>
#include <cstdint>

#include "core/links.hpp"
#include "core/text.hpp"
#include "core/tree.hpp"
#include "core/yaml_reader.hpp"
#include "fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string block;
  articles::append_valid_utf8(std::string_view(reinterpret_cast<const char*>(data), size), block);
  // Small limits, so that inputs of a few KB reach them: the alias byte budget, the value
  // budget and the depth are checked where they bite.
  articles::YamlOptions limits;
  limits.max_expanded_bytes = 4 * size + 64;
  limits.max_nodes = 2000;
  limits.max_depth = 16;
  articles::YamlResult r = articles::read_yaml_block(block, 2, limits);
  if (!r.ok) {
    require(!r.error.text().empty(), "failure without a message");
    require_clean_text(r.error.text(), "error");
    return 0;
  }
  require_clean_text(articles::to_json(r.root), "front_matter JSON");
  for (const auto& n : r.notes) require_clean_text(n.text(), "note");
  require(
      articles::to_json(r.root).size() <= 16 * (limits.max_expanded_bytes + 64 * limits.max_nodes),
      "the tree outgrew its budgets");
  for (articles::LeafWalker w(r.root); w.next();) require_clean_text(w.leaf().fullkey, "fullkey");
  for (const auto& link : articles::front_matter_links(r.root)) {
    require_clean_text(link.target, "front-matter link");
    require_clean_text(articles::url_host(link.target), "host");
  }
  return 0;
}
