#include "core/yaml_reader.hpp"

#include <locale.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>
#include <algorithm>
#include <clocale>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <new>
#include <optional>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

#include "core/text.hpp"
#include "core/yaml_fast.hpp"

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

Value scalar(Value::Kind kind, std::string text) {
  Value v;
  v.kind = kind;
  v.text = std::move(text);
  return v;
}

// yaml-cpp's messages may quote one byte of a multi-byte character: repair them.
std::string clean_message(const std::string& msg) {
  std::string out;
  append_valid_utf8(msg, out);
  return out;
}

// A problem that makes the whole block unreadable; its message is the row's error.
struct Failure {
  std::string message;
};

// Builds Values from yaml-cpp's parser events, one document at a time: no YAML::Node graph, the
// limits checked as the values arrive, and the document loop in our hands (yaml-cpp 0.7's
// LoadAll never ends when a document leaves a token it cannot start with, such as `,`).
class Builder : public YAML::EventHandler {
 public:
  Builder(std::uint32_t first_line, const YamlOptions& limits, std::vector<Problem>* notes)
      : first_line_(first_line), limits_(limits), notes_(notes) {}

  std::size_t documents() const { return doc_marks_.size(); }
  const YAML::Mark& document_mark(std::size_t i) const { return doc_marks_[i]; }
  const YAML::Mark& second_node_mark() const { return second_node_mark_; }
  std::optional<Value>& root() { return root_; }
  const YAML::Mark& root_mark() const { return root_mark_; }
  bool repaired_nul() const { return repaired_nul_; }

  std::string at(const YAML::Mark& m) const {
    if (m.is_null()) return "";
    return std::to_string(m.line + static_cast<int>(first_line_)) + ":" +
           std::to_string(m.column + 1) + ": ";
  }

