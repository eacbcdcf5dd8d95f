#include "core/markdown.hpp"

#include <algorithm>
#include <cassert>
#include <cctype>
#include <memory>
#include <vector>

#include "core/split.hpp"
#include "core/text.hpp"

namespace articles {

namespace {

bool blank(std::string_view s) {
  return s.find_first_not_of(" \t") == std::string_view::npos;
}

std::string_view trim_blanks(std::string_view s) {
  const std::size_t a = s.find_first_not_of(" \t");
  if (a == std::string_view::npos) return {};
  return s.substr(a, s.find_last_not_of(" \t") - a + 1);
}

// A run of the same character `c`, at least `min` long, then only blanks (`===`, a rule, a
// closing fence).
bool run_then_blanks(std::string_view s, char c, std::size_t min) {
  std::size_t n = 0;
  while (n < s.size() && s[n] == c) ++n;
  return n >= min && blank(s.substr(n));
}

// `#`s (1 to 6) then a blank or the end: an ATX heading of that level; 0 otherwise.
int atx_level(std::string_view s) {
  std::size_t n = 0;
  while (n < s.size() && s[n] == '#') ++n;
  if (n == 0 || n > 6) return 0;
  return n == s.size() || s[n] == ' ' || s[n] == '\t' ? static_cast<int>(n) : 0;
}

// The text of an ATX line from its last opening `#`: blanks and a closing run of `#` (after a
// blank) removed.
std::string_view atx_text(std::string_view s) {
  s = trim_blanks(s.substr(1));
  std::size_t end = s.size();
  while (end > 0 && s[end - 1] == '#') --end;
  if (end == 0)
    s = {};
  else if (end < s.size() && (s[end - 1] == ' ' || s[end - 1] == '\t'))
    s = trim_blanks(s.substr(0, end));
  return s;
}

// A thematic break: three or more `*`, `-` or `_`, blanks between allowed.
bool is_rule(std::string_view s) {
  char c = 0;
  std::size_t count = 0;
  for (char x : s) {
    if (x == ' ' || x == '\t') continue;
    if (x != '*' && x != '-' && x != '_') return false;
    if (c && x != c) return false;
    c = x;
    ++count;
  }
  return count >= 3;
}

// A list item marker: `-`, `+`, `*`, or 1-9 digits and `.` or `)`, then a blank or the end.
bool is_bullet(std::string_view s) {
  std::size_t n = 0;
  if (!s.empty() && (s[0] == '-' || s[0] == '+' || s[0] == '*')) {
    n = 1;
  } else {
    while (n < s.size() && n < 9 && std::isdigit(static_cast<unsigned char>(s[n]))) ++n;
    if (n == 0 || n >= s.size() || (s[n] != '.' && s[n] != ')')) return false;
    ++n;
  }
  return n == s.size() || s[n] == ' ' || s[n] == '\t';
}

// The opening fence of a code block: the fence character and its length, or 0.
std::size_t fence_length(std::string_view s, char* c) {
  if (s.empty() || (s[0] != '`' && s[0] != '~')) return 0;
  std::size_t n = 0;
  while (n < s.size() && s[n] == s[0]) ++n;
  if (n < 3) return 0;
  if (s[0] == '`' && s.substr(n).find('`') != std::string_view::npos) return 0;
  *c = s[0];
  return n;
}

// The tag name after `<` or `</` at the start of `s`, lower-cased, when it ends as a tag name
// does (a blank, `>`, `/>`, or the end of the line); "" otherwise.
std::string tag_name(std::string_view s, bool* closing) {
  std::size_t i = 1;
  *closing = i < s.size() && s[i] == '/';
  if (*closing) ++i;
  std::string name;
  while (i < s.size() && std::isalnum(static_cast<unsigned char>(s[i])))
    name.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(s[i++]))));
  if (i < s.size() && s[i] != ' ' && s[i] != '\t' && s[i] != '>' && s.substr(i, 2) != "/>")
    return "";
  return name;
}

bool is_block_tag(const std::string& name) {
  static const char* const kTags[] = {
      "address", "article",  "aside",   "base",     "basefont", "blockquote", "body",
      "caption", "center",   "col",     "colgroup", "dd",       "details",    "dialog",
      "dir",     "div",      "dl",      "dt",       "fieldset", "figcaption", "figure",
      "footer",  "form",     "frame",   "frameset", "h1",       "h2",         "h3",
      "h4",      "h5",       "h6",      "head",     "header",   "hr",         "html",
      "iframe",  "legend",   "li",      "link",     "main",     "menu",       "menuitem",
      "nav",     "noframes", "ol",      "optgroup", "option",   "p",          "param",
      "search",  "section",  "summary", "table",    "tbody",    "td",         "tfoot",
      "th",      "thead",    "title",   "tr",       "track",    "ul"};
  for (const char* t : kTags)
    if (name == t) return true;
  return false;
}

