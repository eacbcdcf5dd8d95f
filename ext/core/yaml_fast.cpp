#include "core/yaml_fast.hpp"

#include <cstring>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/text.hpp"

namespace articles {

namespace {

// yaml-cpp refuses a key ("illegal map value") that spans more than 1024 bytes up to its ':';
// the fast path declines well before that.
constexpr std::size_t kLongestKey = 1000;

// Thrown inside the reader when the block leaves the subset; never escapes read_yaml_fast.
struct Decline {};

[[noreturn]] void decline() {
  throw Decline{};
}

struct Line {
  const char* text;    // without the line break
  std::size_t size;    // bytes, without "\n" or "\r\n"
  std::size_t indent;  // leading spaces
  bool content;        // neither blank nor a comment
};

bool is_hex_digit(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// Characters that cannot start a plain scalar in the subset (YAML's indicators).
bool is_indicator(char c) {
  return std::string_view("-?:,[]{}#&*!|>'\"%@`").find(c) != std::string_view::npos;
}

// yaml-cpp reads these plain scalars as null, with an empty source text.
bool is_null_word(std::string_view s) {
  return s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL";
}

// The length of the valid UTF-8 sequence at s[i] (a byte >= 0x80), or 0 when it is invalid or
// a code point yaml-cpp treats specially (NEL, C1 controls, line and paragraph separators,
// byte order mark).
std::size_t utf8_sequence(std::string_view s, std::size_t i) {
  auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = b(i);
  std::size_t n;
  std::uint32_t cp;
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2;
    cp = c & 0x1F;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3;
    cp = c & 0x0F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4;
    cp = c & 0x07;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    if ((b(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b(i + k) & 0x3F);
  }
  if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF))) return 0;
  if (cp >= 0xD800 && cp <= 0xDFFF) return 0;
  if (cp <= 0x9F || cp == 0x2028 || cp == 0x2029 || cp == 0xFEFF) return 0;
  return n;
}

// Whether the 8 bytes at `p` are all printable ASCII, 0x20 to 0x7E: none is below 0x20 (a line
// break, a tab, a control) and none is 0x7F or above (the classic tests for a byte below n and
// a byte above n, exact for whether any byte is).
inline bool printable_ascii(const char* p) {
  std::uint64_t w;
  std::memcpy(&w, p, sizeof w);
  constexpr std::uint64_t kOnes = ~std::uint64_t{0} / 255, kHigh = kOnes * 128;
  const std::uint64_t below = (w - kOnes * 0x20) & ~w;
  const std::uint64_t above = (w + kOnes * (127 - 0x7E)) | w;
  return ((below | above) & kHigh) == 0;
}

class Reader {
 public:
  Reader(std::uint32_t first_line, const YamlOptions& options, std::vector<Problem>* notes)
      : first_line_(first_line), options_(options), notes_(notes) {}

  // Cuts the block into lines, declining on bytes the subset does not take.
  void split(std::string_view block) {
    // Without aliases the text cannot outgrow the block; a limit below the block's size is
    // yaml-cpp's to report.
    if (block.size() > options_.max_expanded_bytes) decline();
    std::size_t start = 0;
    const std::size_t size = block.size();
    std::size_t i = 0;
    while (i < size) {
      if (i + 8 <= size && printable_ascii(block.data() + i)) {
        i += 8;
        continue;
      }
      const auto c = static_cast<unsigned char>(block[i]);
      if (c >= 0x20 && c < 0x7F) {
        ++i;
      } else if (c == '\n') {
        add_line(block.substr(start, i - start));
        start = ++i;
      } else if (c == '\r' && i + 1 < size && block[i + 1] == '\n') {
        add_line(block.substr(start, i - start));
        i += 2;
        start = i;
      } else if (c >= 0x80) {
        std::size_t n = utf8_sequence(block, i);
        if (n == 0) decline();
        i += n;
      } else {
        decline();  // tab, lone CR, other control characters
      }
    }
    if (start < size) add_line(block.substr(start));
  }

  YamlResult read() {
    YamlResult r;
    r.ok = true;
    r.fast = true;
    std::size_t li = next_content(0);
    if (li == lines_.size()) {
      r.root.kind = Value::Kind::Map;
      r.root.line = first_line_;
      return r;
    }
    const Line& l = lines_[li];
    if (is_entry(l, l.indent)) decline();  // a list, not a mapping: yaml-cpp says so
    r.root = block_map(li, l.indent, 1);
    if (li != lines_.size()) decline();
    return r;
  }

