#include "vtab/folder.hpp"

#include <unistd.h>
#include <algorithm>

#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <thread>
#include <unordered_set>

#include "cache/cache.hpp"
#include "cache/listings.hpp"
#include "core/sys.hpp"
#include "core/tree.hpp"

namespace articles {

namespace {

// idxNum bits, set by plan_folder_scan and decoded by FolderScan::start: which arguments argv
// holds, in this order.
constexpr int kHasRoot = 1;
constexpr int kHasPattern = 2;
constexpr int kHasPath = 4;
constexpr int kHasRowid = 8;
// Not arguments: a column that needs the file read is used, one that needs its whole article.
constexpr int kNeedsFile = 16;
constexpr int kNeedsArticle = 32;
constexpr int kNeedsLinks = 64;  // a column that resolves links is used
constexpr int kNeedsText = 128;  // a column that needs the reading of plain text is used

// The text of an option value: 'quoted', "quoted" (doubled quotes inside) or bare.
std::string unquote(const std::string& v) {
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

// The positive whole number `value` of the option `key`, described as `what` in errors.
std::int64_t whole_number(const std::string& key, const std::string& value, const char* what) {
  if (value.empty() || value.size() > 18 ||
      value.find_first_not_of("0123456789") != std::string::npos)
    throw SqlError(key + " must be " + what + ", got '" + value + "'");
  const std::int64_t n = std::stoll(value);
  if (n <= 0) throw SqlError(key + " must be positive, got '" + value + "'");
  return n;
}

// The on/off option `key`: 1, true, on, yes or 0, false, off, no (any case).
bool switch_value(const std::string& key, const std::string& value) {
  std::string v;
  for (char c : value) v.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c);
  if (v == "1" || v == "true" || v == "on" || v == "yes") return true;
  if (v == "0" || v == "false" || v == "off" || v == "no") return false;
  throw SqlError(key + " must be 1 or 0 (or true, false, on, off, yes, no), got '" + value + "'");
}

// The watch setting before any table option: on unless the environment variable
// SQLITE_ARTICLES_WATCH is '0'. Throws SqlError when it holds anything but '0' or '1'.
bool default_watch() {
  const char* env = std::getenv("SQLITE_ARTICLES_WATCH");
  return !(env && *env) || switch_value("SQLITE_ARTICLES_WATCH", env);
}

// SQLITE_ARTICLES_PROGRESS: '1' draws a progress line on standard error when it is a terminal
// (scans of a second or more); 'always' writes a line every 256 files wherever it goes.
FolderScan::Progress progress_setting() {
  const char* env = std::getenv("SQLITE_ARTICLES_PROGRESS");
  if (!env || !*env || std::string(env) == "0") return FolderScan::Progress::Off;
  if (std::string(env) == "always") return FolderScan::Progress::Always;
  return ::isatty(2) ? FolderScan::Progress::Terminal : FolderScan::Progress::Off;
}

void append_count(std::string& out, const char* name, std::int64_t n) {
  out += ",\"";
  out += name;
  out += "\":" + std::to_string(n);
}

}  // namespace

bool fast_path_setting(const std::string& value, const char* name) {
  if (value == "auto") return true;
  if (value == "yaml-cpp") return false;
  throw SqlError(std::string(name) + " must be 'auto' or 'yaml-cpp', got '" + value + "'");
}

ParseOptions default_parse_options() {
  ParseOptions o;
  const char* env = std::getenv("SQLITE_ARTICLES_YAML_PARSER");
  if (env && *env) o.yaml.fast_path = fast_path_setting(env, "SQLITE_ARTICLES_YAML_PARSER");
  return o;
}

FolderOptions parse_folder_options(int argc, const char* const* argv) {
  FolderOptions o;
  o.parse = default_parse_options();
  o.watch = default_watch();
  std::unordered_set<std::string> seen;
  int positional = 0;  // the first arguments may be the root and the pattern, as in articles('dir')
  for (int i = 3; i < argc; ++i) {
    std::string arg = trim_copy(argv[i]);
    std::size_t eq = arg.find('=');
    const bool quoted = !arg.empty() && (arg[0] == '\'' || arg[0] == '"');
    std::string key, value;
    if (eq == std::string::npos || quoted) {
      if (i - 3 != positional || positional >= 2)
        throw SqlError("expected an option as key=value, got '" + arg + "'");
      key = positional++ == 0 ? "root" : "pattern";
      value = unquote(arg);
    } else {
      key = trim_copy(arg.substr(0, eq));
      value = unquote(trim_copy(arg.substr(eq + 1)));
    }
    if (!seen.insert(key).second) throw SqlError("option '" + key + "' is given twice");
    if (key == "root") {
      if (value.empty()) throw SqlError("root is an empty string");
      o.root = value;
    } else if (key == "pattern") {
      if (value.empty()) throw SqlError("pattern is an empty string");
      o.pattern = value;
    } else if (key == "recursive") {
      o.recursive = switch_value(key, value);
    } else if (key == "nocase") {
      o.nocase = switch_value(key, value);
    } else if (key == "max_file_size") {
      o.max_file_size = whole_number(key, value, "a whole number of bytes");
    } else if (key == "max_front_matter_size") {
      o.parse.yaml.max_block_bytes =
          static_cast<std::size_t>(whole_number(key, value, "a whole number of bytes"));
    } else if (key == "max_folder_depth") {
      o.max_folder_depth = static_cast<std::size_t>(whole_number(key, value, "a whole number"));
    } else if (key == "max_files") {
      o.max_files = static_cast<std::size_t>(whole_number(key, value, "a whole number"));
    } else if (key == "max_yaml_depth") {
      o.parse.yaml.max_depth = static_cast<std::size_t>(whole_number(key, value, "a whole number"));
    } else if (key == "max_yaml_values") {
      o.parse.yaml.max_nodes = static_cast<std::size_t>(whole_number(key, value, "a whole number"));
    } else if (key == "max_yaml_bytes") {
      o.parse.yaml.max_expanded_bytes =
          static_cast<std::size_t>(whole_number(key, value, "a whole number of bytes"));
    } else if (key == "follow_symlinks") {
      o.follow_symlinks = switch_value(key, value);
    } else if (key == "watch") {
      o.watch = switch_value(key, value);
    } else if (key == "threads") {
      if (value.empty() || value.size() > 2 ||
          value.find_first_not_of("0123456789") != std::string::npos || std::stoi(value) < 1 ||
          std::stoi(value) > 64)
        throw SqlError("threads must be a whole number from 1 to 64, got '" + value + "'");
      o.threads = static_cast<unsigned>(std::stoi(value));
    } else if (key == "yaml_parser") {
      o.parse.yaml.fast_path = fast_path_setting(value, "yaml_parser");
    } else if (key == "cache") {
      o.cache_file = value;  // '' turns off SQLITE_ARTICLES_CACHE for this table
    } else if (key == "columns") {
      o.columns = value;
    } else {
      throw SqlError(
          "unknown option '" + key +
          "' (the options are root, pattern, nocase, recursive, follow_symlinks, max_file_size, "
          "max_front_matter_size, max_folder_depth, max_files, max_yaml_depth, "
          "max_yaml_values, max_yaml_bytes, threads, yaml_parser, watch, cache, columns)");
    }
  }
  return o;
}

namespace {

// A column of a `CREATE TABLE x(name TYPE, ...)` schema: its name and its type (or HIDDEN).
struct SchemaColumn {
  std::string name, type;
};
std::vector<SchemaColumn> schema_columns(const char* schema) {
  std::vector<SchemaColumn> out;
  std::string_view s = schema;
  s = s.substr(s.find('(') + 1);
  s = s.substr(0, s.rfind(')'));
  while (!s.empty()) {
    const std::size_t comma = std::min(s.find(','), s.size());
    std::string_view item = s.substr(0, comma);
    s.remove_prefix(std::min(comma + 1, s.size()));
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    const std::size_t blank = std::min(item.find(' '), item.size());
    out.push_back({std::string(item.substr(0, blank)),
                   std::string(blank < item.size() ? item.substr(blank + 1) : "")});
  }
  return out;
}

bool same_name(const std::string& a, const std::string& b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

// `"name"` with its quotes doubled: an SQL identifier.
std::string sql_identifier(const std::string& name) {
  std::string out = "\"";
  for (char c : name) (out += c) += c == '"' ? "\"" : "";
  return out + "\"";
}

// Shows the table's declared columns: each takes the place of the schema's column of its name,
// or follows the schema's columns; `*out` is the schema with them.
void declare_columns(FolderTable& table, const char* schema, std::string* out) {
  std::vector<SchemaColumn> columns = schema_columns(schema);
  table.declared_at.assign(columns.size(), -1);
  for (std::size_t i = 0; i < table.declared.size(); ++i) {
    const DeclaredColumn& c = table.declared[i];
    std::size_t at = 0;
    while (at < columns.size() && !same_name(columns[at].name, c.name)) ++at;
    if (at == columns.size()) {
      columns.push_back({"", ""});
      table.declared_at.push_back(-1);
    }
    columns[at] = {sql_identifier(c.name), column_sql_type(c.type)};
    table.declared_at[at] = static_cast<int>(i);
    // A declared column is served by the summary (its values are in it), never by a listing.
    const std::uint64_t bit = std::uint64_t{1} << std::min<std::size_t>(at, 63);
    table.columns.listing_only &= ~bit;
    table.columns.summary_only |= bit;
    table.columns.text_free |= bit;  // front matter only
  }
  *out = "CREATE TABLE x(";
  for (std::size_t i = 0; i < columns.size(); ++i)
    *out += (i ? ", " : "") + columns[i].name + " " + columns[i].type;
  *out += ")";
}

// Whether the statement running on `db` is a CREATE VIRTUAL TABLE. The tables are eponymous,
// which SQLite allows only when xCreate and xConnect are one function: this tells a CREATE from
// a later connection (the first use of a declared table, or a DROP TABLE, which must work even
// when its folder is gone).
bool creating(sqlite3* db) {
  for (sqlite3_stmt* st = sqlite3_next_stmt(db, nullptr); st; st = sqlite3_next_stmt(db, st)) {
    if (!sqlite3_stmt_busy(st)) continue;
    const char* sql = sqlite3_sql(st);
    if (!sql) continue;
    std::string words;  // the first three words, upper case, comments and blanks skipped
    for (const char* p = sql; *p && words.size() < 24; ++p) {
      if (p[0] == '-' && p[1] == '-') {
        while (*p && *p != '\n') ++p;
        if (!*p) break;
      } else if (p[0] == '/' && p[1] == '*') {
        const char* end = std::strstr(p + 2, "*/");
        if (!end) break;
        p = end + 1;
      } else if (std::isspace(static_cast<unsigned char>(*p))) {
        if (!words.empty() && words.back() != ' ') words.push_back(' ');
      } else {
        words.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(*p))));
      }
    }
    if (words.rfind("CREATE VIRTUAL TABLE", 0) == 0) return true;
  }
  return false;
}

