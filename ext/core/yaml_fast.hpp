// The front-matter fast path: the YAML that real front matter is written in, read in one pass
// straight into Values. It handles block mappings and block sequences (also sequences of
// mappings and indentless sequences), plain, single- and double-quoted scalars on one line,
// flow sequences and flow mappings on one line, comments, blank lines and CRLF. On anything
// else (anchors, aliases, tags, block scalars, multi-line scalars, complex keys, directives,
// document markers, tabs, control characters, a limit reached, and every syntax error) it
// declines, and the caller hands the whole block to yaml-cpp.
//
// Contract: when it does not decline, its result (value tree, kinds, source texts, line
// numbers, notes) is the one read_yaml_block gives through yaml-cpp. It never reports an error
// of its own. Pure and thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "core/yaml_reader.hpp"

namespace articles {

// The block read by the fast path (with `fast` set), or nullopt when it declines. `block` and
// `first_line` are as for read_yaml_block; `options.fast_path` is ignored.
std::optional<YamlResult> read_yaml_fast(std::string_view block, std::uint32_t first_line,
                                         const YamlOptions& options);

}  // namespace articles
