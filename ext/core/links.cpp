#include "core/links.hpp"

#include <algorithm>
#include <array>
#include <cassert>

#include "core/text.hpp"
#include "core/tree.hpp"

namespace articles {

const char* link_kind_name(LinkKind kind) {
  switch (kind) {
    case LinkKind::Url:
      return "url";
    case LinkKind::Markdown:
      return "markdown";
    case LinkKind::Wiki:
      return "wiki";
    case LinkKind::Embed:
      return "embed";
    case LinkKind::FrontMatter:
      return "front_matter";
  }
  return "url";
}

namespace {

bool is_blank(char c) {
  return c == ' ' || c == '\t';
}

std::string_view trim_blanks(std::string_view s) {
  while (!s.empty() && is_blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_blank(s.back())) s.remove_suffix(1);
  return s;
}

bool is_ascii_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// The length of a URI scheme and its ':' at the start of `s` (`mailto:` -> 7), or 0.
std::size_t scheme_length(std::string_view s) {
  if (s.empty() || !is_ascii_alpha(s[0])) return 0;
  std::size_t i = 1;
  while (i < s.size() && i < 32 &&
         (is_ascii_alpha(s[i]) || (s[i] >= '0' && s[i] <= '9') || s[i] == '+' || s[i] == '-' ||
          s[i] == '.'))
    ++i;
  return i < s.size() && s[i] == ':' ? i + 1 : 0;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// `%20` and the like decoded; the text as it is when that gives no valid UTF-8 or a NUL.
std::string percent_decode(std::string_view s) {
  if (s.find('%') == std::string_view::npos) return std::string(s);
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      const int hi = hex_value(s[i + 1]), lo = hex_value(s[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
        continue;
      }
    }
    out.push_back(s[i]);
  }
  if (out.find('\0') != std::string::npos || !is_valid_utf8(out)) return std::string(s);
  return out;
}

// The end of a run of `c` starting at `i`.
std::size_t run_end(std::string_view s, std::size_t i, char c) {
  while (i < s.size() && s[i] == c) ++i;
  return i;
}

// The bytes a line's scan may look ahead over in all (past where it stands, for a closer: `]`,
// `)`, `]]`, `-->`, a code span's closing run): 16 times the line, and 1 MiB. A hostile line of
// 16 MB of `[` (or `[[`, `![`, `[a](`, backtick runs) had each opener look to the line's end, a
// time quadratic in the line (minutes); once the budget is spent no closer is found on the line,
// so its later openers are text. A line of real text spends a small part of it.
class Lookahead {
 public:
  explicit Lookahead(std::size_t line) : left_(16 * line + (1u << 20)) {}
  // Takes n bytes of the budget: false, and nothing left, when fewer were left.
  bool take(std::size_t n) {
    if (n > left_) {
      left_ = 0;
      return false;
    }
    left_ -= n;
    return true;
  }
  // The first place of `what` from `from` on in `s`, searched within the budget (npos when
  // there is none there); the bytes passed over are taken. (One character: memchr.)
  template <class What>
  std::size_t find(std::string_view s, What what, std::size_t from) {
    return found(s, from, [&](std::string_view part) { return part.find(what); });
  }
  // The same for any one of `chars` (std::string_view::find_first_of: a set looked up per byte).
  std::size_t find_first_of(std::string_view s, std::string_view chars, std::size_t from) {
    return found(s, from, [&](std::string_view part) { return part.find_first_of(chars); });
  }