// A `cache` option names a file the module will create and write: with SQLITE_ARTICLES_ROOTS,
// only inside the allowed folders. Throws SqlError.
void check_cache_file(const FolderTable& table, const std::string& path) {
  const auto& allowed = table.state->allowed_roots;
  if (!allowed) return;
  try {
    check_root_allowed(path, *allowed);
  } catch (const ScanError&) {
    throw SqlError("cache file '" + path + "' is outside the folders SQLITE_ARTICLES_ROOTS allows");
  }
}

}  // namespace

int connect_folder_table(sqlite3* db, void* aux, int argc, const char* const* argv,
                         FolderTable* table, const char* schema, sqlite3_vtab** out, char** err) {
  *out = nullptr;
  std::unique_ptr<FolderTable> owned(table);
  std::string declared_schema;  // the schema with the declared columns, when there are some
  try {
    table->state = *static_cast<StatePtr*>(aux);
    table->db = db;
    table->schema_name = argc > 1 ? argv[1] : "";
    table->table_name = argc > 2 ? argv[2] : "";
    table->options = parse_folder_options(argc, argv);
    // CREATE VIRTUAL TABLE with a root: it must be a folder that may be read, and the pattern
    // well formed, now rather than at the first query.
    if (table->options.root && argc > 3 && creating(db)) {
      const auto& allowed = table->state->allowed_roots;
      Root::open(*table->options.root, allowed ? &*allowed : nullptr);
      ScanOptions check;
      check.pattern = table->options.pattern;
      validate_patterns(check);
    }
    if (table->options.cache_file && !table->options.cache_file->empty() && creating(db))
      check_cache_file(*table, *table->options.cache_file);
    if (table->options.columns) {
      if (!table->takes_columns)
        throw SqlError(
            "the option 'columns' is for articles and article_issues tables "
            "(docs/declared_columns.md)");
      std::vector<std::string> fixed(table->fixed.begin(), table->fixed.end());
      table->declared = parse_schema(*table->options.columns, fixed);
      // The values and problems of the schema are part of every file's summary (and so of the
      // cache's key): a scan reads them without keeping whole articles.
      table->options.parse.schema =
          std::make_shared<const std::vector<DeclaredColumn>>(table->declared);
      table->options.parse.schema_hash = std::hash<std::string>()(*table->options.columns) | 1;
      if (table->columns_declare) declare_columns(*table, schema, &declared_schema);
      if (!declared_schema.empty()) schema = declared_schema.c_str();
    }
  } catch (const std::bad_alloc&) {
    return SQLITE_NOMEM;
  } catch (const std::exception& e) {
    *err = sqlite3_mprintf("%s: %s", table->name, e.what());
    return SQLITE_ERROR;
  }
  int rc = sqlite3_declare_vtab(db, schema);
  if (rc == SQLITE_OK) rc = sqlite3_vtab_config(db, SQLITE_VTAB_DIRECTONLY);
  if (rc == SQLITE_OK) *out = owned.release();
  return rc;
}