  void OnDocumentStart(const YAML::Mark& mark) override {
    doc_marks_.push_back(mark);
    if (doc_marks_.size() == 2) expecting_second_node_ = true;
  }
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    add(make(Value::Kind::Null, ""), mark, anchor, 1);
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    add(convert_scalar(mark, tag, clean_text(value)), mark, anchor, 1);
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    note_node(mark);
    if (open_anchors_.count(anchor)) fail(mark, "alias cycle: an alias refers to its own ancestor");
    auto it = anchors_.find(anchor);
    if (it == anchors_.end()) fail(mark, "an alias refers to an anchor that is not defined");
    const Anchored& a = it->second;
    if (nodes_ + a.nodes > limits_.max_nodes) fail(mark, too_many());
    if (bytes_ + a.bytes > limits_.max_expanded_bytes) fail(mark, too_large());
    Value copy = a.value;
    copy.line = static_cast<std::uint32_t>(mark.line) + first_line_;
    place(std::move(copy), mark, 0, a.nodes, a.bytes);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open(Value::Kind::List, mark, anchor);
  }
  void OnSequenceEnd() override { close(); }

  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open(Value::Kind::Map, mark, anchor);
  }
  void OnMapEnd() override { close(); }

 private:
  struct Frame {
    Value value;
    YAML::anchor_t anchor = 0;
    std::size_t first_node = 0;   // nodes_ when the collection opened
    std::size_t first_bytes = 0;  // bytes_ likewise
    YAML::Mark mark;
    bool expecting_key = true;  // maps: the next value completes a key
    std::string key;
    YAML::Mark key_mark;
    MemberIndex index;
  };

  [[noreturn]] void fail(const YAML::Mark& mark, const std::string& message) const {
    throw Failure{at(mark) + message};
  }
  std::string too_large() const {
    return "front matter holds more than " + std::to_string(limits_.max_expanded_bytes) +
           " bytes of text after alias expansion (the max_yaml_bytes limit)";
  }
  std::string too_many() const {
    return "front matter holds more than " + std::to_string(limits_.max_nodes) +
           " values after alias expansion";
  }

  static Value make(Value::Kind kind, const std::string& text) {
    Value v;
    v.kind = kind;
    v.text = text;
    return v;
  }

  std::string clean_text(const std::string& raw) {
    std::string out;
    Repairs r = append_valid_utf8(raw, out, /*latin1_strays=*/true);
    if (r.nul > 0) repaired_nul_ = true;
    return out;
  }

  Value convert_scalar(const YAML::Mark& mark, const std::string& tag, const std::string& text) {
    if (tag == "!" || tag == "tag:yaml.org,2002:str") return make(Value::Kind::Text, text);
    Value v = resolve_plain_scalar(text);
    auto want = [&](Value::Kind k, bool also_int, const char* name) {
      if (v.kind == k || (also_int && v.kind == Value::Kind::Int)) return;
      notes_->push_back(Problem::located(
          "bad_tag",
          at(mark) + "a value tagged !!" + name + " is not one: '" + text + "' read as text",
          /*warning=*/true));
      v = make(Value::Kind::Text, text);
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

  void note_node(const YAML::Mark& mark) {
    if (expecting_second_node_) {
      second_node_mark_ = mark;
      expecting_second_node_ = false;
    }
  }

  void open(Value::Kind kind, const YAML::Mark& mark, YAML::anchor_t anchor) {
    note_node(mark);
    // The root mapping is level 1.
    if (stack_.size() + 1 > limits_.max_depth)
      fail(mark, "front matter nests deeper than " + std::to_string(limits_.max_depth) + " levels");
    if (++nodes_ > limits_.max_nodes) fail(mark, too_many());
    Frame f;
    f.value.kind = kind;
    f.value.line = static_cast<std::uint32_t>(mark.line) + first_line_;
    f.anchor = anchor;
    f.first_node = nodes_;
    f.first_bytes = bytes_;
    f.mark = mark;
    if (anchor) open_anchors_.insert(anchor);
    stack_.push_back(std::move(f));
  }

  void close() {
    Frame f = std::move(stack_.back());
    stack_.pop_back();
    std::size_t count = nodes_ - f.first_node + 1;
    nodes_ -= count;  // place() counts the collection again, as one finished value
    std::size_t bytes = bytes_ - f.first_bytes;
    bytes_ -= bytes;
    if (f.anchor) open_anchors_.erase(f.anchor);
    place(std::move(f.value), f.mark, f.anchor, count, bytes);
  }

  // A finished scalar.
  void add(Value v, const YAML::Mark& mark, YAML::anchor_t anchor, std::size_t count) {
    note_node(mark);
    v.line = static_cast<std::uint32_t>(mark.line) + first_line_;
    const std::size_t bytes = v.text.size();
    place(std::move(v), mark, anchor, count, bytes);
  }

  // A finished value of `count` nodes holding `bytes` bytes of text (keys included; an alias
  // copy counts all of its nodes and bytes again).
  void place(Value v, const YAML::Mark& mark, YAML::anchor_t anchor, std::size_t count,
             std::size_t bytes) {
    nodes_ += count;
    if (nodes_ > limits_.max_nodes) fail(mark, too_many());
    bytes_ += bytes;
    if (bytes_ > limits_.max_expanded_bytes) fail(mark, too_large());
    if (anchor) anchors_[anchor] = Anchored{v, count, bytes};
    if (stack_.empty()) {
      root_ = std::move(v);
      root_mark_ = mark;
      return;
    }
    Frame& parent = stack_.back();
    if (parent.value.kind == Value::Kind::List) {
      parent.value.items.push_back(std::move(v));
    } else if (parent.expecting_key) {
      parent.key = v.kind == Value::Kind::Null ? "null" : v.is_scalar() ? v.text : to_json(v);
      parent.key_mark = mark;
      parent.expecting_key = false;
    } else {
      parent.expecting_key = true;
      if (!parent.index.put(parent.value, parent.key, std::move(v))) {
        Problem p = Problem::located(
            "duplicate_key",
            at(parent.key_mark) + "duplicate key '" + parent.key + "': the last value wins",
            /*warning=*/true);
        p.key = parent.key;
        notes_->push_back(std::move(p));
      }
    }
  }

  std::uint32_t first_line_;
  const YamlOptions& limits_;
  std::vector<Problem>* notes_;
  std::vector<Frame> stack_;
  struct Anchored {
    Value value;
    std::size_t nodes, bytes;
  };
  std::unordered_map<YAML::anchor_t, Anchored> anchors_;
  std::unordered_set<YAML::anchor_t> open_anchors_;
  std::size_t nodes_ = 0;
  std::size_t bytes_ = 0;  // text of every scalar and key so far, aliases expanded
  std::optional<Value> root_;
  YAML::Mark root_mark_ = YAML::Mark::null_mark();
  std::vector<YAML::Mark> doc_marks_;
  bool expecting_second_node_ = false;
  YAML::Mark second_node_mark_ = YAML::Mark::null_mark();
  bool repaired_nul_ = false;
};

std::string position(const YAML::Mark& m, std::uint32_t first_line) {
  if (m.is_null()) return "";
  return std::to_string(m.line + static_cast<int>(first_line)) + ":" +
         std::to_string(m.column + 1) + ": ";
}

}  // namespace

