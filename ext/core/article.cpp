#include "core/article.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <initializer_list>

#include "core/dates.hpp"
#include "core/json_reader.hpp"
#include "core/links.hpp"
#include "core/markdown.hpp"
#include "core/split.hpp"
#include "core/text.hpp"
#include "core/toml_reader.hpp"

namespace articles {

namespace {

// Length of the Unicode white space character at s[i] (Python's str.isspace set), or 0.
std::size_t unicode_space_at(std::string_view s, std::size_t i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) return (is_space(s[i]) || (c >= 0x1c && c <= 0x1f)) ? 1 : 0;
  auto at = [&](std::size_t k) {
    return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0u;
  };
  if (c == 0xC2 && (at(1) == 0x85 || at(1) == 0xA0)) return 2;
  if (c == 0xE1 && at(1) == 0x9A && at(2) == 0x80) return 3;  // U+1680
  if (c == 0xE2 && at(1) == 0x80 &&
      (at(2) <= 0x8A || at(2) == 0xA8 || at(2) == 0xA9 || at(2) == 0xAF))
    return 3;  // U+2000..U+200A, U+2028, U+2029, U+202F
  if (c == 0xE2 && at(1) == 0x81 && at(2) == 0x9F) return 3;  // U+205F
  if (c == 0xE3 && at(1) == 0x80 && at(2) == 0x80) return 3;  // U+3000
  return 0;
}

std::string_view trim_unicode(std::string_view s) {
  std::size_t a = 0;
  while (a < s.size()) {
    std::size_t n = unicode_space_at(s, a);
    if (n == 0) break;
    a += n;
  }
  s.remove_prefix(a);
  for (;;) {
    bool trimmed = false;
    for (std::size_t n = 1; n <= 3 && n <= s.size(); ++n) {
      if (unicode_space_at(s, s.size() - n) == n) {
        s.remove_suffix(n);
        trimmed = true;
        break;
      }
    }
    if (!trimmed) return s;
  }
}

class FieldReader {
 public:
  FieldReader(const Value& root, std::vector<Problem>* problems)
      : root_(root), problems_(problems) {}

  // A value of `key` that cannot serve: `key (line L): message` in the error column.
  void problem(const char* code, const char* key, const Value& v, std::string message) {
    Problem p;
    p.code = code;
    p.key = key;
    p.line = v.line;
    p.message = std::move(message);
    problems_->push_back(std::move(p));
  }

  const Value* get(const char* key) const { return root_.find(key); }

  // A scalar as its text; null gives nothing; a collection gives nothing and a note.
  std::optional<std::string> text(const char* key, const Value* v = nullptr) {
    if (!v) v = get(key);
    if (!v || v->kind == Value::Kind::Null) return std::nullopt;
    if (!v->is_scalar()) {
      problem("type_mismatch", key, *v, "expected text, got " + describe_value(*v));
      return std::nullopt;
    }
    return v->as_text();
  }

  std::optional<std::int64_t> integer(const char* key) {
    const Value* v = get(key);
    if (!v || v->kind == Value::Kind::Null) return std::nullopt;
    if (v->kind == Value::Kind::Int) return v->integer;
    if (v->kind == Value::Kind::Text) {
      Value typed = resolve_plain_scalar(std::string(trim(v->text)));
      if (typed.kind == Value::Kind::Int && typed.text.find_first_of("ox") == std::string::npos)
        return typed.integer;
    }
    problem("type_mismatch", key, *v, "expected an integer, got " + describe_value(*v));
    return std::nullopt;
  }

  std::optional<std::int64_t> boolean(const char* key) {
    const Value* v = get(key);
    if (!v || v->kind == Value::Kind::Null) return std::nullopt;
    if (v->kind == Value::Kind::Bool) return v->boolean ? 1 : 0;
    if (std::string_view(key) == "published" && date_of(*v)) return std::nullopt;  // a date
    problem("type_mismatch", key, *v, "expected true or false, got " + describe_value(*v));
    return std::nullopt;
  }

  std::optional<std::string> date(const char* key) {
    const Value* v = get(key);
    if (!v || v->kind == Value::Kind::Null) return std::nullopt;
    if (auto d = date_of(*v)) return d;
    problem("bad_date", key, *v, "cannot read the date " + describe_value(*v));
    return std::nullopt;
  }