int create_issues_table(sqlite3* db, int argc, const char* const* argv, char** err) {
  if (argc < 3 || !creating(db)) return SQLITE_OK;
  std::string sql = "CREATE VIRTUAL TABLE " + sql_identifier(argv[1]) + "." +
                    sql_identifier(std::string(argv[2]) + "_issues") + " USING article_issues(";
  for (int i = 3; i < argc; ++i) (sql += i > 3 ? ", " : "") += argv[i];
  sql += ")";
  char* message = nullptr;
  const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message);
  if (rc != SQLITE_OK) {
    *err = sqlite3_mprintf("articles: cannot create %s_issues: %s", argv[2],
                           message ? message : sqlite3_errstr(rc));
    sqlite3_free(message);
  }
  return rc;
}

void destroy_issues_table(const FolderTable& table) {
  if (table.declared.empty() || table.table_name.empty()) return;
  const std::string sql = "DROP TABLE IF EXISTS " + sql_identifier(table.schema_name) + "." +
                          sql_identifier(table.table_name + "_issues");
  sqlite3_exec(table.db, sql.c_str(), nullptr, nullptr, nullptr);
}

int disconnect_folder_table(sqlite3_vtab* vtab) noexcept {
  sqlite3_free(vtab->zErrMsg);
  delete static_cast<FolderTable*>(vtab);
  return SQLITE_OK;
}