Problem block_too_large(std::size_t size, std::size_t limit) {
  return Problem::located("too_large", "front matter of " + std::to_string(size) +
                                           " bytes is over the limit of " + std::to_string(limit) +
                                           " bytes: not parsed");
}

Value resolve_plain_scalar(std::string text) {
  // A null, a boolean and a number start with one of these bytes: any other scalar is text.
  static constexpr std::string_view kTypedStarts = "~nNtTfF+-.0123456789";
  if (!text.empty() && kTypedStarts.find(text[0]) == std::string_view::npos)
    return scalar(Value::Kind::Text, std::move(text));
  const std::string_view t(text);  // (compared by length first)
  if (t.empty() || t == "~" || t == "null" || t == "Null" || t == "NULL")
    return scalar(Value::Kind::Null, text);
  if (t == "true" || t == "True" || t == "TRUE" || t == "false" || t == "False" || t == "FALSE") {
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
  return scalar(Value::Kind::Text, std::move(text));
}

YamlResult read_yaml_block(std::string_view block, std::uint32_t first_line,
                           const YamlOptions& limits) {
  if (block.size() > limits.max_block_bytes) {
    YamlResult r;
    r.error = block_too_large(block.size(), limits.max_block_bytes);
    return r;
  }
  if (limits.fast_path) {
    if (std::optional<YamlResult> fast = read_yaml_fast(block, first_line, limits))
      return std::move(*fast);
  }
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

  std::istringstream in(yaml);
  YAML::Parser parser(in);
  Builder builder(first_line, limits, &r.notes);
  try {
    while (parser.HandleNextDocument(builder)) {
      if (builder.documents() < 2) continue;
      // A second document starts with `---` or a directive; anything else is a token yaml-cpp
      // cannot start a document with and would never consume.
      const auto pos = static_cast<std::size_t>(builder.document_mark(1).pos);
      if (pos < yaml.size() && yaml.compare(pos, 3, "---") != 0 && yaml[pos] != '%') {
        std::string token(1, yaml[pos]);
        r.error = Problem::located("yaml_syntax", builder.at(builder.document_mark(1)) +
                                                      "YAML syntax error: unexpected '" +
                                                      clean_message(token) + "'");
      } else {
        r.error =
            Problem::located("yaml_syntax", builder.at(builder.second_node_mark()) +
                                                "front matter holds more than one YAML document");
      }
      r.notes.clear();
      return r;
    }
  } catch (const YAML::Exception& e) {
    bool open_quote = e.mark.line == end_marker_line && e.msg == YAML::ErrorMsg::DOC_IN_SCALAR;
    r.error = Problem::located(
        "yaml_syntax", position(e.mark, first_line) + "YAML syntax error: " +
                           (open_quote ? "a quoted scalar is never closed" : clean_message(e.msg)));
    r.notes.clear();
    return r;
  } catch (const Failure& f) {
    r.error = Problem::located("over_limit", f.message);
    r.notes.clear();
    return r;
  }
  r.root.kind = Value::Kind::Map;
  r.root.line = first_line;
  std::optional<Value>& root = builder.root();
  if (root && root->kind != Value::Kind::Null) {
    if (root->kind != Value::Kind::Map) {
      r.error = Problem::located("not_a_mapping",
                                 builder.at(builder.root_mark()) + "front matter is " +
                                     (root->kind == Value::Kind::List ? "a list" : "a scalar") +
                                     ", not a mapping");
      r.notes.clear();
      return r;
    }
    r.root = std::move(*root);
  }
  if (builder.repaired_nul())
    r.notes.push_back(Problem::located("nul_byte",
                                       "NUL character in front matter replaced by U+FFFD",
                                       /*warning=*/true));
  r.ok = true;
  return r;
}

}  // namespace articles