  // The first of `keys` that is present and not null, read as a date (an error when it is not
  // one); `published` only when it is not a boolean. *stated: whether such a key was found.
  std::optional<std::string> first_date(std::initializer_list<const char*> keys,
                                        bool* stated = nullptr) {
    for (const char* key : keys) {
      const Value* v = get(key);
      if (!v || v->kind == Value::Kind::Null) continue;
      if (std::string_view(key) == "published" && v->kind != Value::Kind::Text) continue;
      if (std::string_view(key) == "published" && !date_of(*v)) continue;
      if (stated) *stated = true;
      return date(key);
    }
    return std::nullopt;
  }

  static std::optional<std::string> date_of(const Value& v) { return date_value(v); }

  // A list as a JSON array; a lone scalar (or, with `wrap_map`, a lone mapping) as an array of
  // one; anything else gives nothing and a note.
  std::optional<std::string> json_array(const char* key, bool wrap_map) {
    const Value* v = get(key);
    if (!v || v->kind == Value::Kind::Null) return std::nullopt;
    if (v->kind == Value::Kind::List) return to_json(*v);
    if ((v->kind == Value::Kind::Map && wrap_map) || (v->is_scalar() && !wrap_map))
      return "[" + to_json(*v) + "]";
    problem("type_mismatch", key, *v, "expected a list, got " + describe_value(*v));
    return std::nullopt;
  }

 private:
  const Value& root_;
  std::vector<Problem>* problems_;
};

// `author` or `authors`: a name, a mapping with a name, or a list of either (joined by ", ").
std::optional<std::string> author_of(const Value& front_matter) {
  const Value* v = front_matter.find("author");
  if (!v) v = front_matter.find("authors");
  if (!v) return std::nullopt;
  auto name = [](const Value& x) -> std::optional<std::string> {
    const Value* n = x.kind == Value::Kind::Map ? x.find("name") : &x;
    if (!n || !n->is_scalar() || n->kind == Value::Kind::Null || n->text.empty())
      return std::nullopt;
    return n->text;
  };
  if (v->kind != Value::Kind::List) return name(*v);
  std::string out;
  for (const Value& item : v->items) {
    if (auto n = name(item)) out += (out.empty() ? "" : ", ") + *n;
  }
  if (out.empty()) return std::nullopt;
  return out;
}

// A Markdown heading's leading `#` marks and the blanks after them, removed.
std::string_view strip_heading_marks(std::string_view line) {
  if (!line.empty() && line[0] == '#') {
    std::size_t k = line.find_first_not_of('#');
    if (k != std::string_view::npos && (line[k] == ' ' || line[k] == '\t'))
      return trim_unicode(line.substr(k));
  }
  return line;
}

// The front-matter keys `published_at` reads, the first present and not null.
constexpr std::initializer_list<const char*> kPublishedKeys = {"publishedDateTime", "publishDate",
                                                               "pubDate", "published", "date"};

// The columns the front matter fills. True when a key of published_at holds a value, read or
// not.
bool read_fields(Article& a) {
  FieldReader f(*a.front_matter, &a.problems);
  a.title = f.text("title");
  a.category = f.text("category");
  a.type = f.text("type");
  a.excerpt = f.text("excerpt");
  bool date_stated = false;
  a.published_at = f.first_date(kPublishedKeys, &date_stated);
  a.updated_at = f.first_date({"lastmod", "lastModified", "updated", "modified"});
  a.quality = f.integer("quality");
  a.heat = f.integer("heat");
  a.published = f.boolean("published");
  if (const Value* p = f.get("provider")) {
    if (p->kind == Value::Kind::Map) {
      a.provider_name = f.text("provider.name", p->find("name"));
      a.provider_domain = f.text("provider.domain", p->find("domain"));
    } else if (p->kind != Value::Kind::Null) {
      f.problem("type_mismatch", "provider", *p,
                "expected a mapping with name and domain, got " + describe_value(*p));
    }
  }
  a.original_url = f.text("originalUrl");
  a.web_url = f.text("webUrl");
  a.topics = f.json_array("topics", /*wrap_map=*/false);
  a.images = f.json_array("images", /*wrap_map=*/true);
  if (const Value* r = f.get("related")) {
    if (r->kind == Value::Kind::List)
      a.related_count = static_cast<std::int64_t>(r->items.size());
    else if (r->kind != Value::Kind::Null)
      f.problem("type_mismatch", "related", *r, "expected a list, got " + describe_value(*r));
  }
  a.secured = f.text("secured");
  a.byline = author_of(*a.front_matter);
  a.link_names = link_names(*a.front_matter);
  return date_stated;
}

std::string repairs_note(const Repairs& r) {
  std::string out;
  if (r.invalid > 0)
    out = "invalid " + std::string("text encoding: ") + std::to_string(r.invalid) +
          " sequence(s) replaced by U+FFFD";
  if (r.nul > 0) {
    if (!out.empty()) out += ", and ";
    out += std::to_string(r.nul) + " NUL byte(s) replaced by U+FFFD";
  }
  return out + " (first on line " + std::to_string(r.first_line) + ")";
}

}  // namespace