 private:
  void add_line(std::string_view s) {
    Line l{s.data(), s.size(), 0, false};
    while (l.indent < l.size && s[l.indent] == ' ') ++l.indent;
    if (l.indent < l.size && s[l.indent] != '#') l.content = true;
    if (l.size >= 3 && (s.compare(0, 3, "---") == 0 || s.compare(0, 3, "...") == 0)) decline();
    if (l.size >= 1 && s[0] == '%') decline();
    lines_.push_back(l);
  }

  std::size_t next_content(std::size_t li) const {
    while (li < lines_.size() && !lines_[li].content) ++li;
    return li;
  }

  // The file line of line `li` of the block; the end of the block for li == lines_.size().
  std::uint32_t line_no(std::size_t li) const {
    return first_line_ + static_cast<std::uint32_t>(li);
  }

  static bool is_entry(const Line& l, std::size_t pos) {
    return pos < l.size && l.text[pos] == '-' && (pos + 1 == l.size || l.text[pos + 1] == ' ');
  }

  static std::size_t skip_spaces(const Line& l, std::size_t pos) {
    while (pos < l.size && l.text[pos] == ' ') ++pos;
    return pos;
  }

  void count_node() {
    if (++nodes_ > options_.max_nodes) decline();
  }

  Value node(Value::Kind kind, std::size_t li) {
    count_node();
    Value v;
    v.kind = kind;
    v.line = line_no(li);
    return v;
  }

  // yaml-cpp places an empty value at the next token: the next line with content, or the end.
  Value null_at(std::size_t li) { return node(Value::Kind::Null, li); }

  Value plain(std::string text, std::size_t li) {
    count_node();
    Value v = is_null_word(text) ? Value() : resolve_plain_scalar(std::move(text));
    v.line = line_no(li);
    return v;
  }

  Value quoted(std::string text, std::size_t li) {
    Value v = node(Value::Kind::Text, li);
    v.text = std::move(text);
    return v;
  }

  // A node that starts a line of its own, at column `l.indent`, inside a block at column `col`.
  Value block_node(std::size_t& li, std::size_t col, std::size_t depth) {
    const Line& l = lines_[li];
    if (is_entry(l, l.indent)) return block_seq(li, l.indent, depth);
    if (is_key(l, l.indent)) return block_map(li, l.indent, depth);
    if (l.text[l.indent] == '|' || l.text[l.indent] == '>') decline();
    return value_at(li, l.indent, col, depth);
  }

  // A scalar or flow collection that starts at `pos` on line `li`, in a block at column `col`.
  // Leaves `li` at the next line with content.
  Value value_at(std::size_t& li, std::size_t pos, std::size_t col, std::size_t depth) {
    const char c = lines_[li].text[pos];
    if (c == '|' || c == '>') return block_scalar(li, pos, col);
    Value v = inline_value(li, pos, col, depth);
    end_inline(li, pos, col);
    return v;
  }

  // A block mapping whose first key starts at column `col` of line `li`. Leaves `li` at the
  // next line with content after the mapping.
  Value block_map(std::size_t& li, std::size_t col, std::size_t depth) {
    if (depth > options_.max_depth) decline();
    Value map = node(Value::Kind::Map, li);
    map.members.reserve(keys_ahead(li, col));
    MemberIndex index;
    for (;;) {
      const Line& l = lines_[li];
      std::string key;
      std::size_t pos = col;
      if (!read_key(l, &pos, &key)) decline();
      count_node();  // yaml-cpp counts keys as values
      const std::size_t key_li = li;
      Value v = map_value(li, pos, col, depth);
      add_member(map, index, std::move(key), std::move(v), key_li, col);
      if (li == lines_.size()) break;
      const Line& next = lines_[li];
      if (next.indent < col) break;
      if (next.indent > col || is_entry(next, col)) decline();
    }
    return map;
  }

  // How many keys the block mapping whose first key is on line `li` at column `col` holds, to
  // size its members once: the key lines at that column before a line further left (a guess, as
  // a repeated key or a line inside a block scalar may count; each line is seen once per level).
  std::size_t keys_ahead(std::size_t li, std::size_t col) const {
    std::size_t n = 1;
    for (++li; li < lines_.size(); ++li) {
      const Line& l = lines_[li];
      if (!l.content) continue;
      if (l.indent < col) break;
      n += l.indent == col && !is_entry(l, col);
    }
    return n;
  }

