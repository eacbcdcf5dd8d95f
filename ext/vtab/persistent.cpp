#include "vtab/persistent.hpp"

#include <dlfcn.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <system_error>
#include <unordered_map>

#include "cache/loader.hpp"
#include "core/text.hpp"
#include "vtab/common.hpp"

namespace articles {

namespace {

// PRAGMA application_id of a cache file: "ARTc". A database without it is not ours.
constexpr std::int32_t kApplicationId = 0x41525463;
// How long a write waits for another process's write lock before giving up (the summaries
// are then parsed again next time): reads never wait in WAL mode.
constexpr int kBusyMs = 250;
// Rows written per transaction: bounds the queue's memory on a large cold scan.
constexpr std::size_t kBatch = 2048;
// Times a scan looks again at a file another process is making, and the pause between looks.
constexpr int kBuildAttempts = 20, kBuildWaitMs = 50;
// Up to this many missing files, each is looked up; more, the root's rows are read in one pass.
constexpr std::size_t kPointLookups = 256;
// The columns of a stored row that restore_row and checked_summary read, in this order.
constexpr const char* kStoredColumns = "device, inode, size, mtime_ns, ctime_ns, summary, checksum";

// Rows sit in an ordinary table (a summary of a few kilobytes stays on its page, where a
// WITHOUT ROWID table would spill it to a mostly empty overflow page), in the order they were
// listed; the unique index finds them by root, path and variant.
constexpr const char* kSchema =
    "DROP TABLE IF EXISTS summaries; DROP TABLE IF EXISTS roots;"
    "CREATE TABLE roots(id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE);"
    "CREATE TABLE summaries(id INTEGER PRIMARY KEY, root INTEGER NOT NULL, path BLOB NOT NULL,"
    "  variant INTEGER NOT NULL, device INTEGER NOT NULL, inode INTEGER NOT NULL,"
    "  size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL, ctime_ns INTEGER NOT NULL,"
    "  summary BLOB NOT NULL, checksum INTEGER NOT NULL, UNIQUE(root, path, variant));";

std::atomic<std::int64_t> written_count{0}, rejected_count{0}, failure_count{0}, busy_count{0};
std::mutex problem_mutex;
// The last failure's description, under problem_mutex. Never destroyed: a connection closed
// during the process's exit may still record one.
std::string& last_problem() {
  static std::string* problem = new std::string;
  return *problem;
}

// What a row is valid for beyond the file's state: this build of the module. The version
// alone would let a development build (same version, other code) read another's rows, so the
// module file's size and modification time join it, taken once.
const std::string& build_identity() {
  static const std::string* identity = [] {
    std::string id = std::string(ARTICLES_VERSION) + " schema 1";
    Dl_info info{};
    struct stat st {};
    if (::dladdr(reinterpret_cast<void*>(&persistent_stats), &info) && info.dli_fname &&
        ::stat(info.dli_fname, &st) == 0)
      id += " " + std::to_string(st.st_size) + " " + std::to_string(st.st_mtim.tv_sec) + "." +
            std::to_string(st.st_mtim.tv_nsec);
    return new std::string(std::move(id));  // never destroyed, as last_problem()
  }();
  return *identity;
}

// The roots whose every stored row a prefetch of this process put in the memory cache, by cache
// file (its path, a NUL, the root): a later walk of one (a listing not kept, or dropped after a
// change) finds its summaries there, and restore() looks up what it lacks. Never destroyed, as
// last_problem().
std::mutex preloaded_mutex;
std::set<std::string>& preloaded_roots() {
  static auto* roots = new std::set<std::string>;
  return *roots;
}

// A checksum of a row's key, state and summary, stable across builds (WordHash).
std::int64_t checksum(std::string_view root, std::string_view path, std::uint64_t variant,
                      const FileStamp& s, std::string_view summary) {
  WordHash c;
  c.add(root);
  c.add(path);
  for (std::uint64_t v :
       {variant, s.device, s.inode, static_cast<std::uint64_t>(s.size),
        static_cast<std::uint64_t>(s.mtime_ns), static_cast<std::uint64_t>(s.ctime_ns)})
    c.add_number(v);
  c.add(summary);
  return static_cast<std::int64_t>(c.h);
}

// A prepared statement, finalized when it goes.
struct Statement {
  sqlite3_stmt* st = nullptr;
  Statement(sqlite3* db, const char* sql) { sqlite3_prepare_v2(db, sql, -1, &st, nullptr); }
  ~Statement() { sqlite3_finalize(st); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  explicit operator bool() const { return st != nullptr; }
};

// The file state stored in the five columns from `c` (device, inode, size, mtime_ns, ctime_ns).
FileStamp stamp_of(sqlite3_stmt* st, int c) {
  return FileStamp{static_cast<std::uint64_t>(sqlite3_column_int64(st, c)),
                   static_cast<std::uint64_t>(sqlite3_column_int64(st, c + 1)),
                   sqlite3_column_int64(st, c + 2), sqlite3_column_int64(st, c + 3),
                   sqlite3_column_int64(st, c + 4)};
}

std::string_view column_bytes(sqlite3_stmt* st, int i) {
  const void* p = sqlite3_column_blob(st, i);
  return p ? std::string_view(static_cast<const char*>(p),
                              static_cast<std::size_t>(sqlite3_column_bytes(st, i)))
           : std::string_view();
}

// Whether the file at `path` is an SQLite database whose header names it a cache of ours:
// only such a file is deleted when it is found damaged.
bool header_is_ours(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) return false;
  unsigned char header[100];
  const bool whole = ::read(fd, header, sizeof header) == static_cast<ssize_t>(sizeof header);
  struct stat st {};
  const bool regular = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
  ::close(fd);
  if (!whole || !regular || std::memcmp(header, "SQLite format 3", 16) != 0) return false;
  const std::uint32_t id = (std::uint32_t{header[68]} << 24) | (std::uint32_t{header[69]} << 16) |
                           (std::uint32_t{header[70]} << 8) | header[71];
  return id == static_cast<std::uint32_t>(kApplicationId);
}

}  // namespace

PersistentStats persistent_stats() {
  PersistentStats s;
  s.restored = process_cache().stats().restored;  // the memory cache counts them as it gets them
  s.written = written_count;
  s.rejected = rejected_count;
  s.failures = failure_count;
  s.busy = busy_count;
  std::lock_guard<std::mutex> lock(problem_mutex);
  s.problem = last_problem();
  return s;
}

PersistentCache::~PersistentCache() {
  flush();  // never throws: a failure is recorded, and what was queued is parsed again
  close();
}

void PersistentCache::close() {
  if (db_) sqlite3_close_v2(db_);
  db_ = nullptr;
}

void PersistentCache::give_up(std::string message) {
  unusable_ = true;
  pending_.clear();
  close();
  ++failure_count;
  std::lock_guard<std::mutex> lock(problem_mutex);
  last_problem() = std::move(message);
}

void PersistentCache::fail(const std::string& what) {
  const int code = db_ ? sqlite3_errcode(db_) : SQLITE_CANTOPEN;
  std::string message = path_ + ": " + what;
  if (db_) message += std::string(": ") + sqlite3_errmsg(db_);
  close();
  // Damaged, and ours by its header: removed, so that the next scan builds it anew.
  if ((code == SQLITE_CORRUPT || code == SQLITE_NOTADB) && header_is_ours(path_)) {
    for (const char* suffix : {"", "-wal", "-shm"}) ::unlink((path_ + suffix).c_str());
    message += " (removed: the next scan builds it anew)";
  }
  give_up(std::move(message));
}

bool PersistentCache::open() {
  if (db_) return true;
  if (unusable_) return false;
  struct stat before {};
  const bool existed = ::stat(path_.c_str(), &before) == 0;
  if (existed && !S_ISREG(before.st_mode)) {
    fail("not a regular file");
    return false;
  }
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  if (sqlite3_open_v2(path_.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
    fail("cannot open the cache file");
    return false;
  }
  // It holds what the files hold: readable by their owner alone when the module creates it.
  if (!existed) ::chmod(path_.c_str(), 0600);
  sqlite3_busy_timeout(db_, kBusyMs);
  // A cache loses nothing that matters in a power cut: commits skip the sync (WAL keeps the
  // file whole), and reads map the file rather than copy it.
  sqlite3_exec(db_, "PRAGMA synchronous = OFF; PRAGMA mmap_size = 268435456", nullptr, nullptr,
               nullptr);
  // Another process may be making the file (or making it anew for its build): wait for it,
  // a few times, then read what it made.
  for (int attempt = 0;; ++attempt) {
    const Readiness r = readiness();
    if (r == Readiness::kReady) return true;
    if (r == Readiness::kError) return false;
    if (build()) return true;
    if (!db_) return false;  // failed (and recorded)
    if (attempt == kBuildAttempts) {
      fail("cannot prepare the cache file: another process keeps it locked");
      return false;
    }
    // The lock was busy (setting the journal mode can fail at once rather than wait for it).
    sqlite3_sleep(kBuildWaitMs);
  }
}

PersistentCache::Readiness PersistentCache::readiness() {
  std::int64_t id = 0, tables = 0;
  {
    Statement a(db_, "PRAGMA application_id");
    Statement t(db_, "SELECT count(*) FROM sqlite_master");
    if (!a || sqlite3_step(a.st) != SQLITE_ROW || !t || sqlite3_step(t.st) != SQLITE_ROW) {
      fail("cannot read the cache file");
      return Readiness::kError;
    }
    id = sqlite3_column_int64(a.st, 0);
    tables = sqlite3_column_int64(t.st, 0);
  }
  if (id != kApplicationId && (id != 0 || tables != 0)) {  // someone else's: never written to
    give_up(path_ + ": not a cache file of this module (another database): left alone");
    return Readiness::kError;
  }
  return id == kApplicationId && made_by_this_build() ? Readiness::kReady : Readiness::kNew;
}

bool PersistentCache::made_by_this_build() {
  Statement v(db_, "SELECT value FROM meta WHERE key = 'build'");
  return v && sqlite3_step(v.st) == SQLITE_ROW &&
         reinterpret_cast<const char*>(sqlite3_column_text(v.st, 0)) == build_identity();
}

bool PersistentCache::build() {
  auto exec = [this](const char* sql) {
    return sqlite3_exec(db_, sql, nullptr, nullptr, nullptr) == SQLITE_OK;
  };
  // Under the write lock; WAL mode first (it needs no other connection in the file).
  if (!exec("PRAGMA journal_mode = WAL") || !exec("BEGIN IMMEDIATE")) {
    if (sqlite3_errcode(db_) != SQLITE_BUSY) fail("cannot prepare the cache file");
    return false;  // busy: the caller looks again
  }
  if (!exec("CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value)")) {
    fail("cannot prepare the cache file");  // closing rolls the transaction back
    return false;
  }
  if (made_by_this_build()) return exec("COMMIT");  // another process made it meanwhile
  const std::string set_id = "PRAGMA application_id = " + std::to_string(kApplicationId);
  Statement set(db_, "INSERT OR REPLACE INTO meta(key, value) VALUES ('build', ?1)");
  bool ok = exec(kSchema) && set && exec(set_id.c_str());
  if (ok) {
    sqlite3_bind_text(set.st, 1, build_identity().c_str(), -1, SQLITE_STATIC);
    ok = sqlite3_step(set.st) == SQLITE_DONE;
  }
  if (!ok || !exec("COMMIT")) {
    fail("cannot prepare the cache file");
    return false;
  }
  return true;
}

int PersistentCache::root_id_of(const std::string& root, bool add, std::int64_t* id) {
  if (add) {
    Statement insert(db_, "INSERT OR IGNORE INTO roots(path) VALUES (?1)");
    if (!insert) return SQLITE_ERROR;
    sqlite3_bind_text(insert.st, 1, root.data(), static_cast<int>(root.size()), SQLITE_STATIC);
    if (sqlite3_step(insert.st) != SQLITE_DONE) return SQLITE_ERROR;
  }
  Statement select(db_, "SELECT id FROM roots WHERE path = ?1");
  if (!select) return SQLITE_ERROR;
  sqlite3_bind_text(select.st, 1, root.data(), static_cast<int>(root.size()), SQLITE_STATIC);
  const int rc = sqlite3_step(select.st);
  if (rc == SQLITE_ROW) *id = sqlite3_column_int64(select.st, 0);
  return rc;
}

std::shared_ptr<const Summary> PersistentCache::checked_summary(const std::string& root,
                                                                std::string_view path,
                                                                std::uint64_t variant,
                                                                const FileStamp& stamp,
                                                                sqlite3_stmt* st, int c) {
  const std::string_view bytes = column_bytes(st, c + 5);
  std::optional<Summary> summary;
  if (sqlite3_column_int64(st, c + 6) == checksum(root, path, variant, stamp, bytes))
    summary = Summary::deserialize(bytes);
  if (!summary) {
    ++rejected_count;
    return nullptr;
  }
  return std::make_shared<const Summary>(std::move(*summary));
}

void PersistentCache::restore_row(ArticleCache& cache, const std::string& root, const Entry& entry,
                                  std::uint64_t variant, sqlite3_stmt* st, int c) {
  const FileStamp stamp = stamp_of(st, c);
  if (!(stamp == entry.stamp())) return;  // the file changed since: a miss
  std::shared_ptr<const Summary> summary =
      checked_summary(root, entry.raw_path, variant, stamp, st, c);
  if (summary) cache.insert(stamp, Cached{std::move(summary), nullptr}, variant, true);
}

template <typename F>
void PersistentCache::shielded(const char* what, F body) noexcept {
  try {
    body();
  } catch (const std::exception& e) {  // std::bad_alloc above all: the scan goes on without
    try {
      fail(std::string(what) + ": " + e.what());
    } catch (...) {  // no memory even for the message
      unusable_ = true;
      pending_.clear();
      close();
    }
  }
}

void PersistentCache::prefetch(const std::string& root, ArticleCache& cache) noexcept {
  // A library built without threads (SQLITE_THREADSAFE=0) is the caller's thread's alone.
  if (prefetch_.joinable() || unusable_ || !sqlite3_threadsafe()) return;
  prefetched_ = false;
  shielded("cannot read the cache file", [&] {
    prefetch_root_ = root;
    prefetch_cache_ = &cache;
    {
      std::lock_guard<std::mutex> lock(preloaded_mutex);
      if (preloaded_roots().count(path_ + '\0' + root)) return;
    }
    if (process_workers().acquire(1) == 0) return;  // every worker busy: restore() reads alone
    cancel_ = false;
    try {
      prefetch_ = std::thread([this] {
        prefetch_rows();
        process_workers().release(1);
      });
    } catch (const std::system_error&) {  // no thread: restore() reads alone
      process_workers().release(1);
    }
  });
}

void PersistentCache::prefetch_rows() {
  shielded("cannot read the cache file", [&] {
    if (!open()) return;
    std::int64_t root_id = 0;
    const int found = root_id_of(prefetch_root_, false, &root_id);
    if (found == SQLITE_DONE) {  // nothing stored under this root
      prefetched_ = true;
      return;
    }
    if (found != SQLITE_ROW) return fail("cannot read the cache file");
    Statement st(db_, (std::string("SELECT path, variant, ") + kStoredColumns +
                       " FROM summaries WHERE root = ?1")
                          .c_str());
    if (!st) return fail("cannot read the cache file");
    sqlite3_bind_int64(st.st, 1, root_id);
    int rc;
    while (!cancel_ && (rc = sqlite3_step(st.st)) == SQLITE_ROW) {
      const std::string_view path = column_bytes(st.st, 0);
      const auto variant = static_cast<std::uint64_t>(sqlite3_column_int64(st.st, 1));
      const FileStamp stamp = stamp_of(st.st, 2);
      std::shared_ptr<const Summary> summary =
          checked_summary(prefetch_root_, path, variant, stamp, st.st, 2);
      // Over the memory cache's budget, restore() looks up what the listing lacks instead.
      if (summary && !prefetch_cache_->preload(stamp, std::move(summary), variant)) return;
    }
    if (cancel_) return;
    if (rc != SQLITE_DONE) return fail("cannot read the cache file");
    prefetched_ = true;
  });
}

bool PersistentCache::finish_prefetch(bool cancel) {
  if (!prefetch_.joinable()) return false;
  cancel_ = cancel;
  prefetch_.join();
  return prefetched_ && !cancel;
}

void PersistentCache::restore(ArticleCache& cache, const std::string& root,
                              const std::vector<Entry>& entries,
                              const ParseOptions& options) noexcept {
  shielded("cannot read the cache file", [&] { restore_rows(cache, root, entries, options); });
}

void PersistentCache::restore_rows(ArticleCache& cache, const std::string& root,
                                   const std::vector<Entry>& entries, const ParseOptions& options) {
  // A few files are quicker to look up one by one than every row of the root to read. Else the
  // prefetch, whole, put every stored row of the root in the memory cache: nothing is left to
  // look up, now or at the next walk of this process.
  if (finish_prefetch(/*cancel=*/entries.size() <= kPointLookups) && prefetch_root_ == root &&
      prefetch_cache_ == &cache) {
    std::lock_guard<std::mutex> lock(preloaded_mutex);
    preloaded_roots().insert(path_ + '\0' + root);
    return;
  }
  // A row of the fuller variant (loader.hpp) serves the file as well as one of its own.
  std::vector<std::pair<const Entry*, std::uint64_t>> missing;
  for (const Entry& e : entries) {
    const std::uint64_t variant = variant_of(e, options);
    if (!cache.probe(e.stamp(), variant, fuller_variant(variant, options), Need::Summary))
      missing.emplace_back(&e, variant);
  }
  if (missing.empty() || !open()) return;
  std::int64_t root_id = 0;
  const int found = root_id_of(root, false, &root_id);
  if (found == SQLITE_DONE) return;  // nothing stored under this root
  if (found != SQLITE_ROW) return fail("cannot read the cache file");
  if (missing.size() <= kPointLookups) {
    Statement st(db_, (std::string("SELECT variant, ") + kStoredColumns +
                       " FROM summaries WHERE root = ?1 AND path = ?2 AND variant IN (?3, ?4)")
                          .c_str());
    if (!st) return fail("cannot read the cache file");
    sqlite3_bind_int64(st.st, 1, root_id);
    for (const auto& [entry, variant] : missing) {
      sqlite3_bind_blob(st.st, 2, entry->raw_path.data(), static_cast<int>(entry->raw_path.size()),
                        SQLITE_STATIC);
      sqlite3_bind_int64(st.st, 3, static_cast<sqlite3_int64>(variant));
      sqlite3_bind_int64(st.st, 4, static_cast<sqlite3_int64>(fuller_variant(variant, options)));
      int rc;
      while ((rc = sqlite3_step(st.st)) == SQLITE_ROW)
        restore_row(cache, root, *entry, static_cast<std::uint64_t>(sqlite3_column_int64(st.st, 0)),
                    st.st, 1);
      if (rc != SQLITE_DONE) return fail("cannot read the cache file");
      sqlite3_reset(st.st);
    }
    return;
  }
  std::unordered_map<std::string_view, std::size_t> by_path;
  by_path.reserve(missing.size());
  for (std::size_t i = 0; i < missing.size(); ++i) by_path.emplace(missing[i].first->raw_path, i);
  Statement st(db_, (std::string("SELECT path, variant, ") + kStoredColumns +
                     " FROM summaries WHERE root = ?1")
                        .c_str());
  if (!st) return fail("cannot read the cache file");
  sqlite3_bind_int64(st.st, 1, root_id);
  int rc;
  while ((rc = sqlite3_step(st.st)) == SQLITE_ROW) {
    auto it = by_path.find(column_bytes(st.st, 0));
    if (it == by_path.end()) continue;
    const auto& [entry, variant] = missing[it->second];
    const auto stored = static_cast<std::uint64_t>(sqlite3_column_int64(st.st, 1));
    if (stored == variant || stored == fuller_variant(variant, options))
      restore_row(cache, root, *entry, stored, st.st, 2);
  }
  if (rc != SQLITE_DONE) fail("cannot read the cache file");
}

void PersistentCache::remember(const std::string& root, const Entry& entry,
                               const Cached& loaded) noexcept {
  finish_prefetch(/*cancel=*/true);
  if (unusable_ || !loaded.fresh || loaded.provisional || !loaded.summary) return;
  if (!pending_.empty() && root != pending_root_) flush();  // one root per batch
  shielded("cannot keep a summary to write", [&] {
    if (pending_.empty()) pending_root_ = root;
    pending_.push_back(
        Row{entry.raw_path, loaded.variant, loaded.stamp, loaded.summary->serialize()});
  });
  if (pending_.size() >= kBatch) flush();
}

void PersistentCache::flush() noexcept {
  finish_prefetch(/*cancel=*/true);
  shielded("cannot write the cache file", [&] { write_rows(); });
}

void PersistentCache::write_rows() {
  if (pending_.empty()) return;
  std::vector<Row> rows = std::move(pending_);
  pending_.clear();
  const std::string& root = pending_root_;
  if (!open()) return;
  if (sqlite3_exec(db_, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK) {
    if (sqlite3_errcode(db_) != SQLITE_BUSY) return fail("cannot write the cache file");
    ++busy_count;  // another process writes: parsed again next time
    return;
  }
  Statement st(db_,
               "INSERT OR REPLACE INTO summaries(root, path, variant, device, inode, size, "
               "mtime_ns, ctime_ns, summary, checksum) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)");
  std::int64_t root_id = 0;
  bool ok = st && root_id_of(root, true, &root_id) == SQLITE_ROW;
  if (ok) sqlite3_bind_int64(st.st, 1, root_id);
  for (std::size_t i = 0; ok && i < rows.size(); ++i) {
    const Row& r = rows[i];
    sqlite3_bind_blob(st.st, 2, r.path.data(), static_cast<int>(r.path.size()), SQLITE_STATIC);
    sqlite3_bind_int64(st.st, 3, static_cast<sqlite3_int64>(r.variant));
    sqlite3_bind_int64(st.st, 4, static_cast<sqlite3_int64>(r.stamp.device));
    sqlite3_bind_int64(st.st, 5, static_cast<sqlite3_int64>(r.stamp.inode));
    sqlite3_bind_int64(st.st, 6, r.stamp.size);
    sqlite3_bind_int64(st.st, 7, r.stamp.mtime_ns);
    sqlite3_bind_int64(st.st, 8, r.stamp.ctime_ns);
    sqlite3_bind_blob(st.st, 9, r.summary.data(), static_cast<int>(r.summary.size()),
                      SQLITE_STATIC);
    sqlite3_bind_int64(st.st, 10, checksum(root, r.path, r.variant, r.stamp, r.summary));
    ok = sqlite3_step(st.st) == SQLITE_DONE;
    sqlite3_reset(st.st);
  }
  if (ok && sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr) == SQLITE_OK) {
    written_count += static_cast<std::int64_t>(rows.size());
    return;
  }
  fail("cannot write the cache file");  // closing rolls the transaction back
}

}  // namespace articles
