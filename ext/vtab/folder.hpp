// What every table that reads a folder shares: its options, its planning (root and pattern
// arguments, `path =` push-down, ORDER BY path), its listing, reading one file at a time, and
// the report of the last scan on the connection.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "cache/loader.hpp"
#include "core/article.hpp"
#include "core/links.hpp"
#include "core/scan.hpp"
#include "core/schema.hpp"
#include "vtab/common.hpp"
#include "vtab/persistent.hpp"

namespace articles {

// Per connection: what articles_last_scan() reports.
struct ConnectionState {
  std::string last_scan;  // JSON object, or empty before the first scan
  // From SQLITE_ARTICLES_ROOTS when the module was loaded: every root must lie inside one of
  // these folders. Nothing in SQL changes it.
  std::optional<std::vector<std::string>> allowed_roots;
  // From SQLITE_ARTICLES_CACHE when the module was loaded: the persistent cache file of every
  // table without a `cache` option of its own.
  std::optional<std::string> cache_file;
};
using StatePtr = std::shared_ptr<ConnectionState>;

struct FolderOptions {
  std::optional<std::string> root;  // from CREATE VIRTUAL TABLE, if given
  std::string pattern;
  bool nocase = false;  // patterns without regard to case
  bool recursive = true;
  bool follow_symlinks = false;  // while the target stays inside the root
  std::int64_t max_file_size = 16 * 1024 * 1024;
  std::size_t max_folder_depth = 64;  // folders below the root; deeper ones are counted, not read
  std::size_t max_files = 1000000;    // rows of one scan; more is an SQL error
  unsigned threads = 0;  // workers that read and parse ahead; 0: one per hardware thread
  bool watch = true;     // keep listings between scans while inotify reports no change
  ParseOptions parse;    // yaml_parser=yaml-cpp turns the fast path off
  // The persistent cache file (vtab/persistent.hpp); '' for none, whatever the environment.
  std::optional<std::string> cache_file;
  // The declared columns (core/schema.hpp), as written; only tables that take them.
  std::optional<std::string> columns;
};

// Reads the CREATE VIRTUAL TABLE arguments argv[3..] (the options of docs/articles.md).
// Throws SqlError naming a bad one.
FolderOptions parse_folder_options(int argc, const char* const* argv);

// The parse options before any table option: the YAML fast path is on unless the environment
// variable SQLITE_ARTICLES_YAML_PARSER is 'yaml-cpp' (for benchmarks and tests). Throws
// SqlError when it holds anything but 'auto' or 'yaml-cpp'.
ParseOptions default_parse_options();

// 'auto' (the fast path, yaml-cpp as its fallback): true; 'yaml-cpp': false. Throws SqlError
// naming `name` otherwise.
bool fast_path_setting(const std::string& value, const char* name);

// Column numbers in a table's schema that the folder machinery needs; whether the table's rowid
// is the path hash of its entry (so that `rowid = ?` can be pushed down); the columns that never
// need a parsed article (a query that reads only those starts no worker); and those that a
// Summary serves (a query that reads only those keeps only summaries in the cache).
struct FolderColumns {
  int path, root, pattern;
  bool rowid_is_entry = false;
  std::uint64_t listing_only = 0;  // bit i: column i
  std::uint64_t summary_only = 0;  // bit i: column i; includes listing_only
  // Bit i: column i is the same whether or not plain text is read for its headline, byline,
  // dateline and kinds of lines (ParseOptions::read_text): a query that reads only those skips
  // that reading. 0 (the default): the table always reads it (its rows may depend on it).
  std::uint64_t text_free = 0;
  // Bit i: column i resolves links in the root (FolderScan::resolve): a query that reads one
  // builds the root's link index before its own workers start, so that both use every worker.
  std::uint64_t resolves_links = 0;
};

// Tables derive from it and are deleted through it: the destructor is virtual.
struct FolderTable : sqlite3_vtab {
  FolderTable() : sqlite3_vtab{} {}
  virtual ~FolderTable() = default;
  FolderTable(const FolderTable&) = delete;
  FolderTable& operator=(const FolderTable&) = delete;