std::optional<std::string> date_value(const Value& v) {
  if (!v.is_scalar() || v.kind == Value::Kind::Null) return std::nullopt;
  if (auto d = normalize_date(v.text)) return d;
  if (v.kind == Value::Kind::Text && v.text.size() <= 64) return find_text_date(v.text);
  return std::nullopt;
}

std::string describe_value(const Value& v) {
  switch (v.kind) {
    case Value::Kind::List:
      return "a list";
    case Value::Kind::Map:
      return "a mapping";
    case Value::Kind::Null:
      return "null";
    case Value::Kind::Text:
      return "'" + v.text + "'";
    default:
      return v.text;
  }
}

std::optional<std::string> Article::error_text() const {
  if (problems.empty()) return std::nullopt;
  std::string out;
  for (const Problem& p : problems) {
    if (!out.empty()) out += "; ";
    out += p.text();
  }
  return out;
}

std::optional<std::string> first_line_headline(std::string_view text, std::string_view* rest) {
  std::size_t pos = 0, next = 0;
  while (pos < text.size()) {
    std::size_t len = line_at(text, pos, &next);
    std::string_view line = trim_unicode(text.substr(pos, len));
    if (!line.empty()) {
      if (rest) *rest = text.substr(next);
      return std::string(strip_heading_marks(line));
    }
    pos = next;
  }
  if (rest) *rest = text.substr(text.size());
  return std::nullopt;
}

std::optional<std::string> front_matter_json(const Article& article) {
  if (!article.front_matter) return std::nullopt;
  return to_json(*article.front_matter);
}

std::string_view block_text(const Article& article, const TextBlock& block) {
  const std::size_t p = article.preamble.size();
  if (block.offset < p)
    return std::string_view(article.preamble).substr(block.offset, block.length);
  return std::string_view(article.body).substr(block.offset - p, block.length);
}

std::string clean_body(const Article& article) {
  if (article.format == Format::FrontMatter) return article.body;
  std::string out;
  for (const ParagraphRow& row : paragraph_rows(article)) {
    if (row.kind != BlockKind::Paragraph && row.kind != BlockKind::ListItem &&
        row.kind != BlockKind::Heading)
      continue;
    if (!out.empty()) out += "\n\n";
    out.append(row.text);
  }
  return out;
}

std::vector<ParagraphRow> paragraph_rows(const Article& article) {
  std::vector<ParagraphRow> rows;
  if (article.format != Format::FrontMatter) {
    rows.reserve(article.blocks.size());
    for (const TextBlock& b : article.blocks)
      rows.push_back(ParagraphRow{b.line, b.kind, block_text(article, b)});
    return rows;
  }
  // Front matter: the body's paragraphs, between blank lines.
  std::string_view body(article.body);
  std::size_t pos = 0, next = 0, start = std::string_view::npos, end = 0;
  std::uint32_t line = article.body_line, start_line = 0;
  auto flush = [&] {
    if (start == std::string_view::npos) return;
    std::string_view text = trim_unicode(body.substr(start, end - start));
    rows.push_back(
        ParagraphRow{start_line, text[0] == '#' ? BlockKind::Heading : BlockKind::Paragraph, text});
    start = std::string_view::npos;
  };
  while (pos < body.size()) {
    std::size_t len = line_at(body, pos, &next);
    if (trim_unicode(body.substr(pos, len)).empty()) {
      flush();
    } else {
      if (start == std::string_view::npos) {
        start = pos;
        start_line = line;
      }
      end = pos + len;
    }
    pos = next;
    ++line;
  }
  flush();
  return rows;
}

