#include "core/json_reader.hpp"

#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <string>

#include "core/text.hpp"

namespace articles {

namespace {

struct NotJson {};  // the text is not JSON: plain text, no error
struct Failure {    // JSON, but over a limit
  std::string message;
};

class Parser {
 public:
  Parser(std::string_view s, const YamlOptions& limits, std::vector<Problem>* notes)
      : s_(s), limits_(limits), notes_(notes) {}

  std::size_t pos() const { return i_; }
  std::uint32_t line() const { return line_; }

  void skip_blanks() {
    while (i_ < s_.size()) {
      const char c = s_[i_];
      if (c == '\n') {
        ++line_;
        line_start_ = i_ + 1;
      } else if (c != ' ' && c != '\t' && c != '\r') {
        return;
      }
      ++i_;
    }
  }

  Value value(std::size_t depth) {
    skip_blanks();
    if (i_ >= s_.size()) throw NotJson{};
    Value v;
    v.line = line_;
    const std::string where = at();
    if (++nodes_ > limits_.max_nodes)
      throw Failure{where + "front matter holds more than " + std::to_string(limits_.max_nodes) +
                    " values"};
    const char c = s_[i_];
    if (c == '{' || c == '[') {
      if (depth > limits_.max_depth)
        throw Failure{where + "front matter nests deeper than " +
                      std::to_string(limits_.max_depth) + " levels"};
      ++i_;
      if (c == '{')
        object(v, depth);
      else
        array(v, depth);
    } else if (c == '"') {
      v.kind = Value::Kind::Text;
      v.text = string();
    } else if (word("true")) {
      v.kind = Value::Kind::Bool;
      v.boolean = true;
      v.text = "true";
    } else if (word("false")) {
      v.kind = Value::Kind::Bool;
      v.text = "false";
    } else if (word("null")) {
      v.text = "null";
    } else {
      number(v, where);
    }
    return v;
  }

 private:
  std::string at() const {
    return std::to_string(line_) + ":" + std::to_string(i_ - line_start_ + 1) + ": ";
  }

  bool word(std::string_view w) {
    if (s_.substr(i_, w.size()) != w) return false;
    i_ += w.size();
    return true;
  }

  void expect(char c) {
    skip_blanks();
    if (i_ >= s_.size() || s_[i_] != c) throw NotJson{};
    ++i_;
  }

  void object(Value& v, std::size_t depth) {
    v.kind = Value::Kind::Map;
    MemberIndex index;
    skip_blanks();
    if (i_ < s_.size() && s_[i_] == '}') {
      ++i_;
      return;
    }
    for (;;) {
      skip_blanks();
      if (i_ >= s_.size() || s_[i_] != '"') throw NotJson{};
      const std::string where = at();
      std::string key = string();
      ++nodes_;  // a key counts as a value, as in YAML
      expect(':');
      Value member = value(depth + 1);
      if (!index.put(v, key, std::move(member))) {
        Problem p = Problem::located("duplicate_key",
                                     where + "duplicate key '" + key + "': the last value wins",
                                     /*warning=*/true);
        p.key = key;
        notes_->push_back(std::move(p));
      }
      skip_blanks();
      if (i_ < s_.size() && s_[i_] == ',') {
        ++i_;
        continue;
      }
      expect('}');
      return;
    }
  }

  void array(Value& v, std::size_t depth) {
    v.kind = Value::Kind::List;
    skip_blanks();
    if (i_ < s_.size() && s_[i_] == ']') {
      ++i_;
      return;
    }
    for (;;) {
      v.items.push_back(value(depth + 1));
      skip_blanks();
      if (i_ < s_.size() && s_[i_] == ',') {
        ++i_;
        continue;
      }
      expect(']');
      return;
    }
  }

  unsigned hex4() {
    if (i_ + 4 > s_.size()) throw NotJson{};
    unsigned u = 0;
    for (int k = 0; k < 4; ++k) {
      const char c = s_[i_++];
      u <<= 4;
      if (c >= '0' && c <= '9')
        u |= static_cast<unsigned>(c - '0');
      else if (c >= 'a' && c <= 'f')
        u |= static_cast<unsigned>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F')
        u |= static_cast<unsigned>(c - 'A' + 10);
      else
        throw NotJson{};
    }
    return u;
  }