 private:
  template <class Search>
  std::size_t found(std::string_view s, std::size_t from, Search search) {
    if (from >= s.size()) return std::string_view::npos;
    const std::size_t span = std::min(s.size() - from, left_);
    const std::size_t at = search(s.substr(from, span));
    left_ -= at == std::string_view::npos ? span : at;
    return at == std::string_view::npos ? at : from + at;
  }
  std::size_t left_;
};

// Where the code span opening with the backtick run at `i` ends (past its closing run), or npos
// when the run is not closed on the line.
std::size_t code_span_end(std::string_view s, std::size_t i, Lookahead& look) {
  const std::size_t open_end = run_end(s, i, '`');
  const std::size_t len = open_end - i;
  for (std::size_t j = open_end; j < s.size();) {
    const std::size_t tick = look.find(s, '`', j);
    if (tick == std::string_view::npos) return tick;
    const std::size_t e = run_end(s, tick, '`');
    if (!look.take(e - tick)) return std::string_view::npos;
    if (e - tick == len) return e;
    j = e;
  }
  return std::string_view::npos;
}

// The `]` that closes the `[` at `open` (brackets nest; escapes and code spans skipped), or npos.
std::size_t closing_bracket(std::string_view s, std::size_t open, Lookahead& look) {
  int depth = 0;
  for (std::size_t i = open; i < s.size(); ++i) {
    if (!look.take(1)) return std::string_view::npos;
    const char c = s[i];
    if (c == '\\') {
      ++i;
    } else if (c == '`') {
      const std::size_t e = code_span_end(s, i, look);
      i = (e == std::string_view::npos ? run_end(s, i, '`') : e) - 1;
    } else if (c == '[') {
      ++depth;
    } else if (c == ']' && --depth == 0) {
      return i;
    }
  }
  return std::string_view::npos;
}

// A link destination and optional title after the `(` at `open`: `(dest "title")`, `(<a b>)`.
// The destination, and in *end the position past the `)`; none when it is not one.
std::optional<std::string_view> inline_destination(std::string_view s, std::size_t open,
                                                   std::size_t* end, Lookahead& look) {
  std::size_t j = open + 1;
  while (j < s.size() && is_blank(s[j]) && look.take(1)) ++j;
  std::string_view dest;
  if (j < s.size() && s[j] == '<') {
    const std::size_t close = look.find_first_of(s, "<>", j + 1);
    if (close == std::string_view::npos || s[close] != '>') return std::nullopt;
    dest = s.substr(j + 1, close - j - 1);
    j = close + 1;
  } else {
    const std::size_t start = j;
    int depth = 0;
    for (; j < s.size(); ++j) {
      if (!look.take(1)) return std::nullopt;
      const char c = s[j];
      if (c == '\\' && j + 1 < s.size()) {
        ++j;
        continue;
      }
      if (static_cast<unsigned char>(c) <= 0x20) break;
      if (c == '(') ++depth;
      if (c == ')' && depth-- == 0) break;
    }
    dest = s.substr(start, j - start);
  }
  while (j < s.size() && is_blank(s[j]) && look.take(1)) ++j;
  if (j < s.size() && (s[j] == '"' || s[j] == '\'' || s[j] == '(')) {
    const char close = s[j] == '(' ? ')' : s[j];
    const std::size_t e = look.find(s, close, j + 1);
    if (e == std::string_view::npos) return std::nullopt;
    j = e + 1;
    while (j < s.size() && is_blank(s[j]) && look.take(1)) ++j;
  }
  if (j >= s.size() || s[j] != ')') return std::nullopt;
  *end = j + 1;
  return dest;
}

// A reference definition line, `[label]: dest "title"`: its label and destination.
bool definition(std::string_view line, std::string_view* label, std::string_view* dest) {
  if (line.empty() || line[0] != '[') return false;
  Lookahead look(line.size());
  const std::size_t close = closing_bracket(line, 0, look);
  if (close == std::string_view::npos || close < 2 || close + 1 >= line.size() ||
      line[close + 1] != ':' || line[1] == '^')
    return false;
  *label = line.substr(1, close - 1);
  std::string_view rest = trim_blanks(line.substr(close + 2));
  if (!rest.empty() && rest[0] == '<') {
    const std::size_t e = rest.find('>');
    if (e == std::string_view::npos) return false;
    *dest = rest.substr(1, e - 1);
  } else {
    const std::size_t e = std::min(rest.find_first_of(" \t"), rest.size());
    *dest = rest.substr(0, e);
  }
  return !dest->empty() || (!rest.empty() && rest[0] == '<');
}

// A reference label as CommonMark compares them: case folded, inner blank runs as one space.
std::string label_key(std::string_view label) {
  std::string collapsed;
  bool blank = false;
  for (char c : trim_blanks(label)) {
    if (is_blank(c) || c == '\n') {
      blank = true;
      continue;
    }
    if (blank) collapsed.push_back(' ');
    blank = false;
    collapsed.push_back(c);
  }
  return fold_name(collapsed);
}

// The next place of a text from a place on, remembered: a line's scan asks from places that
// mostly grow, and an answer stays right for every place up to it (a line of `[[` asked for its
// next `]]` at each of them).
class NextOf {
 public:
  explicit NextOf(std::string_view what) : what_(what) {}
  std::size_t find(std::string_view s, std::size_t from, Lookahead& look) {
    if (asked_ > from || (at_ != std::string_view::npos && at_ < from)) {
      at_ = look.find(s, what_, from);
      asked_ = from;
    }
    return at_;
  }