  // The value after a key's ':' at `pos` on line `li`, of a mapping at column `col`.
  Value map_value(std::size_t& li, std::size_t pos, std::size_t col, std::size_t depth) {
    const Line& l = lines_[li];
    pos = skip_spaces(l, pos);
    if (pos == l.size || l.text[pos] == '#') {
      const std::size_t next = next_content(li + 1);
      li = next;
      if (next < lines_.size()) {
        const Line& nl = lines_[next];
        if (nl.indent > col) return block_node(li, col, depth + 1);
        if (nl.indent == col && is_entry(nl, col)) return block_seq(li, col, depth + 1);
      }
      return null_at(next);
    }
    return value_at(li, pos, col, depth + 1);
  }

  // A block sequence whose entries start at column `col`, the first on line `li`.
  Value block_seq(std::size_t& li, std::size_t col, std::size_t depth) {
    if (depth > options_.max_depth) decline();
    Value seq = node(Value::Kind::List, li);
    for (;;) {
      const Line& l = lines_[li];
      std::size_t pos = skip_spaces(l, col + 1);
      if (pos == l.size || l.text[pos] == '#') {
        const std::size_t next = next_content(li + 1);
        li = next;
        if (next < lines_.size() && lines_[next].indent > col)
          seq.items.push_back(block_node(li, col, depth + 1));
        else
          seq.items.push_back(null_at(next));
      } else if (is_entry(l, pos)) {
        decline();  // a sequence in a sequence on one line
      } else if (is_key(l, pos)) {
        seq.items.push_back(block_map(li, pos, depth + 1));
      } else {
        seq.items.push_back(value_at(li, pos, col, depth + 1));
      }
      if (li == lines_.size()) break;
      const Line& next = lines_[li];
      if (next.indent < col) break;
      if (next.indent > col) decline();
      if (!is_entry(next, col)) break;  // an indentless sequence ends at its mapping's next key
    }
    return seq;
  }

  // After a scalar that ends at `pos` on line `li`: only a comment may follow on that line.
  // Leaves `li` at the next line with content, as after_value does.
  void end_inline(std::size_t& li, std::size_t pos, std::size_t col) {
    const Line& l = lines_[li];
    std::size_t after = skip_spaces(l, pos);
    if (after < l.size && (l.text[after] != '#' || after == pos)) decline();
    after_value(li, col);
  }

  // After a value whose last line is `li`, in a block at column `col`: moves `li` to the next
  // line with content, which may not be indented deeper than `col`.
  void after_value(std::size_t& li, std::size_t col) {
    li = next_content(li + 1);
    if (li < lines_.size() && lines_[li].indent > col) decline();
  }

  // A block scalar (`|`, `|-`, `>`, `>-`) whose header is at `pos` on line `li`, in a block at
  // column `col`. Declines explicit indentation, keep chomping, leading blank lines, blank
  // lines holding more spaces than the content and, when folded, more-indented lines.
  Value block_scalar(std::size_t& li, std::size_t pos, std::size_t col) {
    const Line& l = lines_[li];
    const bool literal = l.text[pos] == '|';
    std::size_t p = pos + 1;
    const bool strip = p < l.size && l.text[p] == '-';
    if (strip) ++p;
    std::size_t after = skip_spaces(l, p);
    if (after < l.size && (l.text[after] != '#' || after == p)) decline();
    Value v = node(Value::Kind::Text, li);
    std::size_t indent = 0, blanks = 0, last = li;
    for (std::size_t k = li + 1; k < lines_.size(); ++k) {
      const Line& cl = lines_[k];
      if (cl.indent == cl.size) {  // blank
        if (indent == 0 || cl.size > indent) decline();
        ++blanks;
        continue;
      }
      if (indent == 0) {
        if (cl.indent <= col) break;
        indent = cl.indent;
      } else if (cl.indent < indent) {
        break;
      } else {
        if (cl.indent > indent && !literal) decline();
        if (literal)
          v.text.append(blanks + 1, '\n');
        else if (blanks == 0)
          v.text.push_back(' ');
        else
          v.text.append(blanks, '\n');
      }
      blanks = 0;
      v.text.append(cl.text + indent, cl.size - indent);
      last = k;
    }
    if (indent == 0) decline();  // no content
    if (!strip) v.text.push_back('\n');
    li = last;
    after_value(li, col);
    return v;
  }

