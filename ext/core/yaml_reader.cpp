#include "core/yaml_reader.hpp"

#include <locale.h>
#include <yaml-cpp/yaml.h>
#include <algorithm>
#include <clocale>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <new>

#include "core/text.hpp"

namespace articles {

namespace {

bool all_of(std::string_view s, bool (*pred)(char)) {
  if (s.empty()) return false;
  for (char c : s)
    if (!pred(c)) return false;
  return true;
}
bool is_dec(char c) {
  return c >= '0' && c <= '9';
}
bool is_oct(char c) {
  return c >= '0' && c <= '7';
}
bool is_hex(char c) {
  return is_dec(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// Digits in `base` to an int64, with `negative`; false on overflow.
bool parse_int(std::string_view digits, int base, bool negative, std::int64_t* out) {
  const std::uint64_t limit =
      static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()) + (negative ? 1 : 0);
  const auto b = static_cast<std::uint64_t>(base);
  std::uint64_t v = 0;
  for (char c : digits) {
    auto d = static_cast<std::uint64_t>(is_dec(c) ? c - '0' : (c | 0x20) - 'a' + 10);
    if (v > (limit - d) / b) return false;
    v = v * b + d;
  }
  *out = negative ? static_cast<std::int64_t>(0 - v) : static_cast<std::int64_t>(v);
  return true;
}

bool match_core_int(const std::string& t, std::int64_t* out, bool* overflow) {
  *overflow = false;
  std::string_view s(t);
  if (s.size() > 2 && s[0] == '0' && s[1] == 'o' && all_of(s.substr(2), is_oct)) {
    *overflow = !parse_int(s.substr(2), 8, false, out);
    return true;
  }
  if (s.size() > 2 && s[0] == '0' && s[1] == 'x' && all_of(s.substr(2), is_hex)) {
    *overflow = !parse_int(s.substr(2), 16, false, out);
    return true;
  }
  bool neg = false;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    neg = s[0] == '-';
    s.remove_prefix(1);
  }
  if (!all_of(s, is_dec)) return false;
  *overflow = !parse_int(s, 10, neg, out);
  return true;
}

// [-+]? ( \.[0-9]+ | [0-9]+ ( \.[0-9]* )? ) ( [eE] [-+]? [0-9]+ )?
bool is_core_float_number(std::string_view s) {
  std::size_t i = 0;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
  std::size_t int_digits = 0, frac_digits = 0;
  while (i < s.size() && is_dec(s[i])) ++i, ++int_digits;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && is_dec(s[i])) ++i, ++frac_digits;
    if (int_digits == 0 && frac_digits == 0) return false;
  } else if (int_digits == 0) {
    return false;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
    std::size_t exp_digits = 0;
    while (i < s.size() && is_dec(s[i])) ++i, ++exp_digits;
    if (exp_digits == 0) return false;
  }
  return i == s.size();
}

double parse_c_double(const std::string& s) {
  // strtod in the "C" locale whatever the host application set: the decimal point is '.'.
  static const locale_t c_locale = newlocale(LC_ALL_MASK, "C", static_cast<locale_t>(nullptr));
  return strtod_l(s.c_str(), nullptr, c_locale);
}

bool match_core_float(const std::string& t, double* out) {
  std::string_view s(t);
  std::string_view u = s;
  bool neg = false;
  if (!u.empty() && (u[0] == '-' || u[0] == '+')) {
    neg = u[0] == '-';
    u.remove_prefix(1);
  }
  if (u == ".inf" || u == ".Inf" || u == ".INF") {
    *out = neg ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
    return true;
  }
  if (s == ".nan" || s == ".NaN" || s == ".NAN") {
    *out = std::numeric_limits<double>::quiet_NaN();
    return true;
  }
  if (!is_core_float_number(s)) return false;
  *out = parse_c_double(t);
  return true;
}

Value scalar(Value::Kind kind, const std::string& text) {
  Value v;
  v.kind = kind;
  v.text = text;
  return v;
}

class Converter {
 public:
  Converter(std::uint32_t first_line, const YamlLimits& limits, std::vector<std::string>* notes)
      : first_line_(first_line), limits_(limits), notes_(notes) {}

  // Throws Failure with the message for the row.
  struct Failure {
    std::string message;
  };