std::vector<RelatedEntry> related_entries(const Article& article) {
  std::vector<RelatedEntry> out;
  if (!article.front_matter) return out;
  const Value* list = article.front_matter->find("related");
  if (!list || list->kind != Value::Kind::List) return out;
  std::vector<Problem> ignored;  // the raw values stay visible in `entry`
  for (const Value& item : list->items) {
    RelatedEntry r;
    r.entry = to_json(item);
    if (item.kind == Value::Kind::Map) {
      FieldReader f(item, &ignored);
      r.title = f.text("title");
      r.excerpt = f.text("excerpt");
      r.type = f.text("type");
      r.published_at = f.date("publishedDateTime");
      r.web_url = f.text("webUrl");
      if (const Value* p = f.get("provider"); p && p->kind == Value::Kind::Map) {
        r.provider_name = f.text("provider.name", p->find("name"));
        r.provider_domain = f.text("provider.domain", p->find("domain"));
      }
      r.quality = f.integer("quality");
      r.images = f.json_array("images", /*wrap_map=*/true);
      if (const Value* images = f.get("images")) {
        const Value* first = images->kind == Value::Kind::List
                                 ? (images->items.empty() ? nullptr : &images->items[0])
                                 : images;
        if (first && first->kind == Value::Kind::Map)
          r.image_url = f.text("url", first->find("url"));
      }
    }
    out.push_back(std::move(r));
  }
  return out;
}

namespace {

void add_member(std::string& out, const char* name, const std::optional<std::string>& text,
                bool raw_json = false) {
  out += out.size() > 1 ? ",\"" : "\"";
  out += name;
  out += "\":";
  if (!text)
    out += "null";
  else if (raw_json)
    out += *text;
  else
    append_json_string(out, *text);
}

void add_member(std::string& out, const char* name, const std::optional<std::int64_t>& v) {
  add_member(out, name, v ? std::optional<std::string>(std::to_string(*v)) : std::nullopt, true);
}

}  // namespace

std::string article_json(const Article& a) {
  std::string out = "{";
  add_member(out, "title", a.title);
  add_member(out, "byline", a.byline);
  add_member(out, "category", a.category);
  add_member(out, "type", a.type);
  add_member(out, "excerpt", a.excerpt);
  add_member(out, "published_at", a.published_at);
  add_member(out, "updated_at", a.updated_at);
  add_member(out, "quality", a.quality);
  add_member(out, "heat", a.heat);
  add_member(out, "published", a.published);
  add_member(out, "provider_name", a.provider_name);
  add_member(out, "provider_domain", a.provider_domain);
  add_member(out, "original_url", a.original_url);
  add_member(out, "web_url", a.web_url);
  add_member(out, "topics", a.topics, true);
  add_member(out, "images", a.images, true);
  add_member(out, "related_count", std::optional<std::int64_t>(a.related_count));
  add_member(out, "secured", a.secured);
  const bool text = a.format != Format::Binary;
  add_member(out, "body", text ? std::optional<std::string>(a.body) : std::nullopt);
  add_member(out, "clean_body", text ? std::optional<std::string>(clean_body(a)) : std::nullopt);
  add_member(out, "word_count", std::optional<std::int64_t>(a.word_count));
  add_member(out, "front_matter", front_matter_json(a), true);
  add_member(out, "format", std::string(format_name(a.format)));
  const char* syntax = syntax_name(a.syntax);
  add_member(out, "front_matter_format",
             syntax ? std::optional<std::string>(syntax) : std::nullopt);
  const char* source = title_source_name(a.title_source);
  add_member(out, "title_source", source ? std::optional<std::string>(source) : std::nullopt);
  if (a.title_confidence) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3f", *a.title_confidence);
    add_member(out, "title_confidence", std::optional<std::string>(buf), /*raw_json=*/true);
  } else {
    add_member(out, "title_confidence", std::optional<std::string>(), true);
  }
  add_member(out, "error", a.error_text());
  out += "}";
  return out;
}