  const char* name = "";
  sqlite3* db = nullptr;                // the connection the table belongs to
  std::string schema_name, table_name;  // as CREATE VIRTUAL TABLE named it (argv[1], argv[2])
  FolderColumns columns{};
  FolderOptions options;
  StatePtr state;
  // Whether the `columns` option is the table's; the columns it declares; and for each column
  // of the table, the declared column it shows (-1: none). A declared column named as a column
  // of the schema takes its place, except those in `fixed`; the others follow the schema's.
  bool takes_columns = false;
  bool columns_declare = true;  // false: the schema is checked (article_issues), not shown
  std::vector<const char*> fixed;
  std::vector<DeclaredColumn> declared;
  std::vector<int> declared_at;
  // The declared column shown at column `col`, or nullptr.
  const DeclaredColumn* declared_column(int col) const {
    if (col < 0 || static_cast<std::size_t>(col) >= declared_at.size() || declared_at[col] < 0)
      return nullptr;
    return &declared[static_cast<std::size_t>(declared_at[col])];
  }
};

// xConnect/xCreate of a folder table: a new T (a FolderTable) named `name`, with the options of
// argv[3..], the connection state from `aux` (a StatePtr*), declared with `schema`, DIRECTONLY.
int connect_folder_table(sqlite3* db, void* aux, int argc, const char* const* argv,
                         FolderTable* table, const char* schema, sqlite3_vtab** out, char** err);

// xDisconnect/xDestroy of a folder table.
int disconnect_folder_table(sqlite3_vtab* vtab) noexcept;

// A declared `articles` table with `columns` has a companion, `<name>_issues`: an
// article_issues table with the same arguments, created with it (at CREATE VIRTUAL TABLE) and
// dropped with it (destroy_issues_table, from xDestroy).
int create_issues_table(sqlite3* db, int argc, const char* const* argv, char** err);
void destroy_issues_table(const FolderTable& table);

// Registers a module whose pAux is (a copy of) the connection state.
int create_folder_module(sqlite3* db, const char* name, const sqlite3_module* module,
                         const StatePtr& state);

// xBestIndex for a folder table. `ordered_by_path`: whether rows come out in path order, so
// that ORDER BY path can be consumed. Throws SqlError; returns SQLITE_OK or SQLITE_CONSTRAINT.
int plan_folder_scan(FolderTable* table, sqlite3_index_info* info, bool ordered_by_path);

// A cursor's walk over the files of one scan, reading and parsing each file at most once.
class FolderScan {
 public:
  FolderScan() = default;
  // Stops the workers before the listing and counters they use are destroyed.
  ~FolderScan();
  FolderScan(const FolderScan&) = delete;
  FolderScan& operator=(const FolderScan&) = delete;

  // xFilter: resolves the arguments encoded by plan_folder_scan and lists the files.
  void start(const FolderTable* table, int idx_num, int argc, sqlite3_value** argv);

  bool done() const { return index_ >= listing_->entries.size(); }
  void next_file();
  // Throws Interrupted when the statement was interrupted. SQLite looks for an interrupt only
  // between its own steps, and a scan that passes over files without rows (a child table, the
  // URL index) may run long inside one callback: every few files, a trivial statement stepped on
  // the same connection looks for it (and runs its progress handler).
  void check_interrupt();
  const Entry& entry() const { return listing_->entries[index_]; }
  const std::string& root() const { return root_; }
  const std::string& pattern() const { return pattern_; }