  Value convert(const YAML::Node& node, std::size_t depth) {
    if (++nodes_ > limits_.max_nodes)
      fail(node, "front matter holds more than " + std::to_string(limits_.max_nodes) +
                     " values after alias expansion");
    Value v;
    switch (node.Type()) {
      case YAML::NodeType::Undefined:
      case YAML::NodeType::Null:
        v = scalar(Value::Kind::Null, node.Type() == YAML::NodeType::Null ? "" : "");
        if (node.Tag() == "!" || node.Tag() == "tag:yaml.org,2002:str") v.kind = Value::Kind::Text;
        break;
      case YAML::NodeType::Scalar:
        v = convert_scalar(node);
        break;
      case YAML::NodeType::Sequence:
      case YAML::NodeType::Map: {
        if (depth > limits_.max_depth)
          fail(node,
               "front matter nests deeper than " + std::to_string(limits_.max_depth) + " levels");
        for (const auto& ancestor : ancestors_)
          if (ancestor.is(node)) fail(node, "alias cycle: an alias refers to its own ancestor");
        ancestors_.push_back(node);
        if (node.Type() == YAML::NodeType::Sequence) {
          v.kind = Value::Kind::List;
          v.items.reserve(node.size());
          for (const auto& item : node) v.items.push_back(convert(item, depth + 1));
        } else {
          v.kind = Value::Kind::Map;
          for (const auto& kv : node) add_member(v, kv.first, kv.second, depth);
        }
        ancestors_.pop_back();
        break;
      }
    }
    v.line = line_of(node);
    return v;
  }

  std::uint32_t line_of(const YAML::Node& node) const {
    YAML::Mark m = node.Mark();
    return m.is_null() ? 0 : static_cast<std::uint32_t>(m.line) + first_line_;
  }

  [[noreturn]] void fail(const YAML::Node& node, const std::string& message) const {
    YAML::Mark m = node.Mark();
    if (m.is_null()) throw Failure{message};
    throw Failure{std::to_string(m.line + static_cast<int>(first_line_)) + ":" +
                  std::to_string(m.column + 1) + ": " + message};
  }

 private:
  std::string clean_text(const std::string& raw) {
    std::string out;
    Repairs r = append_valid_utf8(raw, out, /*latin1_strays=*/true);
    if (r.nul > 0) repaired_nul_ = true;
    return out;
  }

  Value convert_scalar(const YAML::Node& node) {
    std::string text = clean_text(node.Scalar());
    const std::string& tag = node.Tag();
    if (tag == "!" || tag == "tag:yaml.org,2002:str") return scalar(Value::Kind::Text, text);
    Value v = resolve_plain_scalar(text);
    auto want = [&](Value::Kind k, bool also_int, const char* name) {
      if (v.kind == k || (also_int && v.kind == Value::Kind::Int)) return;
      note(node,
           std::string("a value tagged !!") + name + " is not one: '" + text + "' read as text");
      v = scalar(Value::Kind::Text, text);
    };
    if (tag == "tag:yaml.org,2002:int") {
      want(Value::Kind::Int, false, "int");
    } else if (tag == "tag:yaml.org,2002:float") {
      want(Value::Kind::Real, true, "float");
      if (v.kind == Value::Kind::Int) {
        v.kind = Value::Kind::Real;
        v.real = static_cast<double>(v.integer);
      }
    } else if (tag == "tag:yaml.org,2002:bool") {
      want(Value::Kind::Bool, false, "bool");
    } else if (tag == "tag:yaml.org,2002:null") {
      want(Value::Kind::Null, false, "null");
    }
    // Any other tag is inert: the value reads as if it had none.
    return v;
  }

  void add_member(Value& map, const YAML::Node& key_node, const YAML::Node& value_node,
                  std::size_t depth) {
    std::string key;
    if (key_node.IsScalar()) {
      key = clean_text(key_node.Scalar());
    } else if (key_node.IsNull()) {
      key = "null";
    } else {
      key = to_json(convert(key_node, depth + 1));  // a complex key: its JSON text
    }
    Value value = convert(value_node, depth + 1);
    for (auto& m : map.members) {
      if (m.first == key) {
        note(key_node, "duplicate key '" + key + "': the last value wins");
        m.second = std::move(value);
        return;
      }
    }
    map.members.emplace_back(std::move(key), std::move(value));
  }