int create_folder_module(sqlite3* db, const char* name, const sqlite3_module* module,
                         const StatePtr& state) {
  return sqlite3_create_module_v2(db, name, module, new StatePtr(state),
                                  [](void* p) { delete static_cast<StatePtr*>(p); });
}

int plan_folder_scan(FolderTable* table, sqlite3_index_info* info, bool ordered_by_path) {
  const FolderColumns& col = table->columns;
  int root = -1, pattern = -1, path = -1, rowid = -1;
  bool root_unusable = false, pattern_unusable = false;
  for (int i = 0; i < info->nConstraint; ++i) {
    const auto& c = info->aConstraint[i];
    // Only `=` gives an argument; other operators on these columns SQLite checks itself.
    if (c.op != SQLITE_INDEX_CONSTRAINT_EQ) continue;
    if (c.iColumn == col.root) {
      if (c.usable)
        root = i;
      else
        root_unusable = true;
    } else if (c.iColumn == col.pattern) {
      if (c.usable)
        pattern = i;
      else
        pattern_unusable = true;
    } else if (c.iColumn == col.path && c.usable) {
      path = i;  // `path IN (...)` arrives here too: SQLite then calls xFilter once per value
    } else if (c.iColumn == -1 && c.usable && col.rowid_is_entry) {
      rowid = i;
    }
  }
  // An argument that depends on a table not yet scanned: try another order.
  if ((root_unusable && root < 0) || (pattern_unusable && pattern < 0)) return SQLITE_CONSTRAINT;
  int idx = 0, argv_index = 0;
  auto use = [&](int constraint, int bit) {
    if (constraint < 0) return;
    idx |= bit;
    info->aConstraintUsage[constraint].argvIndex = ++argv_index;
    info->aConstraintUsage[constraint].omit = 1;
  };
  use(root, kHasRoot);
  use(pattern, kHasPattern);
  use(path, kHasPath);
  if (path < 0) use(rowid, kHasRowid);
  if (info->colUsed & ~col.listing_only) idx |= kNeedsFile;
  if (info->colUsed & ~col.summary_only) idx |= kNeedsArticle;
  if (info->colUsed & col.resolves_links) idx |= kNeedsLinks;
  // A table without a text-free column (every one but `articles`) reads text for its rows,
  // whichever columns the query reads, even none (`count(*)`).
  if ((info->colUsed & ~col.text_free) || col.text_free == 0) idx |= kNeedsText;
  info->idxNum = idx;
  if (ordered_by_path && path < 0 && !(idx & kHasRowid) && info->nOrderBy == 1 &&
      info->aOrderBy[0].iColumn == col.path && !info->aOrderBy[0].desc)
    info->orderByConsumed = 1;
  // Without a root argument a plan works only for a declared table. SQLite also plans single OR
  // branches without the arguments, so such a plan is priced out rather than refused, and a
  // missing root is reported when the scan starts.
  bool has_root = root >= 0 || table->options.root.has_value();
  if (!has_root) {
    info->estimatedCost = 1e18;
  } else if (path >= 0 || (idx & kHasRowid)) {
    info->estimatedCost = 10.0;
    info->estimatedRows = 1;
  } else {
    info->estimatedCost = 100000.0;
    info->estimatedRows = 10000;
  }
  return SQLITE_OK;
}

