// articles: one row per article file below a folder.
//
//   SELECT path, title, quality FROM articles('news/');             -- every file, recursively
//   SELECT path, title FROM articles('news/', '*.md');              -- file names matching a glob
//   CREATE VIRTUAL TABLE temp.news USING articles(root='news/', pattern='*.txt', recursive=0);
//   SELECT count(*) FROM news WHERE error IS NOT NULL;
//
// Columns: see kSchema below and docs/articles.md. Hidden columns `root` and `pattern` take the
// table-valued arguments. Options of CREATE VIRTUAL TABLE: root, pattern, recursive (1 or 0),
// max_file_size (bytes; default 16 MiB). Rows come in byte order of `path`; rowid is a stable
// hash of the path. A file is opened and parsed only when a column other than path, size and
// mtime is read. Registered DIRECTONLY: it reads files, so views, triggers and schema
// expressions cannot use it.
#include <cstring>
#include <optional>
#include <string>

#include "core/article.hpp"
#include "core/scan.hpp"
#include "vtab/common.hpp"

namespace articles {

namespace {

constexpr const char* kTable = "articles";

constexpr const char* kSchema =
    "CREATE TABLE x(path TEXT, title TEXT, category TEXT, type TEXT, excerpt TEXT,"
    " published_at TEXT, quality INTEGER, heat INTEGER, published INTEGER,"
    " provider_name TEXT, provider_domain TEXT, original_url TEXT, web_url TEXT,"
    " topics TEXT, images TEXT, related_count INTEGER, secured TEXT, body TEXT,"
    " word_count INTEGER, front_matter TEXT, format TEXT, size INTEGER, mtime INTEGER,"
    " error TEXT, root HIDDEN, pattern HIDDEN)";

enum Column {
  kPath,
  kTitle,
  kCategory,
  kType,
  kExcerpt,
  kPublishedAt,
  kQuality,
  kHeat,
  kPublished,
  kProviderName,
  kProviderDomain,
  kOriginalUrl,
  kWebUrl,
  kTopics,
  kImages,
  kRelatedCount,
  kSecured,
  kBody,
  kWordCount,
  kFrontMatter,
  kFormat,
  kSize,
  kMtime,
  kError,
  kRoot,
  kPattern
};

// idxNum bits, decoded in xFilter: which hidden-column arguments argv holds, in this order.
constexpr int kHasRoot = 1;
constexpr int kHasPattern = 2;

constexpr std::int64_t kDefaultMaxFileSize = 16 * 1024 * 1024;

struct Table : sqlite3_vtab {
  std::optional<std::string> root;  // from CREATE VIRTUAL TABLE, if given
  std::string pattern;
  bool recursive = true;
  std::int64_t max_file_size = kDefaultMaxFileSize;
};

struct Cursor : sqlite3_vtab_cursor {
  std::string root, pattern;
  Listing listing;
  std::size_t index = 0;
  // The current row's file, read and parsed on first use.
  bool loaded = false;
  std::optional<Article> article;
  std::string read_error;