// Whether a line holds the end tag of a raw HTML block: </script>, </pre>, </style> or
// </textarea> (any of them ends any of these blocks, as in CommonMark).
bool has_raw_end_tag(std::string_view line) {
  std::string lower(line);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const char* tag : {"</script>", "</pre>", "</style>", "</textarea>"})
    if (lower.find(tag) != std::string::npos) return true;
  return false;
}

// Whether the line is one complete opening or closing tag (`<a href="x">`, `</span>`), then
// only blanks.
bool lone_tag(std::string_view s) {
  std::size_t i = 1;
  const bool closing = i < s.size() && s[i] == '/';
  if (closing) ++i;
  if (i >= s.size() || !std::isalpha(static_cast<unsigned char>(s[i]))) return false;
  while (i < s.size() && (std::isalnum(static_cast<unsigned char>(s[i])) || s[i] == '-')) ++i;
  char quote = 0;
  for (; i < s.size(); ++i) {
    const char c = s[i];
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      if (closing) return false;
      quote = c;
    } else if (c == '>') {
      return blank(s.substr(i + 1));
    } else if (c == '<' || (closing && c != ' ' && c != '\t')) {
      return false;
    }
  }
  return false;
}

}  // namespace

// Reads a Markdown text a line at a time, as docs/format.md reads it: calls on_heading(const
// Heading&) for each heading in order, and on_inline(line, number) for each line that holds
// inline text (a paragraph's, a list item's, a block quote's or a heading's; not a code
// block's, an HTML comment's or an HTML block's), blanks before it removed, numbered from 0.
// Stops when on_heading returns false. A line at a time, so that a reader of a text of millions
// of lines can stop after each one.
class BlockWalker {
 public:
  explicit BlockWalker(std::string_view text) : text_(text) {}

  // Reads the next line; false when none is left or on_heading asked to stop.
  template <typename F, typename G>
  bool step(F on_heading, G on_inline) {
    if (pos_ >= text_.size()) return false;
    const std::string_view text = text_;
    const std::size_t pos = pos_;
    const std::uint32_t line = line_++;
    std::size_t next = 0;
    std::size_t col = 0, i = 0;
    const std::string_view raw = text.substr(pos, line_at(text, pos, &next));
    pos_ = next;
    while (i < raw.size() && (raw[i] == ' ' || raw[i] == '\t')) {
      col = raw[i] == '\t' ? col + 4 - col % 4 : col + 1;
      ++i;
    }
    const std::string_view rest = raw.substr(i);
    switch (in_) {
      case In::Fence:
        if (!rest.empty() && rest[0] == fence_char_ &&
            run_then_blanks(rest, fence_char_, fence_len_))
          in_ = In::Text;
        return true;
      case In::Comment:
        if (raw.find("-->") != std::string_view::npos) in_ = In::Text;
        return true;
      case In::HtmlToBlank:
        if (blank(raw)) in_ = In::Text;
        return true;
      case In::HtmlToEndTag:
        if (has_raw_end_tag(raw)) in_ = In::Text;
        return true;
      case In::Text:
        break;
    }
    if (rest.empty()) {
      in_para_ = false;
      return true;
    }
    // A line after a list item's text continues it (a lazy line) unless it starts a block of its
    // own: HTML, `===` and the rest are that text.
    char ignored = 0;
    const bool starts_block = col <= 3 && (atx_level(rest) || fence_length(rest, &ignored) ||
                                           is_rule(rest) || rest[0] == '>' || is_bullet(rest));
    if (in_para_ && para_in_list_ && !starts_block) {
      para_ = ParaLine{trim_blanks(rest), pos, line};
      on_inline(rest, line);
      return true;
    }
    if (std::size_t n = fence_length(rest, &fence_char_)) {
      fence_len_ = n;
      in_ = In::Fence;
      in_para_ = false;
      return true;
    }
    if (col >= 4) {  // indented code, or a paragraph's next line
      if (in_para_) {
        para_ = ParaLine{trim_blanks(rest), pos, line};
        on_inline(rest, line);
      }
      return true;
    }
    if (rest.substr(0, 4) == "<!--") {
      if (rest.find("-->", 4) == std::string_view::npos) in_ = In::Comment;
      in_para_ = false;
      return true;
    }
    if (rest[0] == '<') {
      bool closing = false;
      const std::string name = tag_name(rest, &closing);
      if (!closing &&
          (name == "script" || name == "pre" || name == "style" || name == "textarea")) {
        if (!has_raw_end_tag(rest.substr(1))) in_ = In::HtmlToEndTag;
        in_para_ = false;
        return true;
      }
      // A block tag, or any complete tag alone on its line where no paragraph is open.
      if (is_block_tag(name) || (!in_para_ && lone_tag(rest))) {
        in_ = In::HtmlToBlank;
        in_para_ = false;
        return true;
      }
    }
    if (const int level = atx_level(rest)) {
      const std::string_view t = atx_text(rest.substr(static_cast<std::size_t>(level) - 1));
      on_inline(rest, line);
      if (!t.empty() && !on_heading(Heading{level, t, pos, next, line})) return stop();
      in_para_ = false;
      return true;
    }
    // A setext underline: the paragraph's last line is the heading (level 1 with `=`, 2 with
    // `-`), from that line to the underline.
    const bool equals = run_then_blanks(rest, '=', 1), dashes = run_then_blanks(rest, '-', 1);
    if ((equals || dashes) && in_para_ && para_ok_ && !para_.text.empty()) {
      const ParaLine& last = para_;
      if (!on_heading(Heading{equals ? 1 : 2, last.text, last.begin, next, last.line}))
        return stop();
      in_para_ = false;
      return true;
    }
    if (equals && in_para_) {
      in_para_ = false;
      return true;
    }
    if (is_rule(rest) || dashes) {
      in_para_ = false;
      return true;
    }
    if (rest[0] == '>' || is_bullet(rest)) {  // a quote or a list item: never a heading here
      para_ = ParaLine{std::string_view(), pos, line};
      in_para_ = true;
      para_ok_ = false;
      para_in_list_ = rest[0] != '>';
      on_inline(rest, line);
      return true;
    }
    if (!in_para_) para_ok_ = true, para_in_list_ = false;
    para_ = ParaLine{trim_blanks(rest), pos, line};
    in_para_ = true;
    on_inline(rest, line);
    return true;
  }

