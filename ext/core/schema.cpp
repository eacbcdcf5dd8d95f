#include "core/schema.hpp"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <unordered_set>

#include "core/article.hpp"
#include "core/text.hpp"
#include "core/tree.hpp"

namespace articles {

const char* column_type_name(ColumnType t) {
  switch (t) {
    case ColumnType::Text:
      return "text";
    case ColumnType::Int:
      return "int";
    case ColumnType::Real:
      return "real";
    case ColumnType::Bool:
      return "bool";
    case ColumnType::Date:
      return "date";
    case ColumnType::List:
      return "list";
    case ColumnType::Json:
      return "json";
  }
  return "text";
}

const char* column_sql_type(ColumnType t) {
  switch (t) {
    case ColumnType::Int:
    case ColumnType::Bool:
      return "INTEGER";
    case ColumnType::Real:
      return "REAL";
    default:
      return "TEXT";
  }
}

namespace {

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool bare_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-' || c == '$' || c == ':' || static_cast<unsigned char>(c) >= 0x80;
}

// Reads a schema string token by token.
class SchemaReader {
 public:
  explicit SchemaReader(std::string_view s) : s_(s) {}

  void skip_blanks() {
    while (i_ < s_.size() && is_space(s_[i_])) ++i_;
  }
  bool at_end() {
    skip_blanks();
    return i_ >= s_.size();
  }
  char peek() {
    skip_blanks();
    return i_ < s_.size() ? s_[i_] : '\0';
  }
  bool take(char c) {
    if (peek() != c) return false;
    ++i_;
    return true;
  }

  // A bare word or a double-quoted string; `quoted` says which. Empty when neither is here.
  std::string word(bool* quoted, const std::string& where) {
    skip_blanks();
    *quoted = i_ < s_.size() && s_[i_] == '"';
    std::string out;
    if (*quoted) {
      for (++i_;; ++i_) {
        if (i_ >= s_.size()) throw SchemaError(where + ": a quoted name is never closed");
        if (s_[i_] == '"') {
          if (i_ + 1 < s_.size() && s_[i_ + 1] == '"') {
            out.push_back('"');
            ++i_;
            continue;
          }
          ++i_;
          break;
        }
        out.push_back(s_[i_]);
      }
      return out;
    }
    while (i_ < s_.size() && bare_char(s_[i_])) out.push_back(s_[i_++]);
    return out;
  }

  // What follows, for an error message: the next few characters.
  std::string rest() {
    skip_blanks();
    std::size_t n = std::min<std::size_t>(20, s_.size() - i_);
    while (i_ + n < s_.size() && (static_cast<unsigned char>(s_[i_ + n]) & 0xC0) == 0x80) --n;
    return std::string(s_.substr(i_, n));  // whole code points only
  }

 private:
  std::string_view s_;
  std::size_t i_ = 0;
};

std::optional<ColumnType> type_named(const std::string& word) {
  const std::string w = lower_ascii(word);
  if (w == "text") return ColumnType::Text;
  if (w == "int" || w == "integer") return ColumnType::Int;
  if (w == "real" || w == "float") return ColumnType::Real;
  if (w == "bool" || w == "boolean") return ColumnType::Bool;
  if (w == "date") return ColumnType::Date;
  if (w == "list") return ColumnType::List;
  if (w == "json") return ColumnType::Json;
  return std::nullopt;
}

bool valid_name_start(const std::string& name) {
  const char c = name[0];
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}

}  // namespace