 private:
  std::string_view what_;
  std::size_t asked_ = std::string_view::npos;  // the place last asked from (none yet)
  std::size_t at_ = std::string_view::npos;     // the answer
};

// The `]` closing each `[` of a line, found in one pass with a stack from the first `[` asked
// about (as closing_bracket finds them from there: escapes and code spans skipped), read as far
// as the questions need, so that a line of many `[` that close late or never is read once, not
// once for each.
class Brackets {
 public:
  void reset(std::string_view s) {
    s_ = s;
    at_ = std::string_view::npos;
    opens_.clear();
    closes_.clear();
    unclosed_.clear();
  }
  // The `]` that closes the `[` at `open`, or npos. Where the pass did not stop at `open` (the
  // scan reached it past what the pass read as a code span or an escape, or before the pass's
  // start), closing_bracket.
  std::size_t close_of(std::size_t open, Lookahead& look) {
    if (at_ == std::string_view::npos) at_ = open;
    while (at_ <= open && at_ < s_.size()) step(look);
    const auto it = std::lower_bound(opens_.begin(), opens_.end(), open);
    if (it == opens_.end() || *it != open) return closing_bracket(s_, open, look);
    const auto k = static_cast<std::size_t>(it - opens_.begin());
    while (closes_[k] == kNone && at_ < s_.size()) step(look);
    return closes_[k] == kNone ? std::string_view::npos : closes_[k];
  }

 private:
  static constexpr std::uint32_t kNone = UINT32_MAX;
  // Reads the character (or escape, or code span) at at_, and the characters that are none of
  // these nor brackets after it.
  void step(Lookahead& look) {
    static constexpr auto kPlain = [] {
      std::array<bool, 256> plain{};
      for (int c = 0; c < 256; ++c) plain[c] = c != '\\' && c != '`' && c != '[' && c != ']';
      return plain;
    }();
    while (at_ < s_.size() && kPlain[static_cast<unsigned char>(s_[at_])]) ++at_;
    if (at_ >= s_.size()) return;
    const char c = s_[at_];
    if (c == '\\') {
      at_ += 2;
      return;
    }
    if (c == '`') {
      const std::size_t e = code_span_end(s_, at_, look);
      at_ = e == std::string_view::npos ? run_end(s_, at_, '`') : e;
      return;
    }
    if (c == '[') {
      unclosed_.push_back(static_cast<std::uint32_t>(opens_.size()));
      opens_.push_back(static_cast<std::uint32_t>(at_));
      closes_.push_back(kNone);
    } else if (c == ']' && !unclosed_.empty()) {
      closes_[unclosed_.back()] = static_cast<std::uint32_t>(at_);
      unclosed_.pop_back();
    }
    ++at_;
  }
  std::string_view s_;
  std::size_t at_ = 0;                         // where the pass stands
  std::vector<std::uint32_t> opens_, closes_;  // each `[` passed, in order, and its `]`
  std::vector<std::uint32_t> unclosed_;        // indices in opens_ of the `[` not closed yet
};

class LineScanner {
 public:
  LineScanner(const std::unordered_map<std::string, std::string>& definitions,
              std::vector<DocLink>& out)
      : definitions_(definitions), out_(out) {}

  // The links of one line of inline text.
  void scan(std::string_view s, std::uint32_t line) {
    Lookahead look(s.size());
    scan(s, line, look);
  }

