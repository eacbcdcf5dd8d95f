// What a Markdown file says of itself: its title heading. Pure functions, thread-safe.
//
//   first_heading("Intro\n\n# Getting started #\n")  // "Getting started"
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace articles {

// The text of the first level-1 heading of a Markdown text, read line by line: an ATX heading
// (`# Title`, up to three spaces of indent, a closing run of `#` removed) or a setext one (the
// line of a paragraph underlined with `===`), never inside a fenced code
// block (``` or ~~~, to its closing fence), an HTML comment or an HTML block (a line opening
// one of CommonMark's block tags, to the next blank line; `<script>`, `<pre>`, `<style>` and
// `<textarea>` to their end tag; not after the text of a list item, which such a line continues),
// an indented code block, a list item or a block quote. An empty heading is passed over. Inline
// markup stays as written.
std::optional<std::string> first_heading(std::string_view text);

// One heading of a Markdown text, as first_heading finds them (any level, 1 to 6).
struct Heading {
  int level;
  std::string_view text;  // blanks and the `#` marks (or the setext underline) removed
  std::size_t begin;      // where its first line starts in the text
  std::size_t end;        // past its last line (a setext heading's underline)
  std::uint32_t line;     // its first line, counted from 0
};

// A line of a Markdown text that holds inline text, where links are: a paragraph's, a list
// item's, a block quote's or a heading's line (marks and all), never one of a fenced or
// indented code block, an HTML comment or an HTML block (as the sections read them).
struct InlineLine {
  std::string_view text;  // blanks before it removed; its line break not included
  std::uint32_t line;     // counted from 0
};

class BlockWalker;

// The inline lines of a Markdown text, in order, one at a time: a text of millions of lines is
// never held as a list of them. REQUIRES: the text outlives it.
class InlineLineReader {
 public:
  explicit InlineLineReader(std::string_view text);
  InlineLineReader(InlineLineReader&&) noexcept;
  InlineLineReader& operator=(InlineLineReader&&) noexcept;
  ~InlineLineReader();
  // Sets *out to the next inline line; false when none is left.
  bool next(InlineLine* out);

 private:
  std::unique_ptr<BlockWalker> walker_;
};

// GitHub's anchor for a heading: the text a reader sees (links and images as their text, HTML
// tags, `*`, `~`, backticks and brackets gone), lower case, every character but letters, marks,
// digits, `-`, `_` and spaces dropped, each space turned to `-`. `Hello, *World*!` ->
// `hello-world`.
std::string heading_slug(std::string_view heading);

// One section of a Markdown text: a heading and its own text, up to the next heading of any
// level. Level 0 is the text before the first heading (only when it is not blank), or the whole
// text when there is no heading.
struct Section {
  int level = 0;
  std::optional<std::string> heading, anchor;  // none at level 0
  // Unique in the text: a repeated anchor gets -1, -2, ... as GitHub numbers them.
  std::optional<std::size_t> parent;  // the index of the nearest section above of lower level
  // Its first line (the heading's) and last (its text's last, blank lines not counted).
  std::uint32_t line = 1, end_line = 1;
  std::string_view text;  // into the text; blank lines at both ends removed
};

// The sections of a Markdown text whose first line is line `first_line` of its file.
std::vector<Section> markdown_sections(std::string_view text, std::uint32_t first_line);

// The same sections one at a time, for a text that may hold millions of headings: what it keeps
// is the anchors given so far, not the headings or the sections (a heading is read when its
// section is made, with the next one). REQUIRES: the text outlives it.
class SectionReader {
 public:
  SectionReader(std::string_view text, std::uint32_t first_line);
  SectionReader(SectionReader&&) noexcept;
  SectionReader& operator=(SectionReader&&) noexcept;
  ~SectionReader();
  // The next section into *out; false when none is left.
  bool next(Section* out);

 private:
  std::optional<Heading> read_heading();      // the next heading of the text
  std::uint32_t line_of(std::size_t offset);  // offsets that never go back
  std::string_view own_text(std::size_t begin, std::size_t end) const;
  std::uint32_t last_line_of(std::string_view own, std::size_t heading_end);
  std::string unique_anchor(std::string anchor);

  std::string_view text_;
  std::uint32_t first_line_;
  std::unique_ptr<BlockWalker> walker_;
  std::optional<Heading> ahead_;  // the heading of the next section, read
  bool lead_done_ = false;
  std::size_t given_ = 0;  // sections given so far
  // The sections enclosing the next heading: their positions and levels.
  std::vector<std::pair<std::size_t, int>> open_;
  std::size_t counted_to_ = 0;
  std::uint32_t counted_line_;
  // The anchors given, in an open-addressing set (1 + their index; 0: free), with the last
  // suffix a repeat of each took.
  std::vector<std::string> anchors_;
  std::vector<int> suffixes_;
  std::vector<std::size_t> slots_;
  std::size_t find_anchor(std::string_view anchor) const;  // its index, or anchors_.size()
  void add_anchor(std::string anchor);
};

// Whether a file of this name is Markdown by its extension: .md, .markdown, .mdx, .mkd, .mdown
// (any case).
bool is_markdown_name(std::string_view name);

// The file name without its last extension (`notes.v2.md` -> `notes.v2`; `README` stays).
std::string_view name_stem(std::string_view name);

}  // namespace articles
