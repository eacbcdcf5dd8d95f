// Front-matter splitting: where the YAML block is, and where the body starts.
//
// Rules (docs/format.md): the first line is exactly `---` (trailing spaces or tabs allowed, LF
// or CRLF); the block ends at the first later line that is exactly `---` or `...` (trailing
// spaces or tabs allowed). An empty block is valid. Without a closing line the file is plain
// text and the split says so. The caller has removed any BOM already.
#pragma once

#include <cstdint>
#include <string_view>

namespace articles {

struct Split {
  enum class Kind { None, FrontMatter, Unterminated };
  Kind kind = Kind::None;
  std::string_view block;        // the YAML between the lines (FrontMatter only)
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
