#include "core/glob.hpp"

#include <stdexcept>
#include <vector>

namespace articles {

namespace {

char fold(char c, bool nocase) {
  return nocase && c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
}

// The class `[...]` at glob[g] (after the `[`): whether it holds `c`; `*end` gets the position
// after its `]`. False with *end = npos when it is never closed.
bool in_class(std::string_view glob, std::size_t g, char c, bool nocase, std::size_t* end) {
  bool negate = g < glob.size() && (glob[g] == '!' || glob[g] == '^');
  if (negate) ++g;
  bool found = false, first = true;
  c = fold(c, nocase);
  while (g < glob.size() && (glob[g] != ']' || first)) {
    first = false;
    char lo = glob[g] == '\\' && g + 1 < glob.size() ? glob[++g] : glob[g];
    ++g;
    char hi = lo;
    if (g + 1 < glob.size() && glob[g] == '-' && glob[g + 1] != ']') {
      hi = glob[g + 1] == '\\' && g + 2 < glob.size() ? glob[g + 2] : glob[g + 1];
      g += glob[g + 1] == '\\' ? 3 : 2;
    }
    lo = fold(lo, nocase);
    hi = fold(hi, nocase);
    if (lo <= c && c <= hi) found = true;
  }
  if (g >= glob.size()) {
    *end = std::string_view::npos;
    return false;
  }
  *end = g + 1;
  return found != negate;
}

// Matching with a memo of the (glob, text) positions already tried, so that patterns full of
// `*` (`*a*a*a*a*b`) take polynomial time, not exponential.
struct Matcher {
  std::string_view glob, text;
  bool nocase;
  std::vector<signed char> memo;  // -1 unknown, 0 no, 1 yes; (glob.size() + 1) x (text.size() + 1)