  void add_member(Value& map, MemberIndex& index, std::string key, Value v, std::size_t key_li,
                  std::size_t key_col) {
    if (!index.put(map, key, std::move(v))) {
      Problem p =
          Problem::located("duplicate_key",
                           std::to_string(line_no(key_li)) + ":" + std::to_string(key_col + 1) +
                               ": duplicate key '" + key + "': the last value wins",
                           /*warning=*/true);
      p.key = key;
      notes_->push_back(std::move(p));
    }
  }

  // Whether a block key (a scalar, then ':' and a space or the line's end) starts at `pos`.
  bool is_key(const Line& l, std::size_t pos) {
    std::string key;
    return read_key(l, &pos, &key);
  }

  // Reads a block key at *pos; leaves *pos after its ':'. False when there is no key there.
  bool read_key(const Line& l, std::size_t* pos, std::string* key) {
    std::size_t p = *pos;
    if (p >= l.size) return false;
    const char c = l.text[p];
    if (c == '"' || c == '\'') {
      std::size_t end = p;
      std::string text = c == '"' ? double_quoted(l, &end) : single_quoted(l, &end);
      if (end >= l.size || l.text[end] != ':' || (end + 1 < l.size && l.text[end + 1] != ' '))
        return false;
      if (end - p > kLongestKey) decline();
      *key = std::move(text);
      *pos = end + 1;
      return true;
    }
    if (is_indicator(c)) return false;
    std::size_t colon = std::string::npos;
    for (std::size_t j = p; j < l.size; ++j) {
      const char d = l.text[j];
      if (d == '#' && l.text[j - 1] == ' ') return false;
      if (d == ':' && (j + 1 == l.size || l.text[j + 1] == ' ')) {
        colon = j;
        break;
      }
    }
    if (colon == std::string::npos) return false;
    if (l.text[colon - 1] == ' ' || colon - p > kLongestKey) decline();  // `a :`, or too long
    std::string_view text(l.text + p, colon - p);
    *key = is_null_word(text) ? "null" : std::string(text);
    *pos = colon + 1;
    return true;
  }

  // A scalar or flow collection written at `pos` on line `li`, in a block at column `col`;
  // leaves `li` and `pos` after it (a plain scalar may go on over the next lines).
  Value inline_value(std::size_t& li, std::size_t& pos, std::size_t col, std::size_t depth) {
    const Line& l = lines_[li];
    const char c = l.text[pos];
    if (c == '"') return quoted(double_quoted(l, &pos), li);
    if (c == '\'') return quoted(single_quoted(l, &pos), li);
    if (c == '[' || c == '{') return flow(li, pos, depth);
    if (is_indicator(c) && !(c == '-' && pos + 1 < l.size && l.text[pos + 1] != ' ')) decline();
    std::size_t end = l.size;
    for (std::size_t j = pos + 1; j < l.size; ++j) {
      const char d = l.text[j];
      if (d == '#' && l.text[j - 1] == ' ') {
        end = j;
        break;
      }
      if (d == ':' && (j + 1 == l.size || l.text[j + 1] == ' ')) decline();  // a key in a value
    }
    std::size_t stop = end;
    while (stop > pos && l.text[stop - 1] == ' ') --stop;
    std::string text(l.text + pos, stop - pos);
    const std::size_t first = li;
    pos = stop;
    if (end == l.size) continue_plain(li, pos, col, text);
    return plain(std::move(text), first);
  }