 private:
  // The links of a line (or of a link's text within it), looking ahead within `look`.
  void scan(std::string_view s, std::uint32_t line, Lookahead& look) {
    std::size_t i = 0, plain = 0;
    // (The line's own table kept from line to line; a link's text, read within it, a new one.)
    Brackets nested;
    Brackets& brackets = depth_ == 0 ? brackets_ : nested;
    brackets.reset(s);
    NextOf comment_end("-->"), wiki_end("]]"), ref_end("]");
    auto flush = [&](std::size_t to) {
      if (to > plain)
        for (Link& l : text_links(s.substr(plain, to - plain), line))
          emit(LinkKind::Url, std::move(l.url), std::nullopt, line, false);
    };
    while (i < s.size()) {
      const char c = s[i];
      if (c == '\\') {
        i += 2;
        continue;
      }
      if (c == '`') {  // a code span holds no link
        const std::size_t e = code_span_end(s, i, look);
        if (e == std::string_view::npos) {
          i = run_end(s, i, '`');
          continue;
        }
        flush(i);
        i = plain = e;
        continue;
      }
      if (c == '<') {
        if (s.substr(i, 4) == "<!--") {  // an HTML comment within the line
          const std::size_t e = comment_end.find(s, i + 4, look);
          flush(i);
          i = plain = e == std::string_view::npos ? s.size() : e + 3;
          continue;
        }
        const std::size_t e = look.find_first_of(s, "<> \t", i + 1);
        if (e != std::string_view::npos && s[e] == '>' && scheme_length(s.substr(i + 1)) > 0) {
          flush(i);
          emit(LinkKind::Url, std::string(s.substr(i + 1, e - i - 1)), std::nullopt, line, false);
          i = plain = e + 1;
          continue;
        }
        ++i;
        continue;
      }
      const bool bang = c == '!' && i + 1 < s.size() && s[i + 1] == '[';
      if (c != '[' && !bang) {
        ++i;
        continue;
      }
      const std::size_t open = bang ? i + 1 : i;
      if (open + 1 < s.size() && s[open + 1] == '[') {  // a wiki-link or an embed
        if (const std::size_t e = wiki(s, open, line, bang, wiki_end.find(s, open + 2, look));
            e != 0) {
          flush(i);
          i = plain = e;
        } else {
          i = open + 2;
        }
        continue;
      }
      const std::size_t close = brackets.close_of(open, look);
      if (close == std::string_view::npos) {
        i = open + 1;
        continue;
      }
      const std::string_view text = s.substr(open + 1, close - open - 1);
      if (!text.empty() && text[0] == '^') {  // a footnote
        i = open + 1;
        continue;
      }
      std::optional<std::string> dest;
      std::size_t end = close + 1;
      const std::size_t ref_close =
          end < s.size() && s[end] == '[' ? ref_end.find(s, end + 1, look) : std::string_view::npos;
      if (end < s.size() && s[end] == '(') {  // `[text](dest)`
        if (auto d = inline_destination(s, end, &end, look)) dest = std::string(*d);
      } else if (ref_close != std::string_view::npos) {  // `[text][ref]`, `[text][]`
        const std::string_view ref = s.substr(end + 1, ref_close - end - 1);
        dest = lookup(ref.empty() ? text : ref, look);
        end = ref_close + 1;
      } else {
        dest = lookup(text, look);  // `[ref]`
      }
      if (!dest) {
        i = open + 1;  // literal brackets: links may lie inside
        continue;
      }
      flush(i);
      if (!dest->empty())
        emit(LinkKind::Markdown, std::move(*dest), std::string(trim_blanks(text)), line, bang);
      if (depth_ < 8) {  // a link in the text: a badge's image
        ++depth_;
        scan(text, line, look);
        --depth_;
      }
      i = plain = end;
    }
    flush(s.size());
  }

  // A wiki-link or embed whose `[[` is at `open` and the next `]]` at `close` (npos: none):
  // emits it and returns the position past its `]]`; 0 when it is none (unclosed on the line,
  // empty, or holding another `[[`).
  std::size_t wiki(std::string_view s, std::size_t open, std::uint32_t line, bool bang,
                   std::size_t close) {
    if (close == std::string_view::npos) return 0;
    const std::string_view inner = s.substr(open + 2, close - open - 2);
    if (inner.find("[[") != std::string_view::npos) return 0;
    std::size_t bar = inner.find('|');
    std::string_view name = inner.substr(0, bar);
    if (!name.empty() && name.back() == '\\') name.remove_suffix(1);  // `\|` in a table
    name = trim_blanks(name);
    if (name.empty()) return 0;
    std::optional<std::string> shown;
    if (bar != std::string_view::npos) shown = std::string(trim_blanks(inner.substr(bar + 1)));
    emit(bang ? LinkKind::Embed : LinkKind::Wiki, std::string(name), std::move(shown), line, bang);
    out_.back().wiki = true;
    return close + 2;
  }

  // (Its key is a copy of the label: looked ahead over.)
  std::optional<std::string> lookup(std::string_view label, Lookahead& look) const {
    if (label.empty() || definitions_.empty() || !look.take(label.size())) return std::nullopt;
    auto it = definitions_.find(label_key(label));
    if (it == definitions_.end()) return std::nullopt;
    return it->second;
  }

  void emit(LinkKind kind, std::string target, std::optional<std::string> text, std::uint32_t line,
            bool embed) {
    DocLink l;
    l.kind = kind;
    l.target = std::move(target);
    l.text = std::move(text);
    l.line = line;
    l.embed = embed;
    out_.push_back(std::move(l));
  }