void FolderScan::start(const FolderTable* table, int idx, int argc, sqlite3_value** argv) {
  int k = 0;
  root_ = table->options.root.value_or("");
  pattern_ = table->options.pattern;
  std::optional<std::string> path;
  if ((idx & kHasRoot) && k < argc) root_ = text_argument(argv[k++], "root");
  if ((idx & kHasPattern) && k < argc) {
    if (sqlite3_value_type(argv[k]) == SQLITE_NULL)
      ++k;  // NULL pattern: every file
    else
      pattern_ = text_argument(argv[k++], "pattern");
  }
  if ((idx & kHasPath) && k < argc) {
    sqlite3_value* v = argv[k++];
    // `path = NULL` or a non-text path matches no row.
    path = sqlite3_value_type(v) == SQLITE_TEXT
               ? std::string(reinterpret_cast<const char*>(sqlite3_value_text(v)),
                             static_cast<std::size_t>(sqlite3_value_bytes(v)))
               : std::string();
  }
  std::optional<sqlite3_int64> rowid;
  if ((idx & kHasRowid) && k < argc) {
    sqlite3_value* v = argv[k++];
    // A rowid that is not a whole number matches no row: an impossible value. A whole REAL is
    // that rowid (JavaScript binds every number as a double: rowids fit in 53 bits for that).
    const int type = sqlite3_value_numeric_type(v);
    const double d = type == SQLITE_FLOAT ? sqlite3_value_double(v) : 0;
    rowid = type == SQLITE_INTEGER ? sqlite3_value_int64(v)
            : type == SQLITE_FLOAT && d >= 0 && d < 9007199254740992.0 &&
                    d == static_cast<double>(static_cast<std::int64_t>(d))
                ? static_cast<std::int64_t>(d)
                : -1;
  }
  if (root_.empty())
    throw SqlError("missing root: use " + std::string(table->name) +
                   "('folder') or CREATE VIRTUAL TABLE ... USING " + table->name +
                   "(root='folder')");
  // Opened once per scan: confinement is checked on the folder opened, and every listing and
  // read goes through its descriptor, whatever the path names meanwhile.
  const auto& allowed = table->state->allowed_roots;
  dir_ = Root::open(root_, allowed ? &*allowed : nullptr);
  prefetcher_.reset();  // it reads the listing about to be replaced
  options_ = ScanOptions{};
  options_.pattern = pattern_;
  options_.nocase = table->options.nocase;
  options_.recursive = table->options.recursive;
  options_.max_depth = table->options.max_folder_depth;
  options_.max_files = table->options.max_files;
  options_.follow_symlinks = table->options.follow_symlinks;
  options_.threads = table->options.threads;
  max_file_size_ = table->options.max_file_size;
  parse_ = table->options.parse;
  parse_.read_text = (idx & kNeedsText) != 0;
  watch_ = table->options.watch;
  // The persistent tier: what the last xFilter queued is written; the summaries this scan will
  // read are read back from it, by a worker while the folder is listed when a listing is made.
  const std::optional<std::string>& file =
      table->options.cache_file ? table->options.cache_file : table->state->cache_file;
  if (persistent_) persistent_->flush();
  if (!file || file->empty()) {
    persistent_.reset();
  } else if (!persistent_ || persistent_->path() != *file) {
    // Checked once per cursor (a join by path starts a scan per outer row), as at CREATE.
    if (table->options.cache_file) check_cache_file(*table, *file);
    persistent_ = std::make_unique<PersistentCache>(*file);
  }
  // Only summaries are kept: a scan that needs whole articles parses every file anyway.
  const bool restores = persistent_ && (idx & kNeedsFile) && !(idx & kNeedsArticle);
  std::optional<Entry> one;
  if (path && lookup_entry(dir_, *path, options_, &one)) {
    auto l = std::make_shared<Listing>();
    if (one) l->entries.push_back(std::move(*one));
    listing_ = std::move(l);
  } else {
    // A kept listing comes from a scan of this process, whose summaries the memory cache
    // holds: the stored rows are read ahead only when the folder is walked.
    auto read_ahead = [&] { persistent_->prefetch(dir_.path(), process_cache()); };
    const bool ahead = restores && !path && !rowid && table->options.threads != 1;
    options_.busy_beside = ahead ? 1 : 0;
    bool reused = false;
    listing_ = process_listings().list(dir_, options_, watch_, &reused,
                                       ahead ? std::function<void()>(read_ahead) : nullptr);
    if (reused) ++listings_reused_;
    if (path || rowid) {  // a name that only a listing can match, or a rowid: list, keep one
      auto l = std::make_shared<Listing>();
      l->skipped = listing_->skipped;
      for (const auto& e : listing_->entries)
        if (path ? e.path == *path : e.rowid == *rowid) l->entries.push_back(e);
      listing_ = std::move(l);
    }
  }
  files_ += static_cast<std::int64_t>(listing_->entries.size());
  if (restores) persistent_->restore(process_cache(), dir_.path(), listing_->entries, parse_);
  threads_ = table->options.threads;  // 0: one per usable CPU, counted when workers start
  resolved_threads_ = 0;
  // Workers start at the first file that must be read: a scan that the cache serves whole
  // runs without them (handing each article over from a worker costs more than the lookup).
  need_ = (idx & kNeedsArticle) ? Need::Article : Need::Summary;
  read_ahead_ = (idx & kNeedsFile) && threads_ != 1 && listing_->entries.size() > 1;
  started_ = true;
  index_ = 0;
  loaded_ = false;
  current_ = {};
  read_error_.clear();
  db_ = table->db;
  progress_ = progress_setting();
  started_at_ = std::chrono::steady_clock::now();
  std::string links_key = dir_.path() + '\0' + std::to_string(parse_.cache_variant()) + '\0' +
                          std::to_string(options_.recursive) + std::to_string(options_.max_depth);
  if (links_key != links_key_) {
    links_.reset();
    all_files_.reset();
    anchors_.clear();
    links_key_ = std::move(links_key);
  }
  if (idx & kNeedsLinks) link_index();
}