  // Folds the lines that go on with a plain scalar (indented deeper than `col`) into `text`:
  // a single line break becomes a space, n blank lines become n line breaks. Leaves `li` and
  // `pos` at the end of the last line taken.
  void continue_plain(std::size_t& li, std::size_t& pos, std::size_t col, std::string& text) {
    std::size_t blanks = 0;
    for (std::size_t k = li + 1; k < lines_.size(); ++k) {
      const Line& cl = lines_[k];
      if (cl.indent == cl.size) {
        ++blanks;
        continue;
      }
      if (!cl.content || cl.indent <= col) return;
      const char c = cl.text[cl.indent];
      if (is_indicator(c)) decline();
      for (std::size_t j = cl.indent + 1; j < cl.size; ++j) {
        const char d = cl.text[j];
        if ((d == '#' && cl.text[j - 1] == ' ') ||
            (d == ':' && (j + 1 == cl.size || cl.text[j + 1] == ' ')))
          decline();
      }
      std::size_t stop = cl.size;
      while (stop > cl.indent && cl.text[stop - 1] == ' ') --stop;
      if (blanks == 0)
        text.push_back(' ');
      else
        text.append(blanks, '\n');
      blanks = 0;
      text.append(cl.text + cl.indent, stop - cl.indent);
      li = k;
      pos = stop;
    }
  }

  // A double-quoted scalar starting at *pos, closed on the same line; leaves *pos after it.
  static std::string double_quoted(const Line& l, std::size_t* pos) {
    std::string out;
    std::size_t j = *pos + 1;
    // The next quote: looked for again only once passed (an escaped quote), not from each
    // escape, which would read the rest of the line once per escape.
    std::size_t quote = 0;
    for (;;) {
      // The run up to the next quote or backslash, whole.
      if (quote < j) {
        const void* q = j < l.size ? std::memchr(l.text + j, '"', l.size - j) : nullptr;
        quote = q ? static_cast<std::size_t>(static_cast<const char*>(q) - l.text) : l.size;
      }
      std::size_t stop = quote;
      if (const void* b = std::memchr(l.text + j, '\\', stop - j))
        stop = static_cast<std::size_t>(static_cast<const char*>(b) - l.text);
      out.append(l.text + j, stop - j);
      j = stop;
      if (j >= l.size) decline();  // continues on the next line
      if (l.text[j] == '"') break;
      if (j + 1 >= l.size) decline();  // an escaped line break
      const char e = l.text[j + 1];
      j += 2;
      int digits = 0;
      switch (e) {
        case 'a':
          out.push_back('\x07');
          break;
        case 'b':
          out.push_back('\x08');
          break;
        case 't':
          out.push_back('\t');
          break;
        case 'n':
          out.push_back('\n');
          break;
        case 'v':
          out.push_back('\x0B');
          break;
        case 'f':
          out.push_back('\x0C');
          break;
        case 'r':
          out.push_back('\r');
          break;
        case 'e':
          out.push_back('\x1B');
          break;
        case ' ':
          out.push_back(' ');
          break;
        case '"':
          out.push_back('"');
          break;
        case '\'':
          out.push_back('\'');
          break;
        case '/':
          out.push_back('/');
          break;
        case '\\':
          out.push_back('\\');
          break;
        case 'N':
          out += "\xC2\x85";
          break;
        case '_':
          out += "\xC2\xA0";
          break;
        case 'L':
          out += "\xE2\x80\xA8";
          break;
        case 'P':
          out += "\xE2\x80\xA9";
          break;
        case 'x':
          digits = 2;
          break;
        case 'u':
          digits = 4;
          break;
        case 'U':
          digits = 8;
          break;
        default:
          decline();  // \0 (a NUL) and escapes YAML does not have
      }
      if (digits == 0) continue;
      std::uint32_t cp = 0;
      for (int k = 0; k < digits; ++k, ++j) {
        if (j >= l.size || !is_hex_digit(l.text[j])) decline();
        const char h = l.text[j];
        cp = cp * 16 + static_cast<std::uint32_t>(h <= '9' ? h - '0' : (h | 0x20) - 'a' + 10);
      }
      if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) decline();
      append_code_point(out, cp);
    }
    *pos = j + 1;
    return out;
  }

  // A single-quoted scalar starting at *pos, closed on the same line; leaves *pos after it.
  static std::string single_quoted(const Line& l, std::size_t* pos) {
    std::string out;
    std::size_t j = *pos + 1;
    for (;;) {
      const void* quote = j < l.size ? std::memchr(l.text + j, '\'', l.size - j) : nullptr;
      if (!quote) decline();  // continues on the next line
      const auto at = static_cast<std::size_t>(static_cast<const char*>(quote) - l.text);
      out.append(l.text + j, at - j);
      j = at;
      if (j + 1 < l.size && l.text[j + 1] == '\'') {  // '' is one quote
        out.push_back('\'');
        j += 2;
        continue;
      }
      break;
    }
    *pos = j + 1;
    return out;
  }