 private:
  enum class In { Text, Fence, Comment, HtmlToBlank, HtmlToEndTag };
  struct ParaLine {
    std::string_view text;  // trimmed
    std::size_t begin;      // where its line starts in `text`
    std::uint32_t line;
  };
  bool stop() {
    pos_ = text_.size();
    return false;
  }
  std::string_view text_;
  std::size_t pos_ = 0;
  std::uint32_t line_ = 0;
  In in_ = In::Text;
  char fence_char_ = 0;
  std::size_t fence_len_ = 0;
  bool in_para_ = false;       // a paragraph is open
  ParaLine para_{};            // its last line (all a setext heading needs of it)
  bool para_ok_ = false;       // it may become a setext heading (not a list or quote)
  bool para_in_list_ = false;  // it is a list item's text
};

namespace {

// The whole text read by a BlockWalker.
template <typename F, typename G>
void walk_blocks(std::string_view text, F on_heading, G on_inline) {
  BlockWalker walker(text);
  while (walker.step(on_heading, on_inline)) {
  }
}

// walk_blocks for the headings alone.
template <typename F>
void walk_headings(std::string_view text, F on_heading) {
  walk_blocks(text, on_heading, [](std::string_view, std::uint32_t) {});
}

// A heading's attribute block (`## Install {#setup}`, `{#setup .wide}`, `{.notranslate
// lang=en}`), as Hugo, Pandoc and kramdown write it: removed from the heading, its id returned
// (none without one). A brace block with anything but `#id`, `.class` and `key=value` tokens
// stays part of the heading.
std::optional<std::string_view> heading_attributes(std::string_view* heading) {
  std::string_view h = *heading;
  if (h.empty() || h.back() != '}') return std::nullopt;
  const std::size_t open = h.rfind('{');
  if (open == std::string_view::npos || (open > 0 && h[open - 1] != ' ' && h[open - 1] != '\t'))
    return std::nullopt;
  std::string_view attrs = h.substr(open + 1, h.size() - open - 2);
  std::optional<std::string_view> id;
  bool any = false;
  while (!attrs.empty()) {
    const std::size_t a = attrs.find_first_not_of(" \t");
    if (a == std::string_view::npos) break;
    attrs.remove_prefix(a);
    const std::size_t b = std::min(attrs.find_first_of(" \t"), attrs.size());
    const std::string_view token = attrs.substr(0, b);
    if (token.size() > 1 && token[0] == '#')
      id = token.substr(1);
    else if (!(token.size() > 1 && token[0] == '.') && token.find('=') == std::string_view::npos)
      return std::nullopt;
    any = true;
    attrs.remove_prefix(b);
  }
  if (!any) return std::nullopt;
  *heading = trim_blanks(h.substr(0, open));
  return id;
}

// A Markdown character that marks up inline text: gone from a heading's anchor.
bool inline_mark(char c) {
  return c == '*' || c == '`' || c == '~';
}

}  // namespace