  // The current file's summary, or its whole article; nullptr when it could not be read
  // (read_error() says why). article() costs a parse when the scan was planned for summaries.
  const Summary* summary();
  const Article* article();
  const std::string& read_error() const { return read_error_; }
  // The `error` column: problems with the name, the read and the parse, joined by "; ".
  std::optional<std::string> error_text();
  // The current file's problems one by one (article_issues): its name's, its read's or its
  // parse's, then those of its values for `schema` (a problem the parse already reported, as
  // the same text, only once). Parses the file.
  std::vector<Problem> problems(const std::vector<DeclaredColumn>& schema);

  // Where a link of the current file leads among every file of the root (core/links.hpp): the
  // index is built on first use from the whole root (all files, whatever the pattern; the
  // summaries of its text files), once per statement (a cursor keeps it over every xFilter with
  // the same root and options).
  LinkIndex::Match resolve(const LinkTarget& target);
  // Whether the file `path` of the root (one resolve() gave) has `anchor`; none when it is not
  // Markdown or cannot be read. Each file's anchors are read once per cursor.
  std::optional<bool> has_anchor(const std::string& path, const std::string& anchor);

  void count_row() { ++rows_; }

  enum class Progress { Off, Terminal, Always };
  // Writes this scan's report into the connection state.
  void report(const FolderTable* table) const;

 private:
  // Loads the current file as `need` asks, unless it is loaded already.
  void load(Need need);

  std::string root_, pattern_;
  Root dir_;  // root_, opened: what the scan lists and reads under
  ScanOptions options_;
  std::int64_t max_file_size_ = 0;
  ParseOptions parse_;
  unsigned threads_ = 1;           // the table's option; 0: one per usable CPU
  unsigned resolved_threads_ = 0;  // threads_ with 0 resolved, by worker_threads()
  unsigned worker_threads();
  Need need_ = Need::Summary;  // what the query's columns need of a file, once they need one
  bool read_ahead_ = false;    // the query needs files read and may use workers
  bool started_ = false;
  bool watch_ = true;  // listings may be kept between scans (ListingCache)
  std::shared_ptr<const Listing> listing_ = std::make_shared<const Listing>();
  std::size_t index_ = 0;
  bool loaded_ = false;
  Cached current_;
  std::string read_error_;
  // Over every xFilter of the cursor: files listed, rows returned, articles loaded (from the
  // cache or from disk), and files read from disk.
  std::int64_t files_ = 0, rows_ = 0, listings_reused_ = 0;
  LoadCounts counts_;
  // Reads ahead of the cursor when the query needs articles. It refers to listing_ and counts_:
  // declared after them, and reset first (see the destructor and start()).
  std::unique_ptr<Prefetcher> prefetcher_;
  // The persistent cache file of the table, when it has one.
  std::unique_ptr<PersistentCache> persistent_;
  const LinkIndex& link_index();
  std::optional<LinkIndex> links_;
  std::shared_ptr<const Listing> all_files_;  // what links_ was built from
  std::string links_key_;                     // the root and options links_ was built for
  std::unordered_map<std::string, std::optional<Anchors>> anchors_;  // by path
  sqlite3* db_ = nullptr;
  sqlite3_stmt* probe_ = nullptr;  // check_interrupt's statement, on db_
  // The progress line on standard error (SQLITE_ARTICLES_PROGRESS, docs/articles_last_scan.md).
  void show_progress();
  Progress progress_ = Progress::Off;
  std::chrono::steady_clock::time_point started_at_, last_progress_;
  unsigned probe_calls_ = 0;
};

void result_text(sqlite3_context* ctx, const std::optional<std::string>& s);
void result_view(sqlite3_context* ctx, const std::optional<std::string_view>& s);
void result_int(sqlite3_context* ctx, const std::optional<std::int64_t>& v);
// JSON text (nullopt: NULL), marked with SQLite's JSON subtype so that json_object(),
// json_array() and the -> operators nest it as JSON rather than quote it as a string.
void result_json(sqlite3_context* ctx, const std::optional<std::string_view>& json);

// A string that lives as long as the module (nullptr: NULL).
void result_static(sqlite3_context* ctx, const char* s);

}  // namespace articles