FolderScan::~FolderScan() {
  prefetcher_.reset();
  persistent_.reset();  // writes what it queued
  if (probe_) sqlite3_finalize(probe_);
}

void FolderScan::check_interrupt() {
  if (!db_ || ++probe_calls_ % 16 != 0) return;
  if (!probe_ && sqlite3_prepare_v2(db_, "SELECT 1", -1, &probe_, nullptr) != SQLITE_OK) return;
  const int rc = sqlite3_step(probe_);
  sqlite3_reset(probe_);
  if (rc == SQLITE_INTERRUPT) throw Interrupted();
}

unsigned FolderScan::worker_threads() {
  // Affinity and cgroup files are read only by a scan that starts workers, not by every xFilter
  // (a join by path calls it once per outer row).
  if (!resolved_threads_) resolved_threads_ = threads_ ? threads_ : sys::usable_cpus();
  return resolved_threads_;
}

void FolderScan::next_file() {
  ++index_;
  loaded_ = false;
  current_ = {};
  read_error_.clear();
  if (progress_ != Progress::Off && (index_ % 256 == 0 || done())) show_progress();
}

void FolderScan::show_progress() {
  using Clock = std::chrono::steady_clock;
  const auto now = Clock::now();
  const double seconds = std::chrono::duration<double>(now - started_at_).count();
  // In a terminal, a line only for a scan that runs a second or more, redrawn twice a second.
  if (progress_ == Progress::Terminal) {
    if (seconds < 1 || (!done() && now - last_progress_ < std::chrono::milliseconds(500))) return;
    last_progress_ = now;
  }
  const std::size_t total = listing_->entries.size();
  std::fprintf(stderr, "%sarticles: %zu of %zu files, %.0f files/s%s",
               progress_ == Progress::Terminal ? "\r" : "", index_, total,
               seconds > 0 ? static_cast<double>(index_) / seconds : 0.0,
               progress_ == Progress::Terminal && !done() ? "" : "\n");
  std::fflush(stderr);
}