  void note(const YAML::Node& node, const std::string& message) {
    YAML::Mark m = node.Mark();
    notes_->push_back(m.is_null() ? message
                                  : std::to_string(m.line + static_cast<int>(first_line_)) + ":" +
                                        std::to_string(m.column + 1) + ": " + message);
  }

 public:
  bool repaired_nul_ = false;

 private:
  std::uint32_t first_line_;
  const YamlLimits& limits_;
  std::vector<std::string>* notes_;
  std::size_t nodes_ = 0;
  std::vector<YAML::Node> ancestors_;
};

std::string position(const YAML::Mark& m, std::uint32_t first_line) {
  if (m.is_null()) return "";
  return std::to_string(m.line + static_cast<int>(first_line)) + ":" +
         std::to_string(m.column + 1) + ": ";
}

const char* kind_name(const YAML::Node& n) {
  switch (n.Type()) {
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Scalar:
      return "a scalar";
    default:
      return "not a mapping";
  }
}

}  // namespace

Value resolve_plain_scalar(const std::string& text) {
  if (text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL")
    return scalar(Value::Kind::Null, text);
  if (text == "true" || text == "True" || text == "TRUE" || text == "false" || text == "False" ||
      text == "FALSE") {
    Value v = scalar(Value::Kind::Bool, text);
    v.boolean = text[0] == 't' || text[0] == 'T';
    return v;
  }
  std::int64_t i = 0;
  bool overflow = false;
  if (match_core_int(text, &i, &overflow)) {
    if (overflow) return scalar(Value::Kind::Text, text);  // too large for 64 bits: stays text
    Value v = scalar(Value::Kind::Int, text);
    v.integer = i;
    return v;
  }
  double d = 0;
  if (match_core_float(text, &d)) {
    Value v = scalar(Value::Kind::Real, text);
    v.real = d;
    return v;
  }
  return scalar(Value::Kind::Text, text);
}

YamlResult read_yaml_block(std::string_view block, std::uint32_t first_line,
                           const YamlLimits& limits) {
  YamlResult r;
  std::string yaml;
  yaml.reserve(block.size());
  for (std::size_t i = 0; i < block.size(); ++i)  // CRLF to LF: \r never leaks into scalars
    if (!(block[i] == '\r' && i + 1 < block.size() && block[i + 1] == '\n'))
      yaml.push_back(block[i]);
  // yaml-cpp 0.7 accepts a quoted scalar left open when a line break ends the input. An explicit
  // document end marker is inert after a complete document but an error inside a quoted scalar.
  if (!yaml.empty() && yaml.back() != '\n') yaml.push_back('\n');
  const auto end_marker_line = static_cast<int>(std::count(yaml.begin(), yaml.end(), '\n'));
  yaml += "...\n";

  std::vector<YAML::Node> docs;
  try {
    docs = YAML::LoadAll(yaml);
  } catch (const YAML::Exception& e) {
    bool open_quote = e.mark.line == end_marker_line && e.msg == YAML::ErrorMsg::DOC_IN_SCALAR;
    r.error = position(e.mark, first_line) +
              "YAML syntax error: " + (open_quote ? "a quoted scalar is never closed" : e.msg);
    return r;
  }
  if (docs.size() > 1) {
    r.error =
        position(docs[1].Mark(), first_line) + "front matter holds more than one YAML document";
    return r;
  }
  r.root.kind = Value::Kind::Map;
  r.root.line = first_line;
  if (docs.empty() || docs[0].IsNull()) {
    r.ok = true;
    return r;
  }
  if (!docs[0].IsMap()) {
    r.error = position(docs[0].Mark(), first_line) + "front matter is " + kind_name(docs[0]) +
              ", not a mapping";
    return r;
  }
  Converter conv(first_line, limits, &r.notes);
  try {
    r.root = conv.convert(docs[0], 1);
  } catch (const Converter::Failure& f) {
    r.error = f.message;
    r.notes.clear();
    return r;
  } catch (const YAML::Exception& e) {
    r.error = position(e.mark, first_line) + "YAML error: " + e.msg;
    r.notes.clear();
    return r;
  }
  if (conv.repaired_nul_) r.notes.push_back("NUL character in front matter replaced by U+FFFD");
  r.ok = true;
  return r;
}

}  // namespace articles