  const std::unordered_map<std::string, std::string>& definitions_;
  std::vector<DocLink>& out_;
  int depth_ = 0;
  Brackets brackets_;
};

}  // namespace

MarkdownLinkReader::MarkdownLinkReader(std::string_view text, std::uint32_t first_line)
    : lines_(text), first_line_(first_line) {
  // (A definition holds `]:`: a text without any, most of them, is read once.)
  if (text.find("]:") == std::string_view::npos) return;
  InlineLineReader first(text);
  for (InlineLine l; first.next(&l);) {
    std::string_view label, dest;
    if (definition(l.text, &label, &dest))
      definitions_.emplace(label_key(label), std::string(dest));
  }
}

bool MarkdownLinkReader::next(std::vector<DocLink>* out) {
  out->clear();
  LineScanner scanner(definitions_, *out);
  for (InlineLine l; out->empty() && lines_.next(&l);) {
    // (A definition line is no link; with no definition in the text, none is asked about.)
    std::string_view label, dest;
    if (definitions_.empty() || !definition(l.text, &label, &dest))
      scanner.scan(l.text, first_line_ + l.line);
  }
  return !out->empty();
}

namespace {

// Every link a reader gives (MarkdownLinkReader, ArticleLinkReader), in order.
template <class Reader>
std::vector<DocLink> every_link(Reader reader) {
  std::vector<DocLink> out, some;
  while (reader.next(&some))
    out.insert(out.end(), std::make_move_iterator(some.begin()),
               std::make_move_iterator(some.end()));
  return out;
}

}  // namespace

std::vector<DocLink> markdown_links(std::string_view text, std::uint32_t first_line) {
  return every_link(MarkdownLinkReader(text, first_line));
}

std::vector<DocLink> front_matter_links(const Value& root) {
  std::vector<DocLink> out;
  for (LeafWalker w(root); w.next();) {
    const Leaf& leaf = w.leaf();
    if (leaf.value->kind != Value::Kind::Text) continue;
    const std::string_view s = trim(leaf.value->text);
    DocLink l;
    l.kind = LinkKind::FrontMatter;
    l.line = leaf.value->line;
    l.fullkey = leaf.fullkey;
    if (s.size() > 4 && s.substr(0, 2) == "[[" && s.substr(s.size() - 2) == "]]" &&
        s.substr(2, s.size() - 4).find_first_of("[]") == std::string_view::npos) {
      const std::string_view inner = s.substr(2, s.size() - 4);
      const std::size_t bar = inner.find('|');
      if (bar != std::string_view::npos) l.text = std::string(trim_blanks(inner.substr(bar + 1)));
      l.target = std::string(trim_blanks(inner.substr(0, bar)));
      l.wiki = true;
      if (l.target.empty()) continue;
    } else if (is_http_url(s) && !url_host(s).empty() &&
               std::none_of(s.begin(), s.end(), [](char c) { return is_space(c); })) {
      l.target = std::string(s);
    } else {
      continue;
    }
    out.push_back(std::move(l));
  }
  return out;
}

ArticleLinkReader::ArticleLinkReader(const Article& article) {
  if (article.front_matter) first_ = front_matter_links(*article.front_matter);
  if (article.markdown) {
    body_.emplace(article.body, article.body_line);
  } else {
    plain_ = article.body;
    plain_line_ = article.body_line;
  }
}

bool ArticleLinkReader::next(std::vector<DocLink>* out) {
  if (!first_given_) {
    first_given_ = true;
    *out = std::move(first_);
    if (!out->empty()) return true;
  }
  if (body_) return body_->next(out);
  out->clear();
  // A text that is not Markdown: the bare URLs of the next line that holds "://" (a URL never
  // spans lines).
  while (out->empty() && !plain_.empty()) {
    const std::size_t sep = plain_.find("://");
    if (sep == std::string_view::npos) {
      plain_ = std::string_view();  // no URL left
      break;
    }
    const std::size_t before = plain_.rfind('\n', sep);
    const std::size_t begin = before == std::string_view::npos ? 0 : before + 1;
    plain_line_ += static_cast<std::uint32_t>(
        std::count(plain_.begin(), plain_.begin() + static_cast<long>(begin), '\n'));
    const std::size_t stop = plain_.find('\n', sep);
    const std::size_t end = stop == std::string_view::npos ? plain_.size() : stop;
    for (Link& l : text_links(plain_.substr(begin, end - begin), plain_line_)) {
      DocLink d;
      d.target = std::move(l.url);
      d.line = l.line;
      out->push_back(std::move(d));
    }
    plain_.remove_prefix(stop == std::string_view::npos ? plain_.size() : stop + 1);
    if (stop != std::string_view::npos) ++plain_line_;
  }
  return !out->empty();
}

std::vector<DocLink> article_links(const Article& article) {
  return every_link(ArticleLinkReader(article));
}

LinkTarget link_target(std::string_view target, bool wiki) {
  LinkTarget t;
  std::string_view s = trim_blanks(target);
  if (wiki) {
    t.form = TargetForm::Wiki;
    const std::size_t mark = s.find_first_of("#^");
    if (mark != std::string_view::npos) {
      std::string_view anchor = trim_blanks(s.substr(mark + (s[mark] == '#' ? 1 : 0)));
      if (!anchor.empty()) t.anchor = std::string(anchor);
    }
    t.name = std::string(trim_blanks(s.substr(0, mark)));
    return t;
  }
  const std::size_t hash = s.find('#');
  if (hash != std::string_view::npos) {
    std::string fragment = percent_decode(s.substr(hash + 1));
    if (!fragment.empty()) t.anchor = std::move(fragment);
    s = s.substr(0, hash);
  }
  if (is_http_url(s)) {
    t.form = TargetForm::WebUrl;
    t.name = std::string(s);
  } else if (scheme_length(s) > 0 || s.substr(0, 2) == "//" ||
             s.find("{{") != std::string_view::npos || s.find("{%") != std::string_view::npos) {
    // Another scheme, a host without one, or a site generator's template (`{{< ref x >}}`,
    // `{% link x %}`): nothing a file of the folder answers.
    t.form = TargetForm::OtherScheme;
    t.name = std::string(s);
  } else {
    t.form = TargetForm::Path;
    t.name = percent_decode(s.substr(0, s.find('?')));
  }
  return t;
}

namespace {

// Packed link names: each a kind letter ('u' a URL or site path, 'a' an alias), the name, NUL.
void pack_name(std::string& out, char kind, const Value& v) {
  if (v.kind != Value::Kind::Text) return;
  std::string_view s = trim(v.text);
  if (s.empty() || s.find('\0') != std::string_view::npos) return;
  out.push_back(kind);
  out.append(s);
  out.push_back('\0');
}

}  // namespace

std::optional<std::string> link_names(const Value& front_matter) {
  if (front_matter.kind != Value::Kind::Map) return std::nullopt;
  std::string out;
  for (const char* key : {"url", "permalink"})
    if (const Value* v = front_matter.find(key)) pack_name(out, 'u', *v);
  for (const char* key : {"aliases", "alias"}) {
    const Value* v = front_matter.find(key);
    if (!v) continue;
    auto add = [&](const Value& x) {
      if (x.kind != Value::Kind::Text) return;
      const std::string_view s = trim(x.text);
      // Hugo's aliases are site paths or URLs; Obsidian's are names.
      pack_name(out, !s.empty() && (s[0] == '/' || is_http_url(s)) ? 'u' : 'a', x);
    };
    if (v->kind == Value::Kind::List)
      for (const Value& x : v->items) add(x);
    else
      add(*v);
  }
  if (out.empty()) return std::nullopt;
  return out;
}

std::string fold_name(std::string_view s) {
  s = trim_blanks(s);
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : static_cast<char>(c));
      ++i;
      continue;
    }
    append_code_point(out, lower_cp(next_cp(s, &i)));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// LinkIndex