  // A flow sequence or mapping opened at `pos`, closed on the same line; leaves `pos` after it.
  Value flow(std::size_t li, std::size_t& pos, std::size_t depth) {
    if (depth > options_.max_depth) decline();
    const Line& l = lines_[li];
    const bool is_map = l.text[pos] == '{';
    const char close = is_map ? '}' : ']';
    Value v = node(is_map ? Value::Kind::Map : Value::Kind::List, li);
    MemberIndex index;
    pos = skip_spaces(l, pos + 1);
    if (pos < l.size && l.text[pos] == close) {
      ++pos;
      return v;
    }
    for (;;) {
      if (is_map) {
        const std::size_t key_col = pos;
        std::string key = flow_key(l, &pos);
        count_node();
        pos = skip_spaces(l, pos);
        add_member(v, index, std::move(key), flow_node(li, pos, depth), li, key_col);
      } else {
        v.items.push_back(flow_node(li, pos, depth));
      }
      pos = skip_spaces(l, pos);
      if (pos >= l.size) decline();
      if (l.text[pos] == close) {
        ++pos;
        return v;
      }
      if (l.text[pos] != ',') decline();
      pos = skip_spaces(l, pos + 1);
      if (pos >= l.size || l.text[pos] == close) decline();  // a trailing comma
    }
  }

  // A key of a flow mapping followed by ": "; leaves *pos after the ':'.
  std::string flow_key(const Line& l, std::size_t* pos) {
    std::size_t p = *pos;
    if (p >= l.size) decline();
    std::string key;
    if (l.text[p] == '"' || l.text[p] == '\'') {
      key = l.text[p] == '"' ? double_quoted(l, &p) : single_quoted(l, &p);
    } else {
      const std::size_t start = p;
      if (is_indicator(l.text[p])) decline();
      while (p < l.size && !is_flow_stop(l.text[p])) ++p;
      std::size_t stop = p;
      while (stop > start && l.text[stop - 1] == ' ') --stop;
      if (stop != p) decline();  // `a :`
      std::string_view text(l.text + start, stop - start);
      key = is_null_word(text) ? "null" : std::string(text);
    }
    if (p + 1 >= l.size || l.text[p] != ':' || l.text[p + 1] != ' ') decline();
    if (p - *pos > kLongestKey) decline();
    *pos = p + 1;
    return key;
  }

  // Characters that end a plain scalar or a key inside a flow collection, or that the subset
  // does not take there.
  static bool is_flow_stop(char c) {
    return std::string_view(",[]{}:#?\"'").find(c) != std::string_view::npos;
  }

  // A value inside a flow collection.
  Value flow_node(std::size_t li, std::size_t& pos, std::size_t depth) {
    const Line& l = lines_[li];
    if (pos >= l.size) decline();
    const char c = l.text[pos];
    if (c == '"') return quoted(double_quoted(l, &pos), li);
    if (c == '\'') return quoted(single_quoted(l, &pos), li);
    if (c == '[' || c == '{') return flow(li, pos, depth + 1);
    if (is_indicator(c) &&
        !(c == '-' && pos + 1 < l.size && !is_flow_stop(l.text[pos + 1]) && l.text[pos + 1] != ' '))
      decline();
    const std::size_t start = pos;
    while (pos < l.size && !is_flow_stop(l.text[pos])) ++pos;
    if (pos < l.size && l.text[pos] != ',' && l.text[pos] != ']' && l.text[pos] != '}') decline();
    std::size_t stop = pos;
    while (stop > start && l.text[stop - 1] == ' ') --stop;
    if (stop == start) decline();
    return plain(std::string(l.text + start, stop - start), li);
  }

  std::uint32_t first_line_;
  const YamlOptions& options_;
  std::vector<Problem>* notes_;
  std::vector<Line> lines_;
  std::size_t nodes_ = 0;
};

}  // namespace

std::optional<YamlResult> read_yaml_fast(std::string_view block, std::uint32_t first_line,
                                         const YamlOptions& options) {
  std::vector<Problem> notes;
  try {
    Reader reader(first_line, options, &notes);
    reader.split(block);
    YamlResult r = reader.read();
    r.notes = std::move(notes);
    return r;
  } catch (const Decline&) {
    return std::nullopt;
  }
}

}  // namespace articles