const char* format_name(Format f) {
  return f == Format::FrontMatter ? "front_matter" : f == Format::Binary ? "binary" : "plain";
}

const char* syntax_name(Syntax s) {
  switch (s) {
    case Syntax::Yaml:
      return "yaml";
    case Syntax::Toml:
      return "toml";
    case Syntax::Json:
      return "json";
    default:
      return nullptr;
  }
}

const char* title_source_name(TitleSource t) {
  switch (t) {
    case TitleSource::FrontMatter:
      return "front_matter";
    case TitleSource::Heading:
      return "heading";
    case TitleSource::FileName:
      return "file_name";
    case TitleSource::FirstLine:
      return "first_line";
    case TitleSource::Inferred:
      return "inferred";
    default:
      return nullptr;
  }
}

bool is_binary(std::string_view bytes) {
  if (bytes.substr(0, 2) == "\xFF\xFE" || bytes.substr(0, 2) == "\xFE\xFF") return false;
  if (bytes.substr(0, 8192).find('\0') != std::string_view::npos) return true;
  static const std::string_view kSignatures[] = {std::string_view("\x89PNG\r\n\x1a\n", 8),
                                                 "\xFF\xD8\xFF",
                                                 "GIF87a",
                                                 "GIF89a",
                                                 "%PDF-",
                                                 std::string_view("PK\x03\x04", 4),
                                                 "\x1F\x8B",
                                                 "\xFD"
                                                 "7zXZ",
                                                 "7z\xBC\xAF\x27\x1C",
                                                 "Rar!\x1A\x07",
                                                 "\x7F"
                                                 "ELF",
                                                 "wOFF",
                                                 "wOF2",
                                                 "fLaC",
                                                 "OggS",
                                                 "SQLite format 3"};
  for (std::string_view sig : kSignatures)
    if (bytes.substr(0, sig.size()) == sig) return true;
  return bytes.size() >= 12 && bytes.substr(0, 4) == "RIFF" && bytes.substr(8, 4) == "WEBP";
}

namespace {

// The front matter, read by the reader of its syntax, into the article (fields, notes, errors).
// True when it states the date published_at reads, readable or not.
bool take_front_matter(Article& a, YamlResult&& r) {
  a.yaml_fast = r.fast;
  if (!r.ok) {
    a.problems.push_back(std::move(r.error));
    return false;
  }
  a.front_matter = std::move(r.root);
  for (auto& n : r.notes) a.problems.push_back(std::move(n));
  return read_fields(a);
}

// The rest of the title chain for Markdown without a front-matter title: its first level-1
// heading, then its file name (or, without one, the first non-blank line).
void title_from_markdown(Article& a, std::string_view text, std::string_view name) {
  if ((a.title = first_heading(text))) {
    a.title_source = TitleSource::Heading;
  } else if (!name.empty()) {
    a.title = std::string(name_stem(name));
    a.title_source = TitleSource::FileName;
  } else if ((a.title = first_line_headline(text, nullptr))) {
    a.title_source = TitleSource::FirstLine;
  }
}

}  // namespace