std::vector<DeclaredColumn> parse_schema(std::string_view spec,
                                         const std::vector<std::string>& taken) {
  if (!is_valid_utf8(spec) || spec.find('\0') != std::string_view::npos)
    throw SchemaError("columns: the schema is not valid UTF-8 text");
  SchemaReader r(spec);
  if (r.at_end()) throw SchemaError("columns: the schema is empty");
  std::unordered_set<std::string> reserved;
  for (const std::string& t : taken) reserved.insert(lower_ascii(t));
  std::unordered_set<std::string> names;
  std::vector<DeclaredColumn> out;
  for (std::size_t n = 1;; ++n) {
    const std::string where = "columns: column " + std::to_string(n);
    DeclaredColumn c;
    bool quoted = false;
    c.name = r.word(&quoted, where);
    if (c.name.empty()) {
      if (!quoted && r.peek() != ',' && !r.at_end())
        throw SchemaError(where + ": expected a name, got '" + r.rest() + "'");
      throw SchemaError(where + ": the name is empty");
    }
    if (!quoted && !valid_name_start(c.name))
      throw SchemaError(where + ": the name '" + c.name +
                        "' must start with a letter or '_' (or be quoted)");
    const std::string column = "columns: '" + c.name + "'";
    if (reserved.count(lower_ascii(c.name)))
      throw SchemaError(column + " is the name of a built-in column");
    if (!names.insert(lower_ascii(c.name)).second) throw SchemaError(column + " is declared twice");
    const std::string type = r.word(&quoted, column);
    if (type.empty() || quoted)
      throw SchemaError(column + ": expected a type (text, int, real, bool, date, list, json)" +
                        (r.at_end() ? std::string() : ", got '" + r.rest() + "'"));
    const std::optional<ColumnType> t = type_named(type);
    if (!t)
      throw SchemaError(column + ": unknown type '" + type +
                        "' (the types are text, int, real, bool, date, list, json)");
    c.type = *t;
    bool has_path = false;
    for (;;) {
      if (r.at_end() || r.peek() == ',') break;
      if (r.take('=')) {
        if (has_path) throw SchemaError(column + ": the path is given twice");
        has_path = true;
        for (;;) {
          const std::string step = r.word(&quoted, column);
          if (step.empty()) throw SchemaError(column + ": the path has an empty step");
          c.path.push_back(step);
          if (!r.take('.')) break;
        }
        continue;
      }
      const std::string flag = lower_ascii(r.word(&quoted, column));
      if (flag == "required" && !quoted) {
        c.required = true;
      } else if (flag == "split" && !quoted) {
        if (c.type != ColumnType::List) throw SchemaError(column + ": split is for list columns");
        c.split = true;
      } else {
        throw SchemaError(column + ": expected required, split, '=', or ',', got '" +
                          (flag.empty() ? r.rest() : flag) + "'");
      }
    }
    if (!has_path) c.path.push_back(c.name);
    c.key = "$";
    for (const std::string& step : c.path) append_path_key(c.key, step);
    c.key.erase(0, 2);  // `$.a.b` -> `a.b`: a path from the root, as the docs write it
    out.push_back(std::move(c));
    if (out.size() > kMaxDeclaredColumns)
      throw SchemaError("columns: more than " + std::to_string(kMaxDeclaredColumns) +
                        " columns declared");
    if (r.at_end()) break;
    r.take(',');
    if (r.at_end()) throw SchemaError("columns: column " + std::to_string(n + 1) + " is empty");
  }
  return out;
}