void FolderScan::load(Need need) {
  if (!loaded_) {
    loaded_ = true;
    if (!prefetcher_ && read_ahead_ && entry().size <= max_file_size_ && worker_threads() > 1) {
      current_ = cached_article(process_cache(), entry(), parse_, need_, counts_);
      if (!current_ && index_ + 1 < listing_->entries.size())
        prefetcher_ = std::make_unique<Prefetcher>(process_cache(), dir_, listing_->entries,
                                                   max_file_size_, parse_, need_, worker_threads(),
                                                   32 * worker_threads(), counts_, index_);
    }
    // (Read here, a file is read once for what is asked now, if that is more than the plan's.)
    if (!current_)
      current_ = prefetcher_
                     ? prefetcher_->take(index_, &read_error_)
                     : load_article(process_cache(), dir_, entry(), max_file_size_, parse_,
                                    need == Need::Article ? need : need_, &read_error_, counts_);
  }
  // A scan planned for summaries asked for a whole article: this file is read for it.
  if (need == Need::Article && current_ && !current_.article)
    current_ = load_article(process_cache(), dir_, entry(), max_file_size_, parse_, Need::Article,
                            &read_error_, counts_);
  if (persistent_ && current_.fresh) {
    persistent_->remember(dir_.path(), entry(), current_);
    current_.fresh = false;
  }
}

const Summary* FolderScan::summary() {
  load(Need::Summary);
  return current_.summary.get();
}

const Article* FolderScan::article() {
  load(Need::Article);
  return current_.article.get();
}

std::optional<std::string> FolderScan::error_text() {
  std::string out;
  if (entry().bad_name)
    out = "the file name is not valid UTF-8: its bad bytes are shown as U+FFFD in path";
  const Summary* a = summary();
  std::optional<std::string_view> more =
      a ? a->text(Summary::kErrors) : std::optional<std::string_view>(read_error_);
  if (more && !more->empty()) (out += out.empty() ? "" : "; ") += *more;
  if (out.empty()) return std::nullopt;
  return out;
}

std::vector<Problem> FolderScan::problems(const std::vector<DeclaredColumn>& schema) {
  std::vector<Problem> out;
  if (entry().bad_name)
    out.push_back(Problem::located(
        "bad_name", "the file name is not valid UTF-8: its bad bytes are shown as U+FFFD in path",
        /*warning=*/true));
  const Article* a = article();
  if (!a) {
    out.push_back(read_problem(read_error_));
    return out;
  }
  out.insert(out.end(), a->problems.begin(), a->problems.end());
  for (Problem& p : check_schema(*a, schema)) out.push_back(std::move(p));
  return out;
}

