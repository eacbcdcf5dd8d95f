// Front-matter splitting: where the YAML or TOML block is, and where the body starts.
//
// Rules (docs/format.md): YAML opens with a first line that is exactly `---` (trailing spaces or
// tabs allowed, LF or CRLF) and ends at the first later line that is exactly `---` or `...`;
// TOML opens with a first line `+++` and ends at the first later line `+++` (the same blanks
// allowed). An empty block is valid. Without a closing line the file is plain text and the
// split says so. The caller has removed any BOM already. (JSON front matter, a leading object,
// is found by reading it: core/json_reader.hpp.)
#pragma once

#include <cstdint>
#include <string_view>

namespace articles {

struct Split {
  enum class Kind { None, FrontMatter, Unterminated };
  Kind kind = Kind::None;
  bool toml = false;             // `+++` opened it (else `---`); FrontMatter and Unterminated
  std::string_view block;        // the YAML or TOML between the lines (FrontMatter only)
  std::uint32_t block_line = 0;  // 1-based file line of the block's first line
  // FrontMatter: the text after the closing line, verbatim. None: the whole text.
  // Unterminated: the text after the opening line.
  std::string_view body;
  std::uint32_t body_line = 1;  // 1-based file line where `body` starts
};

// REQUIRES: `text` outlives the views of the result.
Split split_front_matter(std::string_view text);

// The length of the line at `pos` without its terminator (LF, or CR LF), and the position of
// the next line in `*next` (text.size() at the end).
std::size_t line_at(std::string_view text, std::size_t pos, std::size_t* next);

}  // namespace articles