namespace {

// A whole number written as text (`42`, `-7`, blanks around), within 64 bits.
std::optional<std::int64_t> integer_text(std::string_view s) {
  s = trim(s);
  if (s.empty() || s.size() > 20) return std::nullopt;
  std::size_t i = s[0] == '-' || s[0] == '+' ? 1 : 0;
  if (i == s.size()) return std::nullopt;
  for (std::size_t k = i; k < s.size(); ++k)
    if (s[k] < '0' || s[k] > '9') return std::nullopt;
  errno = 0;
  const std::string copy(s);
  char* end = nullptr;
  const long long v = std::strtoll(copy.c_str(), &end, 10);
  if (errno == ERANGE || *end) return std::nullopt;
  return static_cast<std::int64_t>(v);
}

// A finite number written as text (`2.5`, `1e3`).
std::optional<double> real_text(std::string_view s) {
  s = trim(s);
  if (s.empty() || s.size() > 64) return std::nullopt;
  const std::string copy(s);
  char* end = nullptr;
  const double d = std::strtod(copy.c_str(), &end);
  if (*end || !std::isfinite(d)) return std::nullopt;
  for (char c : copy)  // strtod also reads hex, inf and nan: plain decimal only
    if (!((c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '-' || c == '+'))
      return std::nullopt;
  return d;
}

}  // namespace

DeclaredValue read_declared(const DeclaredColumn& column, const Value* front_matter,
                            std::optional<Problem>* problem) {
  problem->reset();
  DeclaredValue out;
  const Value* v = front_matter;
  for (const std::string& step : column.path) {
    v = v && v->kind == Value::Kind::Map ? v->find(step) : nullptr;
    if (!v) break;
  }
  auto report = [&](const char* code, std::string message) {
    Problem p;
    p.code = code;
    p.key = column.key;
    p.line = v ? v->line : 0;
    p.message = std::move(message);
    *problem = std::move(p);
  };
  if (!v || v->kind == Value::Kind::Null) {
    if (column.required)
      report("missing_required", std::string("required key is ") + (v ? "null" : "missing"));
    return out;
  }
  auto mismatch = [&](const char* expected) {
    report("type_mismatch", std::string("expected ") + expected + ", got " + describe_value(*v));
    return DeclaredValue{};
  };
  switch (column.type) {
    case ColumnType::Text:
      if (!v->is_scalar()) return mismatch("text");
      out.kind = DeclaredValue::Kind::Text;
      out.text = v->text;
      return out;
    case ColumnType::Int:
      if (v->kind == Value::Kind::Int) {
        out.integer = v->integer;
      } else if (v->kind == Value::Kind::Real && std::nearbyint(v->real) == v->real &&
                 std::fabs(v->real) < 9.2e18) {
        out.integer = static_cast<std::int64_t>(v->real);
      } else if (auto i = v->kind == Value::Kind::Text ? integer_text(v->text) : std::nullopt) {
        out.integer = *i;
      } else {
        return mismatch("an integer");
      }
      out.kind = DeclaredValue::Kind::Int;
      return out;
    case ColumnType::Real:
      if (v->kind == Value::Kind::Int) {
        out.real = static_cast<double>(v->integer);
      } else if (v->kind == Value::Kind::Real && std::isfinite(v->real)) {
        out.real = v->real;
      } else if (auto d = v->kind == Value::Kind::Text ? real_text(v->text) : std::nullopt) {
        out.real = *d;
      } else {
        return mismatch("a number");
      }
      out.kind = DeclaredValue::Kind::Real;
      return out;
    case ColumnType::Bool: {
      const std::string t = v->kind == Value::Kind::Text ? std::string(trim(v->text)) : "";
      if (v->kind == Value::Kind::Bool)
        out.integer = v->boolean ? 1 : 0;
      else if (t == "true" || t == "True" || t == "TRUE")
        out.integer = 1;
      else if (t == "false" || t == "False" || t == "FALSE")
        out.integer = 0;
      else
        return mismatch("true or false");
      out.kind = DeclaredValue::Kind::Int;
      return out;
    }
    case ColumnType::Date:
      if (auto d = date_value(*v)) {
        out.kind = DeclaredValue::Kind::Text;
        out.text = std::move(*d);
        return out;
      }
      report("bad_date", "cannot read the date " + describe_value(*v));
      return out;
    case ColumnType::List:
      if (v->kind == Value::Kind::Map) return mismatch("a list");
      out.kind = DeclaredValue::Kind::Json;
      if (v->kind == Value::Kind::List) {
        out.text = to_json(*v);
      } else if (column.split && v->kind == Value::Kind::Text) {
        out.text = "[";
        std::string_view rest = v->text;
        for (;;) {
          const std::size_t comma = rest.find(',');
          const std::string_view item = trim(rest.substr(0, comma));
          if (!item.empty()) {
            if (out.text.size() > 1) out.text.push_back(',');
            append_json_string(out.text, std::string(item));
          }
          if (comma == std::string_view::npos) break;
          rest.remove_prefix(comma + 1);
        }
        out.text.push_back(']');
      } else {
        out.text = "[" + to_json(*v) + "]";
      }
      return out;
    case ColumnType::Json:
      out.kind = DeclaredValue::Kind::Json;
      out.text = to_json(*v);
      return out;
  }
  return out;
}

namespace {

void put_bytes(std::string& out, const void* p, std::size_t n) {
  out.append(static_cast<const char*>(p), n);
}

}  // namespace

std::string pack_declared(const Article& article, const std::vector<DeclaredColumn>& schema,
                          std::vector<Problem>* problems) {
  std::string out;
  const Value* front_matter = article.front_matter ? &*article.front_matter : nullptr;
  for (const DeclaredColumn& c : schema) {
    std::optional<Problem> p;
    const DeclaredValue v =
        article.format == Format::Binary ? DeclaredValue{} : read_declared(c, front_matter, &p);
    if (problems && p) {
      const std::string text = p->text();
      bool told = false;
      for (const Problem& q : article.problems) told = told || q.text() == text;
      if (!told) problems->push_back(std::move(*p));
    }
    switch (v.kind) {
      case DeclaredValue::Kind::Null:
        out.push_back('n');
        break;
      case DeclaredValue::Kind::Int:
        out.push_back('i');
        put_bytes(out, &v.integer, sizeof v.integer);
        break;
      case DeclaredValue::Kind::Real:
        out.push_back('r');
        put_bytes(out, &v.real, sizeof v.real);
        break;
      case DeclaredValue::Kind::Text:
      case DeclaredValue::Kind::Json: {
        out.push_back(v.kind == DeclaredValue::Kind::Text ? 't' : 'j');
        const auto n = static_cast<std::uint32_t>(v.text.size());
        put_bytes(out, &n, sizeof n);
        out += v.text;
        break;
      }
    }
  }
  return out;
}

std::vector<Problem> check_schema(const Article& article,
                                  const std::vector<DeclaredColumn>& schema) {
  std::vector<Problem> out;
  pack_declared(article, schema, &out);
  return out;
}

DeclaredView view_declared(std::string_view packed, std::size_t i) {
  DeclaredView v;
  for (std::size_t k = 0, pos = 0; pos < packed.size(); ++k) {
    const char tag = packed[pos++];
    std::size_t size = 0;
    if (tag == 'i' || tag == 'r') {
      size = 8;
    } else if (tag == 't' || tag == 'j') {
      std::uint32_t n = 0;
      if (packed.size() - pos < sizeof n) return {};
      std::memcpy(&n, packed.data() + pos, sizeof n);
      pos += sizeof n;
      size = n;
    } else if (tag != 'n') {
      return {};
    }
    if (packed.size() - pos < size) return {};
    if (k == i) {
      if (tag == 'i') {
        v.kind = DeclaredValue::Kind::Int;
        std::memcpy(&v.integer, packed.data() + pos, 8);
      } else if (tag == 'r') {
        v.kind = DeclaredValue::Kind::Real;
        std::memcpy(&v.real, packed.data() + pos, 8);
      } else if (tag != 'n') {
        v.kind = tag == 't' ? DeclaredValue::Kind::Text : DeclaredValue::Kind::Json;
        v.text = packed.substr(pos, size);
      }
      return v;
    }
    pos += size;
  }
  return v;
}

DeclaredValue unpack_declared(std::string_view packed, std::size_t i) {
  const DeclaredView view = view_declared(packed, i);
  DeclaredValue v;
  v.kind = view.kind;
  v.integer = view.integer;
  v.real = view.real;
  v.text.assign(view.text);
  return v;
}

}  // namespace articles