namespace {

std::string_view file_name(std::string_view path) {
  const std::size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

std::string_view folder_of(std::string_view path) {
  const std::size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? std::string_view() : path.substr(0, slash + 1);
}

// `folder` + `rel` with `.` and `..` steps applied; none when `..` would leave the root.
std::optional<std::string> join_path(std::string_view folder, std::string_view rel) {
  std::vector<std::string_view> steps;
  auto walk = [&](std::string_view p) {
    while (!p.empty()) {
      const std::size_t slash = std::min(p.find('/'), p.size());
      const std::string_view step = p.substr(0, slash);
      p.remove_prefix(std::min(slash + 1, p.size()));
      if (step.empty() || step == ".") continue;
      if (step == "..") {
        if (steps.empty()) return false;
        steps.pop_back();
        continue;
      }
      steps.push_back(step);
    }
    return true;
  };
  if (!walk(folder) || !walk(rel)) return std::nullopt;
  std::string out;
  for (std::string_view step : steps) {
    if (!out.empty()) out.push_back('/');
    out.append(step);
  }
  return out;
}

}  // namespace

void LinkIndex::add(const std::string& path, bool article,
                    std::initializer_list<std::string_view> urls,
                    std::optional<std::string_view> packed) {
  assert(files_.empty() || files_.back().path < path);
  const auto id = static_cast<std::uint32_t>(files_.size());
  files_.push_back(File{path, folder_of(path).size()});
  const std::string_view name = file_name(path);
  by_name_[fold_name(name)].push_back(id);
  if (!article) return;
  by_stem_[fold_name(name_stem(name))].push_back(id);
  auto add_url = [&](std::string_view u) {
    const std::string key = url_key(u);
    if (key.empty()) return;
    Ids& ids = by_url_[key];
    if (ids.empty() || ids.back() != id) ids.push_back(id);
  };
  for (std::string_view u : urls) add_url(u);
  if (!packed) return;
  for (std::string_view p = *packed; !p.empty();) {
    const std::size_t end = std::min(p.find('\0'), p.size());
    const std::string_view item = p.substr(0, end);
    p.remove_prefix(std::min(end + 1, p.size()));
    if (item.size() < 2) continue;
    if (item[0] == 'u') {
      add_url(item.substr(1));
    } else {
      Ids& ids = by_alias_[fold_name(item.substr(1))];
      if (ids.empty() || ids.back() != id) ids.push_back(id);
    }
  }
}

const std::string* LinkIndex::find_path(const std::string& path) const {
  auto it = std::lower_bound(files_.begin(), files_.end(), path,
                             [](const File& f, const std::string& p) { return f.path < p; });
  return it != files_.end() && it->path == path ? &it->path : nullptr;
}

LinkIndex::Match LinkIndex::pick(const Ids& ids, std::string_view from_folder) const {
  Match m;
  if (ids.empty()) return m;
  // The same folder as the linking file first, then the shortest path, then byte order.
  auto rank = [&](std::uint32_t id) {
    const File& f = files_[id];
    const bool same = std::string_view(f.path).substr(0, f.folder) == from_folder;
    return std::make_tuple(!same, f.path.size(), std::string_view(f.path));
  };
  std::uint32_t best = ids[0];
  for (std::uint32_t id : ids)
    if (rank(id) < rank(best)) best = id;
  m.path = &files_[best].path;
  m.candidates = static_cast<std::int64_t>(ids.size());
  m.resolved = true;
  return m;
}

LinkIndex::Match LinkIndex::resolve_url(const std::string& url) const {
  auto it = by_url_.find(url_key(url));
  if (it == by_url_.end()) {  // the same page with or without `www.`
    const std::string other = url_key_other_www(url);
    if (!other.empty()) it = by_url_.find(other);
  }
  Match m;
  if (it == by_url_.end()) return m;
  m.path = &files_[it->second.front()].path;  // the first in path order
  m.candidates = static_cast<std::int64_t>(it->second.size());
  m.resolved = true;
  return m;
}

const std::string* LinkIndex::find_page(std::string_view folder, std::string_view name) const {
  const std::optional<std::string> joined = join_path(folder, name);
  if (!joined) return nullptr;  // above the root: never looked for
  // The file itself; then a page as sites name it (`a/b/` is `a/b.md` or a folder's index).
  std::vector<std::string> tries;
  if (name.back() != '/' && !joined->empty()) tries.push_back(*joined);
  if (!joined->empty()) tries.push_back(*joined + ".md");
  const std::string base = joined->empty() ? "" : *joined + "/";
  for (const char* index : {"index.md", "_index.md", "README.md"}) tries.push_back(base + index);
  for (const std::string& p : tries)
    if (const std::string* found = find_path(p)) return found;
  return nullptr;
}

LinkIndex::Match LinkIndex::resolve_path(const LinkTarget& t, const std::string& from) const {
  const std::string_view name = t.name;
  if (name[0] == '/') {  // a site path: a page's url, permalink or alias, else from the root
    Match m = resolve_url(t.name);
    if (m.path) return m;
  }
  const std::string_view folder = name[0] == '/' ? std::string_view() : folder_of(from);
  const std::string* found = find_page(folder, name);
  // A site's pretty URL (`../b/`, `../b`) is relative to the page's own URL, which is a
  // folder named after the file (`a/x.md` is `a/x/`) unless the file is a folder's index.
  const std::string_view from_name = file_name(from);
  const std::string_view last =
      file_name(name.back() == '/' ? name.substr(0, name.size() - 1) : name);
  if (!found && name[0] != '/' && last.find('.') == std::string_view::npos &&
      from_name != "index.md" && from_name != "_index.md" && from_name != "README.md") {
    const std::string page_folder = std::string(folder) + std::string(name_stem(from_name)) + "/";
    found = find_page(page_folder, name);
  }
  Match m;
  if (found) {
    m.path = found;
    m.candidates = 1;
    m.resolved = true;
    return m;
  }
  // A bare file name, as Obsidian writes Markdown links: found as a wiki-link's name is.
  if (name.find('/') == std::string_view::npos) {
    auto it = by_name_.find(fold_name(name));
    if (it != by_name_.end()) return pick(it->second, folder_of(from));
  }
  m.resolved = false;
  return m;
}

LinkIndex::Match LinkIndex::resolve_wiki(const LinkTarget& t, const std::string& from) const {
  Match none;
  none.resolved = false;
  std::string_view name = t.name;
  while (!name.empty() && name[0] == '/') name.remove_prefix(1);
  const std::string wanted = fold_name(name);
  const std::string last = fold_name(file_name(name));
  const bool has_folder = name.find('/') != std::string_view::npos;
  // With a folder in the name, a candidate's path must end with it (its extension aside).
  auto filter = [&](const Ids& ids, bool stem) {
    if (!has_folder) return ids;
    Ids out;
    for (std::uint32_t id : ids) {
      std::string p = fold_name(files_[id].path);
      if (stem) p = std::string(name_stem(p));
      if (p == wanted || (p.size() > wanted.size() &&
                          p.compare(p.size() - wanted.size(), wanted.size(), wanted) == 0 &&
                          p[p.size() - wanted.size() - 1] == '/'))
        out.push_back(id);
    }
    return out;
  };
  const std::string_view from_folder = folder_of(from);
  for (const auto* map : {&by_name_, &by_stem_}) {
    auto it = map->find(last);
    if (it == map->end()) continue;
    const Ids ids = filter(it->second, map == &by_stem_);
    if (!ids.empty()) return pick(ids, from_folder);
  }
  if (!has_folder) {
    auto it = by_alias_.find(wanted);
    if (it != by_alias_.end()) return pick(it->second, from_folder);
  }
  return none;
}

LinkIndex::Match LinkIndex::resolve(const LinkTarget& t, const std::string& from) const {
  if (t.name.empty() && t.form != TargetForm::OtherScheme && t.form != TargetForm::WebUrl) {
    Match self;  // `#heading`, `[[#heading]]`: the linking file
    self.path = find_path(from);
    self.candidates = self.path ? 1 : 0;
    self.resolved = self.path != nullptr;
    return self;
  }
  switch (t.form) {
    case TargetForm::WebUrl:
      return resolve_url(t.name);
    case TargetForm::OtherScheme:
      return Match{};
    case TargetForm::Path:
      return resolve_path(t, from);
    case TargetForm::Wiki:
      return resolve_wiki(t, from);
  }
  return Match{};
}

// ---------------------------------------------------------------------------------------------
// Anchors

Anchors::Anchors(const Article& article) : markdown_(article.markdown) {
  if (!markdown_) return;
  SectionReader sections(article.body, article.body_line);
  for (Section s; sections.next(&s);) {
    if (s.anchor) anchors_.insert(*s.anchor);
    if (s.heading) headings_.insert(fold_name(*s.heading));
  }
  // HTML anchors: `<a id="x">`, `<a name="x">`.
  const std::string_view body = article.body;
  for (std::size_t i = body.find('<'); i != std::string_view::npos; i = body.find('<', i + 1)) {
    if (i + 2 >= body.size() || (body[i + 1] | 0x20) != 'a' || !is_blank(body[i + 2])) continue;
    const std::size_t end = std::min(body.find('>', i), body.size());
    const std::string_view tag = body.substr(i, end - i);
    for (const std::string_view attr : {"id=", "name="}) {
      const std::size_t at = tag.find(attr);
      if (at == std::string_view::npos || !is_blank(tag[at - 1]) || at + attr.size() >= tag.size())
        continue;
      const char quote = tag[at + attr.size()];
      if (quote != '"' && quote != '\'') continue;
      const std::size_t close = tag.find(quote, at + attr.size() + 1);
      if (close != std::string_view::npos)
        anchors_.insert(
            std::string(tag.substr(at + attr.size() + 1, close - at - attr.size() - 1)));
    }
  }
  // A block id: `^id` (letters, digits, `-`) at the end of a line, after a blank or alone.
  InlineLineReader lines(article.body);
  for (InlineLine l; lines.next(&l);) {
    std::string_view s = trim_blanks(l.text);
    const std::size_t caret = s.rfind('^');
    if (caret == std::string_view::npos || (caret > 0 && !is_blank(s[caret - 1]))) continue;
    const std::string_view id = s.substr(caret + 1);
    if (!id.empty() && std::all_of(id.begin(), id.end(), [](char c) {
          return is_ascii_alpha(c) || (c >= '0' && c <= '9') || c == '-';
        }))
      blocks_.insert(std::string(id));
  }
}

std::optional<bool> Anchors::has(std::string_view anchor) const {
  if (!markdown_) return std::nullopt;
  if (!anchor.empty() && anchor[0] == '^') return blocks_.count(std::string(anchor.substr(1))) > 0;
  const std::size_t hash = anchor.rfind('#');  // a wiki-link's `A#B`: the heading B
  if (hash != std::string_view::npos) anchor = anchor.substr(hash + 1);
  const std::string a(trim_blanks(anchor));
  return anchors_.count(a) > 0 || anchors_.count(heading_slug(a)) > 0 ||
         headings_.count(fold_name(a)) > 0;
}

}  // namespace articles
