// What a Markdown file says of itself: its title heading. Pure functions, thread-safe.
//
//   first_heading("Intro\n\n# Getting started #\n")  // "Getting started"
#pragma once

#include <optional>
#include <string>
#include <string_view>

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

// Whether a file of this name is Markdown by its extension: .md, .markdown, .mdx, .mkd, .mdown
// (any case).
bool is_markdown_name(std::string_view name);

// The file name without its last extension (`notes.v2.md` -> `notes.v2`; `README` stays).
std::string_view name_stem(std::string_view name);

}  // namespace articles
