// Fuzz target: the fast path reads a block exactly as yaml-cpp does, or declines it. An input
// that is a whole article contributes its front-matter block, so the fixtures make good seeds.
#include <cstddef>
#include <cstdint>
#include <cstdio>

#include "../yaml_compare.hpp"
#include "core/split.hpp"
#include "core/text.hpp"
#include "core/yaml_fast.hpp"
#include "fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text;
  articles::append_valid_utf8(std::string_view(reinterpret_cast<const char*>(data), size), text);
  articles::Split split = articles::split_front_matter(text);
  std::string_view block = split.kind == articles::Split::Kind::FrontMatter ? split.block : text;
  articles::YamlOptions options;
  auto fast = articles::read_yaml_fast(block, 2, options);
  if (!fast) return 0;
  require(fast->ok && fast->fast, "the fast path returned a failure");
  options.fast_path = false;
  articles::YamlResult full = articles::read_yaml_block(block, 2, options);
  std::string diff = articles::result_difference(*fast, full);
  if (!diff.empty()) {
    std::fprintf(stderr, "fuzz: fast path differs from yaml-cpp: %s\n", diff.c_str());
    std::abort();
  }
  return 0;
}