std::optional<std::string> first_heading(std::string_view text) {
  std::optional<std::string> found;
  walk_headings(text, [&](const Heading& h) {
    if (h.level != 1) return true;
    found = std::string(h.text);
    return false;
  });
  return found;
}

std::string heading_slug(std::string_view heading) {
  // The text a reader sees: links and images as their text, HTML tags and markup marks gone.
  std::string seen;
  // The next `>` and `)`, looked for again only once passed: a heading of a million `<` would
  // otherwise be read to its end from each.
  std::size_t gt = heading.find('>'), paren = heading.find(')');
  auto next = [&](std::size_t* at, char c, std::size_t from) {
    if (*at != std::string_view::npos && *at < from) *at = heading.find(c, from);
    return *at;
  };
  for (std::size_t i = 0; i < heading.size(); ++i) {
    const char c = heading[i];
    if (c == '<') {  // an HTML tag (`<br>`, `<span class="x">`): dropped
      const std::size_t close = next(&gt, '>', i);
      if (close != std::string_view::npos &&
          (i + 1 < heading.size() &&
           (std::isalpha(static_cast<unsigned char>(heading[i + 1])) || heading[i + 1] == '/'))) {
        i = close;
        continue;
      }
    }
    if (c == ']' && i + 1 < heading.size() && heading[i + 1] == '(') {  // [text](target)
      const std::size_t close = next(&paren, ')', i + 2);
      if (close != std::string_view::npos) {
        i = close;
        continue;
      }
    }
    if (c == '!' && i + 1 < heading.size() && heading[i + 1] == '[') continue;
    if (c == '[' || c == ']' || inline_mark(c)) continue;
    seen.push_back(c);
  }
  seen = std::string(trim_blanks(seen));
  // GitHub's rule: lower case; letters, marks, digits, `-`, `_` and spaces kept, every other
  // character dropped; each space becomes `-`.
  std::string slug;
  for (std::size_t i = 0; i < seen.size();) {
    const std::uint32_t cp = next_cp(seen, &i);
    if (cp == ' ')
      slug.push_back('-');
    else if (cp == '-' || is_word_cp(cp))
      append_code_point(slug, lower_cp(cp));
  }
  return slug;
}

SectionReader::SectionReader(std::string_view text, std::uint32_t first_line)
    : text_(text),
      first_line_(first_line),
      walker_(std::make_unique<BlockWalker>(text)),
      counted_line_(first_line) {}
SectionReader::SectionReader(SectionReader&&) noexcept = default;
SectionReader& SectionReader::operator=(SectionReader&&) noexcept = default;
SectionReader::~SectionReader() = default;

std::optional<Heading> SectionReader::read_heading() {
  std::optional<Heading> found;
  while (!found && walker_->step(
                       [&](const Heading& h) {
                         found = h;
                         return true;
                       },
                       [](std::string_view, std::uint32_t) {})) {
  }
  return found;
}

std::uint32_t SectionReader::line_of(std::size_t offset) {
  assert(offset >= counted_to_);
  counted_line_ +=
      static_cast<std::uint32_t>(std::count(text_.begin() + static_cast<long>(counted_to_),
                                            text_.begin() + static_cast<long>(offset), '\n'));
  counted_to_ = offset;
  return counted_line_;
}

std::string_view SectionReader::own_text(std::size_t begin, std::size_t end) const {
  std::string_view t = text_.substr(begin, end - begin);
  // Leading blank lines go (LF or CR LF); the first line's indent stays.
  std::size_t next = 0;
  while (!t.empty() && blank(t.substr(0, line_at(t, 0, &next)))) t.remove_prefix(next);
  while (!t.empty() &&
         (t.back() == '\n' || t.back() == '\r' || t.back() == ' ' || t.back() == '\t'))
    t.remove_suffix(1);
  return t;
}

// The last line a section covers: that of its text's last character, or of its heading's last
// line when it has no text.
std::uint32_t SectionReader::last_line_of(std::string_view own, std::size_t heading_end) {
  if (!own.empty())
    return line_of(static_cast<std::size_t>(own.data() - text_.data()) + own.size() - 1);
  return heading_end > 0 ? line_of(heading_end - 1) : first_line_;
}