  Table* table() const { return static_cast<Table*>(pVtab); }
  const Entry& entry() const { return listing.entries[index]; }
};

// The text of an option value: 'quoted', "quoted" (doubled quotes inside) or bare.
std::string unquote(std::string v) {
  if (v.size() >= 2 && (v.front() == '\'' || v.front() == '"') && v.back() == v.front()) {
    char q = v.front();
    std::string out;
    for (std::size_t i = 1; i + 1 < v.size(); ++i) {
      out.push_back(v[i]);
      if (v[i] == q && v[i + 1] == q) ++i;
    }
    return out;
  }
  return v;
}

std::string trim_copy(const std::string& s) {
  std::size_t a = s.find_first_not_of(" \t\n\r");
  if (a == std::string::npos) return "";
  std::size_t b = s.find_last_not_of(" \t\n\r");
  return s.substr(a, b - a + 1);
}

std::int64_t parse_size_option(const std::string& name, const std::string& v) {
  std::int64_t n = 0;
  if (v.empty() || v.size() > 18 || v.find_first_not_of("0123456789") != std::string::npos)
    throw SqlError(name + " must be a whole number of bytes, got '" + v + "'");
  n = std::stoll(v);
  if (n <= 0) throw SqlError(name + " must be positive, got '" + v + "'");
  return n;
}

void apply_options(Table* t, int argc, const char* const* argv) {
  bool seen_root = false, seen_pattern = false, seen_recursive = false, seen_max = false;
  auto once = [](bool& seen, const std::string& key) {
    if (seen) throw SqlError("option '" + key + "' is given twice");
    seen = true;
  };
  for (int i = 3; i < argc; ++i) {
    std::string arg = trim_copy(argv[i]);
    std::size_t eq = arg.find('=');
    if (eq == std::string::npos)
      throw SqlError("expected an option as key=value, got '" + arg + "'");
    std::string key = trim_copy(arg.substr(0, eq));
    std::string value = unquote(trim_copy(arg.substr(eq + 1)));
    if (key == "root") {
      once(seen_root, key);
      if (value.empty()) throw SqlError("root is an empty string");
      t->root = value;
    } else if (key == "pattern") {
      once(seen_pattern, key);
      if (value.empty()) throw SqlError("pattern is an empty string");
      t->pattern = value;
    } else if (key == "recursive") {
      once(seen_recursive, key);
      if (value != "0" && value != "1")
        throw SqlError("recursive must be 0 or 1, got '" + value + "'");
      t->recursive = value == "1";
    } else if (key == "max_file_size") {
      once(seen_max, key);
      t->max_file_size = parse_size_option(key, value);
    } else {
      throw SqlError("unknown option '" + key +
                     "' (the options are root, pattern, recursive, max_file_size)");
    }
  }
}

int x_connect(sqlite3* db, void*, int argc, const char* const* argv, sqlite3_vtab** out,
              char** err) noexcept {
  *out = nullptr;
  Table* t = nullptr;
  try {
    t = new Table();
    *static_cast<sqlite3_vtab*>(t) = {};
    apply_options(t, argc, argv);
  } catch (const std::bad_alloc&) {
    delete t;
    return SQLITE_NOMEM;
  } catch (const std::exception& e) {
    *err = sqlite3_mprintf("%s: %s", kTable, e.what());
    delete t;
    return SQLITE_ERROR;
  }
  int rc = sqlite3_declare_vtab(db, kSchema);
  if (rc == SQLITE_OK) rc = sqlite3_vtab_config(db, SQLITE_VTAB_DIRECTONLY);
  if (rc != SQLITE_OK) {
    delete t;
    return rc;
  }
  *out = t;
  return SQLITE_OK;
}

int x_disconnect(sqlite3_vtab* vtab) noexcept {
  Table* t = static_cast<Table*>(vtab);
  sqlite3_free(t->zErrMsg);
  delete t;
  return SQLITE_OK;
}

int x_best_index(sqlite3_vtab* vtab, sqlite3_index_info* info) noexcept {
  return guard(vtab, kTable, [&] {
    int root = -1, pattern = -1;
    bool root_unusable = false, pattern_unusable = false;
    for (int i = 0; i < info->nConstraint; ++i) {
      const auto& c = info->aConstraint[i];
      // Only `=` gives an argument; other operators on root or pattern SQLite checks itself.
      if (c.op != SQLITE_INDEX_CONSTRAINT_EQ) continue;
      if (c.iColumn == kRoot) {
        if (c.usable)
          root = i;
        else
          root_unusable = true;
      } else if (c.iColumn == kPattern) {
        if (c.usable)
          pattern = i;
        else
          pattern_unusable = true;
      }
    }
    // An argument that depends on a table not yet scanned: try another order.
    if ((root_unusable && root < 0) || (pattern_unusable && pattern < 0)) return SQLITE_CONSTRAINT;
    int idx = 0, argv_index = 0;
    if (root >= 0) {
      idx |= kHasRoot;
      info->aConstraintUsage[root].argvIndex = ++argv_index;
      info->aConstraintUsage[root].omit = 1;
    }
    if (pattern >= 0) {
      idx |= kHasPattern;
      info->aConstraintUsage[pattern].argvIndex = ++argv_index;
      info->aConstraintUsage[pattern].omit = 1;
    }
    info->idxNum = idx;
    // Rows already come in path order.
    if (info->nOrderBy == 1 && info->aOrderBy[0].iColumn == kPath && !info->aOrderBy[0].desc)
      info->orderByConsumed = 1;
    // Without a root argument the plan works only for a declared table; SQLite also asks about
    // single OR branches without the arguments, so a missing root is reported by xFilter and
    // such a plan is priced out rather than refused.
    bool has_root = root >= 0 || static_cast<Table*>(vtab)->root.has_value();
    info->estimatedCost = has_root ? 100000.0 : 1e18;
    info->estimatedRows = 10000;
    return SQLITE_OK;
  });
}

int x_open(sqlite3_vtab* vtab, sqlite3_vtab_cursor** out) noexcept {
  *out = nullptr;
  return guard(vtab, kTable, [&] {
    Cursor* c = new Cursor();
    *out = c;
    return SQLITE_OK;
  });
}

int x_close(sqlite3_vtab_cursor* cur) noexcept {
  delete static_cast<Cursor*>(cur);
  return SQLITE_OK;
}

std::string text_argument(sqlite3_value* v, const char* name) {
  switch (sqlite3_value_type(v)) {
    case SQLITE_TEXT:
      break;
    case SQLITE_NULL:
      throw SqlError(std::string(name) + " is NULL");
    case SQLITE_INTEGER:
      throw SqlError(std::string(name) + " must be text, got an integer");
    case SQLITE_FLOAT:
      throw SqlError(std::string(name) + " must be text, got a real");
    default:
      throw SqlError(std::string(name) + " must be text, got a blob");
  }
  const char* p = reinterpret_cast<const char*>(sqlite3_value_text(v));
  std::string s(p ? p : "", static_cast<std::size_t>(sqlite3_value_bytes(v)));
  if (s.empty()) throw SqlError(std::string(name) + " is an empty string");
  return s;
}

int x_filter(sqlite3_vtab_cursor* cur, int idx, const char*, int argc,
             sqlite3_value** argv) noexcept {
  Cursor* c = static_cast<Cursor*>(cur);
  return guard(c->pVtab, kTable, [&] {
    Table* t = c->table();
    int k = 0;
    c->root = t->root.value_or("");
    c->pattern = t->pattern;
    if ((idx & kHasRoot) && k < argc) c->root = text_argument(argv[k++], "root");
    if ((idx & kHasPattern) && k < argc) {
      if (sqlite3_value_type(argv[k]) == SQLITE_NULL) {
        ++k;  // NULL pattern: every file
      } else {
        c->pattern = text_argument(argv[k++], "pattern");
      }
    }
    if (c->root.empty())
      throw SqlError(
          "missing root: use articles('folder') or CREATE VIRTUAL TABLE ... USING "
          "articles(root='folder')");
    ScanOptions options;
    options.pattern = c->pattern;
    options.recursive = t->recursive;
    c->listing = list_directory(c->root, options);
    c->index = 0;
    c->loaded = false;
    c->article.reset();
    return SQLITE_OK;
  });
}

int x_next(sqlite3_vtab_cursor* cur) noexcept {
  Cursor* c = static_cast<Cursor*>(cur);
  ++c->index;
  c->loaded = false;
  c->article.reset();
  c->read_error.clear();
  return SQLITE_OK;
}

int x_eof(sqlite3_vtab_cursor* cur) noexcept {
  Cursor* c = static_cast<Cursor*>(cur);
  return c->index >= c->listing.entries.size();
}

void load(Cursor* c) {
  if (c->loaded) return;
  FileBytes f = read_file(c->root, c->entry().raw_path, c->table()->max_file_size);
  if (f.ok)
    c->article = parse_article(f.bytes);
  else
    c->read_error = f.error;
  c->loaded = true;
}

void result_text(sqlite3_context* ctx, const std::optional<std::string>& s) {
  if (s)
    sqlite3_result_text64(ctx, s->data(), s->size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  else
    sqlite3_result_null(ctx);
}

void result_int(sqlite3_context* ctx, const std::optional<std::int64_t>& v) {
  if (v)
    sqlite3_result_int64(ctx, *v);
  else
    sqlite3_result_null(ctx);
}

std::optional<std::string> error_of(const Cursor* c) {
  std::string out;
  if (c->entry().bad_name)
    out = "the file name is not valid UTF-8: its bad bytes are shown as U+FFFD in path";
  std::optional<std::string> more =
      c->article ? c->article->error_text() : std::optional<std::string>(c->read_error);
  if (more && !more->empty()) out += (out.empty() ? "" : "; ") + *more;
  if (out.empty()) return std::nullopt;
  return out;
}

int x_column(sqlite3_vtab_cursor* cur, sqlite3_context* ctx, int col) noexcept {
  Cursor* c = static_cast<Cursor*>(cur);
  return guard(c->pVtab, kTable, [&] {
    const Entry& e = c->entry();
    switch (col) {
      case kPath:
        result_text(ctx, e.path);
        return SQLITE_OK;
      case kSize:
        sqlite3_result_int64(ctx, e.size);
        return SQLITE_OK;
      case kMtime:
        sqlite3_result_int64(ctx, e.mtime);
        return SQLITE_OK;
      case kRoot:
        result_text(ctx, c->root);
        return SQLITE_OK;
      case kPattern:
        result_text(ctx,
                    c->pattern.empty() ? std::nullopt : std::optional<std::string>(c->pattern));
        return SQLITE_OK;
      default:
        break;
    }
    load(c);
    if (col == kError) {
      result_text(ctx, error_of(c));
      return SQLITE_OK;
    }
    if (!c->article) {  // the file could not be read: only its error says anything
      sqlite3_result_null(ctx);
      return SQLITE_OK;
    }
    const Article& a = *c->article;
    switch (col) {
      case kTitle:
        result_text(ctx, a.title);
        break;
      case kCategory:
        result_text(ctx, a.category);
        break;
      case kType:
        result_text(ctx, a.type);
        break;
      case kExcerpt:
        result_text(ctx, a.excerpt);
        break;
      case kPublishedAt:
        result_text(ctx, a.published_at);
        break;
      case kQuality:
        result_int(ctx, a.quality);
        break;
      case kHeat:
        result_int(ctx, a.heat);
        break;
      case kPublished:
        result_int(ctx, a.published);
        break;
      case kProviderName:
        result_text(ctx, a.provider_name);
        break;
      case kProviderDomain:
        result_text(ctx, a.provider_domain);
        break;
      case kOriginalUrl:
        result_text(ctx, a.original_url);
        break;
      case kWebUrl:
        result_text(ctx, a.web_url);
        break;
      case kTopics:
        result_text(ctx, a.topics);
        break;
      case kImages:
        result_text(ctx, a.images);
        break;
      case kRelatedCount:
        sqlite3_result_int64(ctx, a.related_count);
        break;
      case kSecured:
        result_text(ctx, a.secured);
        break;
      case kBody:
        result_text(ctx, a.body);
        break;
      case kWordCount:
        sqlite3_result_int64(ctx, a.word_count);
        break;
      case kFrontMatter:
        result_text(ctx, a.front_matter_json);
        break;
      case kFormat:
        sqlite3_result_text(ctx, a.format == Format::FrontMatter ? "front_matter" : "plain", -1,
                            SQLITE_STATIC);
        break;
      default:
        sqlite3_result_null(ctx);
        break;
    }
    return SQLITE_OK;
  });
}

int x_rowid(sqlite3_vtab_cursor* cur, sqlite3_int64* rowid) noexcept {
  *rowid = static_cast<Cursor*>(cur)->entry().rowid;
  return SQLITE_OK;
}

sqlite3_module make_module() {
  sqlite3_module m{};
  m.iVersion = 0;
  m.xCreate = x_connect;  // the same function as xConnect: eponymous, no backing store
  m.xConnect = x_connect;
  m.xBestIndex = x_best_index;
  m.xDisconnect = x_disconnect;
  m.xDestroy = x_disconnect;
  m.xOpen = x_open;
  m.xClose = x_close;
  m.xFilter = x_filter;
  m.xNext = x_next;
  m.xEof = x_eof;
  m.xColumn = x_column;
  m.xRowid = x_rowid;
  return m;
}

const sqlite3_module kModule = make_module();

}  // namespace

int register_articles_table(sqlite3* db) {
  return sqlite3_create_module_v2(db, kTable, &kModule, nullptr, nullptr);
}

}  // namespace articles