  bool at(std::size_t g, std::size_t t) {
    signed char& m = memo[g * (text.size() + 1) + t];
    if (m < 0) m = match_at(*this, g, t) ? 1 : 0;
    return m == 1;
  }
  static bool match_at(Matcher& m, std::size_t g, std::size_t t);
};

bool Matcher::match_at(Matcher& m, std::size_t g, std::size_t t) {
  const std::string_view glob = m.glob, text = m.text;
  const bool nocase = m.nocase;
  while (g < glob.size()) {
    const char p = glob[g];
    if (p == '*') {
      // `**` as a whole path part: any run of folders (none included).
      if (g + 1 < glob.size() && glob[g + 1] == '*' && (g == 0 || glob[g - 1] == '/') &&
          (g + 2 == glob.size() || glob[g + 2] == '/')) {
        const std::size_t rest = g + 2 == glob.size() ? g + 2 : g + 3;
        if (g + 2 == glob.size()) return true;  // `**` at the end: everything below
        for (std::size_t k = t;; ++k) {
          if ((k == t || text[k - 1] == '/') && m.at(rest, k)) return true;
          if (k >= text.size()) return false;
        }
      }
      while (g < glob.size() && glob[g] == '*') ++g;
      for (std::size_t k = t;; ++k) {
        if (m.at(g, k)) return true;
        if (k >= text.size() || text[k] == '/') return false;
      }
    }
    if (t >= text.size()) return false;
    if (p == '?') {
      if (text[t] == '/') return false;
      // one character: a whole UTF-8 sequence
      ++t;
      while (t < text.size() && (static_cast<unsigned char>(text[t]) & 0xC0) == 0x80) ++t;
      ++g;
    } else if (p == '[') {
      std::size_t end;
      if (text[t] == '/' || !in_class(glob, g + 1, text[t], nocase, &end)) return false;
      g = end;
      ++t;
    } else {
      char want = p;
      if (p == '\\' && g + 1 < glob.size()) want = glob[++g];
      if (fold(want, nocase) != fold(text[t], nocase)) return false;
      ++g;
      ++t;
    }
  }
  return t == text.size();
}

// Every glob `{a,b}` stands for, alternatives expanded left to right (nested ones too).
void expand(const std::string& glob, std::vector<std::string>* out, int depth) {
  if (depth > 16 || out->size() > 1024) throw std::invalid_argument("too many {} alternatives");
  std::size_t open = std::string::npos;
  for (std::size_t i = 0; i < glob.size(); ++i) {
    if (glob[i] == '\\') {
      ++i;
    } else if (glob[i] == '[') {
      const std::size_t close = glob.find(']', i + 2);
      if (close == std::string::npos) throw std::invalid_argument("a [ is never closed");
      i = close;
    } else if (glob[i] == '{') {
      open = i;
      break;
    }
  }
  if (open == std::string::npos) {
    out->push_back(glob);
    return;
  }
  std::vector<std::size_t> commas;
  int level = 0;
  std::size_t close = std::string::npos;
  for (std::size_t i = open + 1; i < glob.size() && close == std::string::npos; ++i) {
    if (glob[i] == '\\')
      ++i;
    else if (glob[i] == '{')
      ++level;
    else if (glob[i] == '}' && level-- == 0)
      close = i;
    else if (glob[i] == ',' && level == 0)
      commas.push_back(i);
  }
  if (close == std::string::npos) throw std::invalid_argument("a { is never closed");
  std::size_t from = open + 1;
  commas.push_back(close);
  for (std::size_t c : commas) {
    expand(glob.substr(0, open) + glob.substr(from, c - from) + glob.substr(close + 1), out,
           depth + 1);
    from = c + 1;
  }
}

// A JSON array of strings (plain strings: `\"` and `\\` escapes only); throws otherwise.
std::vector<std::string> json_strings(const std::string& text) {
  std::vector<std::string> out;
  std::size_t i = 1;
  auto blanks = [&] {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n')) ++i;
  };
  blanks();
  if (i < text.size() && text[i] == ']') return out;
  for (;;) {
    blanks();
    if (i >= text.size() || text[i] != '"')
      throw std::invalid_argument("a list of patterns must be a JSON array of strings");
    std::string s;
    for (++i; i < text.size() && text[i] != '"'; ++i) {
      if (text[i] == '\\' && i + 1 < text.size()) ++i;
      s.push_back(text[i]);
    }
    if (i >= text.size()) throw std::invalid_argument("a string of the list is never closed");
    ++i;
    out.push_back(std::move(s));
    blanks();
    if (i < text.size() && text[i] == ',') {
      ++i;
      continue;
    }
    if (i < text.size() && text[i] == ']' && i + 1 == text.size()) return out;
    throw std::invalid_argument("a list of patterns must be a JSON array of strings");
  }
}

}  // namespace

bool glob_match(std::string_view glob, std::string_view text, bool nocase) {
  Matcher m{glob, text, nocase, {}};
  m.memo.assign((glob.size() + 1) * (text.size() + 1), -1);
  return m.at(0, 0);
}

Patterns Patterns::parse(const std::string& text, bool nocase) {
  Patterns p;
  p.nocase_ = nocase;
  if (text.empty()) return p;
  // A JSON list, unless it reads as one glob that starts with a class (`[abc]*.md`).
  std::vector<std::string> globs;
  if (text.front() == '[' && text.back() == ']' && text.find('"') != std::string::npos)
    globs = json_strings(text);
  else
    globs.push_back(text);
  for (const std::string& g : globs) {
    if (g.empty()) throw std::invalid_argument("a pattern of the list is empty");
    if (g.size() > 1000) throw std::invalid_argument("a pattern is longer than 1000 bytes");
    expand(g, &p.globs_, 0);
  }
  return p;
}

bool Patterns::matches(std::string_view name, std::string_view path) const {
  if (globs_.empty()) return true;
  for (const std::string& g : globs_)
    if (glob_match(g, g.find('/') != std::string::npos ? path : name, nocase_)) return true;
  return false;
}

}  // namespace articles