std::size_t SectionReader::find_anchor(std::string_view anchor) const {
  if (slots_.empty()) return anchors_.size();
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = std::hash<std::string_view>()(anchor) & mask;; i = (i + 1) & mask) {
    if (slots_[i] == 0) return anchors_.size();
    if (anchors_[slots_[i] - 1] == anchor) return slots_[i] - 1;
  }
}

void SectionReader::add_anchor(std::string anchor) {
  anchors_.push_back(std::move(anchor));
  suffixes_.push_back(0);
  auto place = [&](std::size_t held) {  // `held`: 1 + an anchor's index
    const std::size_t mask = slots_.size() - 1;
    std::size_t i = std::hash<std::string_view>()(anchors_[held - 1]) & mask;
    while (slots_[i]) i = (i + 1) & mask;
    slots_[i] = held;
  };
  if (2 * anchors_.size() > slots_.size()) {  // at most half full
    slots_.assign(std::max<std::size_t>(64, 2 * slots_.size()), 0);
    for (std::size_t held = 1; held < anchors_.size(); ++held) place(held);
  }
  place(anchors_.size());
}

// GitHub's unique anchors: a repeat gets -1, -2, ... (skipping any taken by a heading).
std::string SectionReader::unique_anchor(std::string anchor) {
  const std::size_t owner = find_anchor(anchor);
  if (owner == anchors_.size()) return anchor;
  std::string candidate;
  int n = suffixes_[owner];
  do candidate = anchor + "-" + std::to_string(++n);
  while (find_anchor(candidate) != anchors_.size());
  suffixes_[owner] = n;
  return candidate;
}

bool SectionReader::next(Section* out) {
  if (!lead_done_) {
    lead_done_ = true;
    ahead_ = read_heading();
    const std::size_t first_begin = ahead_ ? ahead_->begin : text_.size();
    const std::string_view lead = own_text(0, first_begin);
    if (!ahead_ || !lead.empty()) {
      *out = Section();
      out->text = lead;
      out->line = lead.empty() ? first_line_
                               : line_of(static_cast<std::size_t>(lead.data() - text_.data()));
      out->end_line = last_line_of(lead, 0);
      ++given_;
      return true;
    }
  }
  if (!ahead_) return false;
  const Heading h = *ahead_;
  ahead_ = read_heading();
  Section s;
  s.level = h.level;
  std::string_view shown = h.text;
  std::optional<std::string_view> id = heading_attributes(&shown);
  std::string anchor = unique_anchor(id ? std::string(*id) : heading_slug(shown));
  s.heading = std::string(shown);
  s.anchor = anchor;
  while (!open_.empty() && open_.back().second >= h.level) open_.pop_back();
  if (!open_.empty()) s.parent = open_.back().first;
  s.line = first_line_ + h.line;
  const std::size_t end = ahead_ ? ahead_->begin : text_.size();
  s.text = own_text(std::min(h.end, end), end);
  s.end_line = last_line_of(s.text, h.end);
  open_.emplace_back(given_++, h.level);
  add_anchor(std::move(anchor));
  *out = std::move(s);
  return true;
}

std::vector<Section> markdown_sections(std::string_view text, std::uint32_t first_line) {
  std::vector<Section> out;
  SectionReader reader(text, first_line);
  for (Section s; reader.next(&s);) out.push_back(std::move(s));
  return out;
}

InlineLineReader::InlineLineReader(std::string_view text)
    : walker_(std::make_unique<BlockWalker>(text)) {}
InlineLineReader::InlineLineReader(InlineLineReader&&) noexcept = default;
InlineLineReader& InlineLineReader::operator=(InlineLineReader&&) noexcept = default;
InlineLineReader::~InlineLineReader() = default;

bool InlineLineReader::next(InlineLine* out) {
  bool found = false;
  while (!found && walker_->step([](const Heading&) { return true; },
                                 [&](std::string_view line, std::uint32_t number) {
                                   *out = InlineLine{line, number};
                                   found = true;
                                 })) {
  }
  return found;
}

bool is_markdown_name(std::string_view name) {
  const std::size_t dot = name.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return false;
  std::string ext;
  for (char c : name.substr(dot + 1))
    ext.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  return ext == "md" || ext == "markdown" || ext == "mdx" || ext == "mkd" || ext == "mdown";
}

std::string_view name_stem(std::string_view name) {
  const std::size_t dot = name.rfind('.');
  return dot == std::string_view::npos || dot == 0 ? name : name.substr(0, dot);
}

}  // namespace articles
