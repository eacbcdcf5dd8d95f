// JSON front matter (Hugo's): a file whose first non-blank character is `{` and which starts with
// a complete JSON object. A strict RFC 8259 reader of our own (no dependency), into Values.
//
//   std::optional<JsonFrontMatter> j = read_json_front_matter("{\"title\": \"T\"}\nBody\n", {});
//   // j->result.root: {"title":"T"}; j->body_offset: the offset of "Body"
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "core/yaml_reader.hpp"

namespace articles {

struct JsonFrontMatter {
  YamlResult result;        // the object (result.ok), or an error with line:column
  std::size_t body_offset;  // where the body starts: after the object and one line break
  std::uint32_t body_line;  // the file line on which it starts
};

// Reads the JSON object at the start of `text` (after spaces, tabs and line breaks). Nothing
// when the text does not start with a complete, valid JSON object: such a file is plain text.
// Under the limits of `options` (depth, values, bytes, block size), whose excess is an error;
// a repeated key keeps its last value, with a note. Never throws for bad input; throws
// std::bad_alloc when memory runs out.
std::optional<JsonFrontMatter> read_json_front_matter(std::string_view text,
                                                      const YamlOptions& options = {});

// Whether `text` opens as JSON front matter would: its first character other than a space, tab
// or line break is `{`.
bool starts_like_json(std::string_view text);

}  // namespace articles