const LinkIndex& FolderScan::link_index() {
  if (links_) return *links_;
  ScanOptions all = options_;
  all.pattern = "*";  // every file of the root, whatever the pattern, attachments included
  all.nocase = false;
  bool reused = false;
  all_files_ = process_listings().list(dir_, all, watch_, &reused);
  std::vector<Entry> texts;  // the files the tables read: their summaries name them
  for (const Entry& e : all_files_->entries)
    if (!binary_extension(e.path)) texts.push_back(e);
  Prefetcher summaries(process_cache(), dir_, texts, max_file_size_, parse_, need_,
                       worker_threads() > 1 ? worker_threads() : 0, 32 * worker_threads(), counts_);
  LinkIndex index;  // kept only once complete
  std::size_t t = 0;
  for (const Entry& e : all_files_->entries) {
    check_interrupt();
    if (t >= texts.size() || texts[t].path != e.path) {
      index.add(e.path, /*article=*/false, {}, std::nullopt);
      continue;
    }
    std::string ignored;
    Cached a = summaries.take(t++, &ignored);
    if (!a) {
      index.add(e.path, /*article=*/true, {}, std::nullopt);
      continue;
    }
    if (persistent_) persistent_->remember(dir_.path(), e, a);
    const Summary& s = *a.summary;
    index.add(e.path, /*article=*/true,
              {s.text(Summary::kWebUrl).value_or(""), s.text(Summary::kOriginalUrl).value_or("")},
              s.text(Summary::kLinkNames));
  }
  links_ = std::move(index);
  return *links_;
}

LinkIndex::Match FolderScan::resolve(const LinkTarget& target) {
  return link_index().resolve(target, entry().path);
}

std::optional<bool> FolderScan::has_anchor(const std::string& path, const std::string& anchor) {
  auto it = anchors_.find(path);
  if (it == anchors_.end()) {
    link_index();
    std::optional<Anchors> found;
    const auto& files = all_files_->entries;
    auto e = std::lower_bound(files.begin(), files.end(), path,
                              [](const Entry& x, const std::string& p) { return x.path < p; });
    if (e != files.end() && e->path == path && !binary_extension(path)) {
      std::string error;
      Cached a = load_article(process_cache(), dir_, *e, max_file_size_, parse_, Need::Article,
                              &error, counts_);
      if (a && a.article) found.emplace(*a.article);
    }
    it = anchors_.emplace(path, std::move(found)).first;
  }
  if (!it->second) return std::nullopt;
  return it->second->has(anchor);
}

void FolderScan::report(const FolderTable* table) const {
  if (!started_ || !table->state) return;
  std::string out = "{\"table\":";
  append_json_string(out, table->name);
  out += ",\"root\":";
  append_json_string(out, root_);
  out += ",\"pattern\":";
  if (pattern_.empty())
    out += "null";
  else
    append_json_string(out, pattern_);
  append_count(out, "files", files_);
  append_count(out, "rows", rows_);
  append_count(out, "loaded", counts_.loaded);
  append_count(out, "files_read", counts_.read);
  append_count(out, "listings_reused", listings_reused_);
  out += std::string(",\"complete\":") + (done() ? "true" : "false");
  out += ",\"skipped\":{\"hidden\":" + std::to_string(listing_->skipped.hidden);
  append_count(out, "symlink", listing_->skipped.symlink);
  append_count(out, "symlink_outside", listing_->skipped.symlink_outside);
  append_count(out, "symlink_loop", listing_->skipped.symlink_loop);
  append_count(out, "broken_symlink", listing_->skipped.broken_symlink);
  append_count(out, "not_regular", listing_->skipped.not_regular);
  append_count(out, "unreadable_folder", listing_->skipped.unreadable_dir);
  append_count(out, "too_deep", listing_->skipped.too_deep);
  append_count(out, "vanished", listing_->skipped.vanished);
  append_count(out, "pattern", listing_->skipped.pattern);
  append_count(out, "not_text", listing_->skipped.not_text);
  out += "}}";
  table->state->last_scan = std::move(out);
}

void result_text(sqlite3_context* ctx, const std::optional<std::string>& s) {
  result_view(ctx, s ? std::optional<std::string_view>(*s) : std::nullopt);
}

void result_view(sqlite3_context* ctx, const std::optional<std::string_view>& s) {
  if (s)
    sqlite3_result_text64(ctx, s->data(), s->size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  else
    sqlite3_result_null(ctx);
}

void result_json(sqlite3_context* ctx, const std::optional<std::string_view>& json) {
  result_view(ctx, json);
  if (json) sqlite3_result_subtype(ctx, 'J');  // SQLite's JSON subtype (74)
}

void result_static(sqlite3_context* ctx, const char* s) {
  if (s)
    sqlite3_result_text(ctx, s, -1, SQLITE_STATIC);
  else
    sqlite3_result_null(ctx);
}

void result_int(sqlite3_context* ctx, const std::optional<std::int64_t>& v) {
  if (v)
    sqlite3_result_int64(ctx, *v);
  else
    sqlite3_result_null(ctx);
}

}  // namespace articles