Article parse_article(std::string_view bytes, const ParseOptions& options,
                      std::string_view file_name) {
  Article a;
  if (is_binary(bytes)) {
    a.format = Format::Binary;
    a.problems.push_back(Problem::located("not_text", "not a text file"));
    return a;
  }
  DecodedText decoded = decode_file_bytes(bytes);
  if (decoded.legacy_line) {
    Problem p = Problem::located(
        "legacy_encoding",
        "not UTF-8: read as Windows-1252 (Latin-1), first byte past ASCII on line " +
            std::to_string(decoded.legacy_line),
        /*warning=*/true);
    p.line = decoded.legacy_line;
    a.problems.push_back(std::move(p));
  }
  if (decoded.repairs.any()) {
    Problem p = Problem::located(decoded.repairs.invalid > 0 ? "invalid_utf8" : "nul_byte",
                                 repairs_note(decoded.repairs), /*warning=*/true);
    p.line = decoded.repairs.first_line;
    a.problems.push_back(std::move(p));
  }
  const std::string& text = decoded.text;
  const bool markdown_name = is_markdown_name(file_name);
  bool date_stated = false;  // a front-matter key of published_at holds a value
  a.markdown = markdown_name;

  Split split = split_front_matter(text);
  std::optional<JsonFrontMatter> json;
  if (split.kind == Split::Kind::None) json = read_json_front_matter(text, options.yaml);
  if (split.kind == Split::Kind::FrontMatter || json) {
    a.format = Format::FrontMatter;
    a.markdown = true;
    if (json) {
      a.syntax = Syntax::Json;
      a.body.assign(std::string_view(text).substr(json->body_offset));
      a.body_line = json->body_line;
      date_stated = take_front_matter(a, std::move(json->result));
    } else {
      a.syntax = split.toml ? Syntax::Toml : Syntax::Yaml;
      a.body.assign(split.body);
      a.body_line = split.body_line;
      date_stated = take_front_matter(
          a, split.toml ? read_toml_block(split.block, split.block_line, options.yaml)
                        : read_yaml_block(split.block, split.block_line, options.yaml));
    }
    if (a.title)
      a.title_source = TitleSource::FrontMatter;
    else
      title_from_markdown(a, a.body, file_name);
  } else {
    if (split.kind == Split::Kind::Unterminated) {
      Problem p =
          Problem::located("unclosed_front_matter",
                           "front matter opened on line 1 is never closed: read as plain text");
      p.line = 1;
      a.problems.push_back(std::move(p));
    }
    // Plain text: the body starts after its first line (the headline of a saved page) and the
    // blank lines after it; a text of one non-blank line keeps it as its body. Markdown: the
    // whole text is the body, as after a front matter.
    std::string_view body = split.body;
    if (!markdown_name) {
      std::string_view rest;
      const bool lined = first_line_headline(split.body, &rest).has_value();
      std::size_t k = 0, next = 0;
      while (k < rest.size() && trim_unicode(rest.substr(k, line_at(rest, k, &next))).empty() &&
             next > k)
        k = next;
      if (k < rest.size() || !lined) body = rest.substr(k);
    }
    a.body.assign(body);
    a.body_line = 1 + static_cast<std::uint32_t>(
                          std::count(text.data(), text.data() + (body.data() - text.data()), '\n'));
    a.preamble.assign(
        split.body.substr(0, static_cast<std::size_t>(body.data() - split.body.data())));
    ScrapedReading reading;
    if (options.read_text) reading = read_scraped_text(split.body);
    a.blocks = std::move(reading.blocks);
    for (TextBlock& b : a.blocks) b.line += split.body_line - 1;
    if (markdown_name) {
      title_from_markdown(a, split.body, file_name);
    } else {
      // None when the reading finds no line to be the headline (a note of one paragraph).
      if (reading.headline) {
        a.title = std::string(strip_heading_marks(block_text(a, a.blocks[*reading.headline])));
        // Three decimals: all the calibration can tell, and what every column shows.
        a.title_confidence = std::round(reading.headline_confidence * 1000) / 1000;
      }
      a.title_source = TitleSource::Inferred;
    }
    a.byline = std::move(reading.byline);
    a.published_at = std::move(reading.published_at);
  }
  // No date stated (no date key holds a value, no dateline below the headline): the one the
  // file's name starts with, as Jekyll, Hugo and Zola name posts. A date key whose value cannot
  // be read keeps its note and NULL; plain text not read for its dateline (`read_text` off: a
  // query that asks for no column of that reading) has none either.
  if (!a.published_at && !date_stated && (a.format == Format::FrontMatter || options.read_text))
    a.published_at = file_name_date(file_name);
  a.word_count = count_words(a.body);
  return a;
}

std::vector<Section> article_sections(const Article& a) {
  if (a.markdown) return markdown_sections(a.body, a.body_line);
  Section whole;
  whole.line = a.body_line;
  std::string_view body = a.body;
  while (!body.empty() && is_space(body.back())) body.remove_suffix(1);
  whole.text = body;
  whole.end_line =
      a.body_line + static_cast<std::uint32_t>(std::count(body.begin(), body.end(), '\n'));
  return {whole};
}

}  // namespace articles
