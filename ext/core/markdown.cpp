#include "core/markdown.hpp"

#include <cctype>
#include <vector>

#include "core/split.hpp"

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

// The text of a level-1 ATX line: blanks and a closing run of `#` (after a blank) removed.
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

std::optional<std::string> first_heading(std::string_view text) {
  enum class In { Text, Fence, Comment, HtmlToBlank, HtmlToEndTag };
  In in = In::Text;
  char fence_char = 0;
  std::size_t fence_len = 0;
  std::vector<std::string_view> para;  // the open paragraph's lines, trimmed
  bool para_ok = false;                // it may become a setext heading (not a list or quote)
  bool para_in_list = false;           // it is a list item's text
  std::size_t pos = 0, next = 0;
  while (pos < text.size()) {
    const std::string_view raw = text.substr(pos, line_at(text, pos, &next));
    pos = next;
    std::size_t col = 0, i = 0;
    while (i < raw.size() && (raw[i] == ' ' || raw[i] == '\t')) {
      col = raw[i] == '\t' ? col + 4 - col % 4 : col + 1;
      ++i;
    }
    const std::string_view rest = raw.substr(i);
    switch (in) {
      case In::Fence:
        if (!rest.empty() && rest[0] == fence_char && run_then_blanks(rest, fence_char, fence_len))
          in = In::Text;
        continue;
      case In::Comment:
        if (raw.find("-->") != std::string_view::npos) in = In::Text;
        continue;
      case In::HtmlToBlank:
        if (blank(raw)) in = In::Text;
        continue;
      case In::HtmlToEndTag:
        if (has_raw_end_tag(raw)) in = In::Text;
        continue;
      case In::Text:
        break;
    }
    if (rest.empty()) {
      para.clear();
      continue;
    }
    // A line after a list item's text continues it (a lazy line) unless it starts a block of its
    // own: HTML, `===` and the rest are that text.
    char ignored = 0;
    const bool starts_block = col <= 3 && (atx_level(rest) || fence_length(rest, &ignored) ||
                                           is_rule(rest) || rest[0] == '>' || is_bullet(rest));
    if (!para.empty() && para_in_list && !starts_block) {
      para.push_back(trim_blanks(rest));
      continue;
    }
    if (std::size_t n = fence_length(rest, &fence_char)) {
      fence_len = n;
      in = In::Fence;
      para.clear();
      continue;
    }
    if (col >= 4) {  // indented code, or a paragraph's next line
      if (!para.empty()) para.push_back(trim_blanks(rest));
      continue;
    }
    if (rest.substr(0, 4) == "<!--") {
      if (rest.find("-->", 4) == std::string_view::npos) in = In::Comment;
      para.clear();
      continue;
    }
    if (rest[0] == '<') {
      bool closing = false;
      const std::string name = tag_name(rest, &closing);
      if (!closing &&
          (name == "script" || name == "pre" || name == "style" || name == "textarea")) {
        if (!has_raw_end_tag(rest.substr(1))) in = In::HtmlToEndTag;
        para.clear();
        continue;
      }
      // A block tag, or any complete tag alone on its line where no paragraph is open.
      if (is_block_tag(name) || (para.empty() && lone_tag(rest))) {
        in = In::HtmlToBlank;
        para.clear();
        continue;
      }
    }
    if (const int level = atx_level(rest)) {
      if (level == 1) {
        const std::string_view t = atx_text(rest);
        if (!t.empty()) return std::string(t);
      }
      para.clear();
      continue;
    }
    if (run_then_blanks(rest, '=', 1) && !para.empty()) {
      if (para_ok && !para.back().empty()) return std::string(para.back());
      para.clear();
      continue;
    }
    if (is_rule(rest) || run_then_blanks(rest, '-', 1)) {
      para.clear();
      continue;
    }
    if (rest[0] == '>' || is_bullet(rest)) {  // a quote or a list item: never a title here
      para.assign(1, std::string_view());
      para_ok = false;
      para_in_list = rest[0] != '>';
      continue;
    }
    if (para.empty()) para_ok = true, para_in_list = false;
    para.push_back(trim_blanks(rest));
  }
  return std::nullopt;
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