  // A string at s_[i_] == '"': its text, escapes decoded. The text around it is valid UTF-8
  // without NUL already (decode_file_bytes).
  std::string string() {
    std::string out;
    ++i_;
    for (;;) {
      if (i_ >= s_.size()) throw NotJson{};
      const std::size_t start = i_;
      while (i_ < s_.size() && s_[i_] != '"' && s_[i_] != '\\' &&
             static_cast<unsigned char>(s_[i_]) >= 0x20)
        ++i_;
      out.append(s_, start, i_ - start);
      if (i_ >= s_.size()) throw NotJson{};
      const char c = s_[i_++];
      if (c == '"') break;
      if (c != '\\') throw NotJson{};  // a raw control character
      if (i_ >= s_.size()) throw NotJson{};
      const char e = s_[i_++];
      switch (e) {
        case '"':
        case '\\':
        case '/':
          out.push_back(e);
          break;
        case 'b':
          out.push_back('\b');
          break;
        case 'f':
          out.push_back('\f');
          break;
        case 'n':
          out.push_back('\n');
          break;
        case 'r':
          out.push_back('\r');
          break;
        case 't':
          out.push_back('\t');
          break;
        case 'u': {
          unsigned cp = hex4();
          if (cp >= 0xD800 && cp <= 0xDBFF && s_.substr(i_, 2) == "\\u") {
            const std::size_t back = i_;
            i_ += 2;
            const unsigned low = hex4();
            if (low >= 0xDC00 && low <= 0xDFFF)
              cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            else
              i_ = back;  // a lone high surrogate: U+FFFD, and the next escape read on its own
          }
          if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;  // no NUL, no surrogate
          append_code_point(out, cp);
          break;
        }
        default:
          throw NotJson{};
      }
    }
    bytes_ += out.size();
    if (bytes_ > limits_.max_expanded_bytes)
      throw Failure{at() + "front matter holds more than " +
                    std::to_string(limits_.max_expanded_bytes) +
                    " bytes of text (the max_yaml_bytes limit)"};
    return out;
  }

  void number(Value& v, const std::string& where) {
    const std::size_t start = i_;
    auto digits = [&] {
      const std::size_t from = i_;
      while (i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9') ++i_;
      return i_ - from;
    };
    if (i_ < s_.size() && s_[i_] == '-') ++i_;
    if (i_ < s_.size() && s_[i_] == '0') {
      ++i_;
    } else if (digits() == 0) {
      throw NotJson{};
    }
    bool integer = true;
    if (i_ < s_.size() && s_[i_] == '.') {
      ++i_;
      integer = false;
      if (digits() == 0) throw NotJson{};
    }
    if (i_ < s_.size() && (s_[i_] == 'e' || s_[i_] == 'E')) {
      ++i_;
      integer = false;
      if (i_ < s_.size() && (s_[i_] == '+' || s_[i_] == '-')) ++i_;
      if (digits() == 0) throw NotJson{};
    }
    const std::string_view text = s_.substr(start, i_ - start);
    v.text.assign(text);
    if (integer) {
      v.kind = Value::Kind::Int;
      auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v.integer);
      if (ec != std::errc() || end != text.data() + text.size())
        throw Failure{where + "the integer " + v.text + " does not fit in 64 bits"};
    } else {
      v.kind = Value::Kind::Real;
      v.real = std::strtod(v.text.c_str(), nullptr);  // an overflow reads as an infinity
    }
  }

  std::string_view s_;
  const YamlOptions& limits_;
  std::vector<Problem>* notes_;
  std::size_t i_ = 0, line_start_ = 0;
  std::uint32_t line_ = 1;
  std::size_t nodes_ = 0, bytes_ = 0;
};

// The end of the JSON value that opens at text[start] ('{'), found by matching brackets outside
// strings, without recursion; npos when they never balance.
std::size_t matching_end(std::string_view text, std::size_t start) {
  std::size_t depth = 0;
  for (std::size_t i = start; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '"') {
      for (++i; i < text.size() && text[i] != '"'; ++i)
        if (text[i] == '\\') ++i;
    } else if (c == '{' || c == '[') {
      ++depth;
    } else if ((c == '}' || c == ']') && --depth == 0) {
      return i + 1;
    }
  }
  return std::string_view::npos;
}

}  // namespace

bool starts_like_json(std::string_view text) {
  const std::size_t k = text.find_first_not_of(" \t\r\n");
  return k != std::string_view::npos && text[k] == '{';
}

std::optional<JsonFrontMatter> read_json_front_matter(std::string_view text,
                                                      const YamlOptions& options) {
  if (!starts_like_json(text)) return std::nullopt;
  JsonFrontMatter j{};
  Parser p(text, options, &j.result.notes);
  p.skip_blanks();
  const std::size_t start = p.pos();
  std::size_t end;
  try {
    Value root = p.value(1);
    end = p.pos();
    if (end - start > options.max_block_bytes) {
      j.result.error = block_too_large(end - start, options.max_block_bytes);
    } else {
      j.result.root = std::move(root);
      j.result.ok = true;
    }
  } catch (const NotJson&) {
    return std::nullopt;
  } catch (const Failure& f) {
    // Over a limit: the body starts after the object all the same.
    end = matching_end(text, start);
    if (end == std::string_view::npos) return std::nullopt;
    j.result.error = Problem::located("over_limit", f.message);
    j.result.notes.clear();
  }
  std::uint32_t line = 1;
  for (std::size_t i = 0; i < end; ++i) line += text[i] == '\n';
  if (text.substr(end, 1) == "\n") {
    ++end;
    ++line;
  } else if (text.substr(end, 2) == "\r\n") {
    end += 2;
    ++line;
  }
  j.body_offset = end;
  j.body_line = line;
  return j;
}

}  // namespace articles
