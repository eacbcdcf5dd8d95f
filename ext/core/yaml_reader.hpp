// YAML block -> Value, with the typing of the YAML 1.2 core schema. This is the one file of the
// project that sees yaml-cpp; nothing leaves it but Values and strings.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/problem.hpp"
#include "core/value.hpp"

namespace articles {

struct YamlOptions {
  std::size_t max_depth = 64;                 // nested collections; the root mapping is level 1
  std::size_t max_nodes = 100000;             // values after alias expansion
  std::size_t max_block_bytes = 1024 * 1024;  // a larger front matter is not parsed
  // Bytes of text (every scalar and key) after alias expansion: a small block whose aliases
  // repeat a large string thousands of times stops here, in milliseconds.
  std::size_t max_expanded_bytes = 16u * 1024 * 1024;
  // Try the fast path (core/yaml_fast.hpp) before yaml-cpp. Both give the same result; false
  // forces yaml-cpp, to compare the two or to measure it.
  bool fast_path = true;
};

struct YamlResult {
  bool ok = false;             // the block is a mapping (or empty) and `root` holds it
  Value root;                  // Kind::Map when ok
  Problem error;               // why not ok (Problem::text: "line:column: message")
  std::vector<Problem> notes;  // problems that lost nothing important (duplicate keys, ...)
  bool fast = false;           // the fast path read the block (else yaml-cpp did)
};

// Parses a front-matter block whose first line is line `first_line` of the file: with the fast
// path when it takes the block, else with yaml-cpp. Never throws for bad input; throws
// std::bad_alloc when memory runs out.
YamlResult read_yaml_block(std::string_view block, std::uint32_t first_line,
                           const YamlOptions& options = {});

// The error of a front matter of `size` bytes over the limit of `limit` (max_block_bytes), for
// every syntax.
Problem block_too_large(std::size_t size, std::size_t limit);

// The core-schema reading of an untagged plain scalar: null, bool, int, real, or text.
Value resolve_plain_scalar(std::string text);

}  // namespace articles
