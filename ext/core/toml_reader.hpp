// TOML block -> Value: the front matter of Hugo and Zola between `+++` lines. The one file of
// the project that sees toml++; nothing leaves it but Values and strings.
//
//   YamlResult r = read_toml_block("title = \"T\"\ndate = 2024-03-05T08:30:00+02:00\n", 2);
//   // r.root: {"title":"T","date":"2024-03-05T08:30:00+02:00"}
#pragma once

#include <cstdint>
#include <string_view>

#include "core/yaml_reader.hpp"

namespace articles {

// Parses a TOML 1.0 block whose first line is line `first_line` of the file, under the same
// limits as YAML (`options`: depth, values, bytes of text, block size) and into the same result.
// TOML's types carry over (integer, float, boolean, string, array, table); a date or time is
// text: an offset date-time as RFC 3339 (`1979-05-27T07:32:00-07:00`, `...Z`), a local
// date-time, date or time as written in canonical form (`1979-05-27T07:32:00`, `1979-05-27`,
// `07:32:00`), fractions of a second kept. Keys keep the order of the document. A syntax error
// gives `line:column: TOML syntax error: ...`. Never throws for bad input; throws std::bad_alloc
// when memory runs out.
YamlResult read_toml_block(std::string_view block, std::uint32_t first_line,
                           const YamlOptions& options = {});

}  // namespace articles
