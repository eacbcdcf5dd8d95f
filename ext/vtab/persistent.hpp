// The persistent tier of the cache: files' summaries kept in a SQLite database file of the
// module's own, so that a new process over an unchanged folder starts warm (docs/cache.md).
//
//   CREATE VIRTUAL TABLE docs USING articles(root='content', cache='articles-cache.db');
//   $ SQLITE_ARTICLES_CACHE=~/.cache/articles.db sqlite3   -- every table of the process
//
// The file is read and written through a connection the module opens itself (never the
// user's, so never inside the user's transaction), in WAL mode: processes read it while one
// writes. A row is used only when the file's device, inode, size and times (ns), its name, the
// parse options and the module build all match and its checksum holds. A file that is not
// such a cache (another database, not a database, damaged, locked, read-only, a full disk) is
// never an SQL error: the scan parses as without it, and articles_cache_stats() says why.
#pragma once

#include <sqlite3ext.h>

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "cache/cache.hpp"
#include "core/scan.hpp"

namespace articles {

// Over the whole process: what the cache files gave and took.
struct PersistentStats {
  std::int64_t restored = 0;  // summaries read back and put in the memory cache
  std::int64_t written = 0;   // summaries stored
  std::int64_t rejected = 0;  // rows found damaged (checksum or form): ignored, overwritten later
  std::int64_t failures = 0;  // opens, reads or writes that failed (the scan went on without)
  std::int64_t busy = 0;      // writes skipped: another process held the write lock too long
  std::string problem;        // the last failure's description; empty when none
};
PersistentStats persistent_stats();

// One scan's use of one cache file: opened at the first need, closed with the object.
// Not thread-safe: the cursor that owns it uses it.
class PersistentCache {
 public:
  explicit PersistentCache(std::string path) : path_(std::move(path)) {}
  ~PersistentCache();  // stops a prefetch, writes what is left to write, closes
  PersistentCache(const PersistentCache&) = delete;
  PersistentCache& operator=(const PersistentCache&) = delete;

  const std::string& path() const { return path_; }

  // Starts reading every summary the file holds for `root` (a root's real path) into `cache`
  // (ArticleCache::preload) on a thread of its own, taken from process_workers() (none free:
  // nothing starts), while the cursor lists the folder; restore() then has nothing left to do.
  // Nothing starts for a root whose rows a prefetch of this process already read whole. Until
  // that restore(), the file is the thread's alone.
  void prefetch(const std::string& root, ArticleCache& cache) noexcept;

  // Puts into `cache` the stored summaries of those of `entries` (listed under the root whose
  // real path is `root`) that it lacks and the file holds for their current state.
  void restore(ArticleCache& cache, const std::string& root, const std::vector<Entry>& entries,
               const ParseOptions& options) noexcept;

  // Queues the summary of `entry`, when `loaded` was just parsed from a settled read (under the
  // variant it was cached under, Cached::variant).
  void remember(const std::string& root, const Entry& entry, const Cached& loaded) noexcept;

  // Writes the queued summaries, in one transaction of the module's own connection (skipped
  // when another process holds the write lock for long: they are parsed again next time).
  void flush() noexcept;

  // restore, remember and flush never throw: a failure (out of memory included) is recorded in
  // persistent_stats() and the file is not used for the rest of the scan, which goes on.

 private:
  struct Row {  // of pending_root_
    std::string path;
    std::uint64_t variant;
    FileStamp stamp;
    std::string summary;
  };
  template <typename F>
  void shielded(const char* what, F body) noexcept;  // runs body; records what it throws
  void prefetch_rows();                              // on the prefetch thread
  // Waits for the prefetch, if one runs (told to stop early with `cancel`); true when it read
  // every row.
  bool finish_prefetch(bool cancel);
  // The summary of the row `st` is on (its columns device .. checksum from `first_column`, the
  // first five read as `stamp`), for `path` and `variant` under `root`, when its checksum holds
  // and it decodes; else a count in rejected_count and nothing.
  static std::shared_ptr<const Summary> checked_summary(const std::string& root,
                                                        std::string_view path,
                                                        std::uint64_t variant,
                                                        const FileStamp& stamp, sqlite3_stmt* st,
                                                        int first_column);
  void restore_rows(ArticleCache& cache, const std::string& root, const std::vector<Entry>& entries,
                    const ParseOptions& options);
  void write_rows();
  bool open();                // false: not usable in this scan (the reason recorded)
  bool made_by_this_build();  // the open file's `build` is build_identity()
  // The id of `root` in the roots table (added first with `add`): SQLITE_ROW with *id set,
  // SQLITE_DONE when it has none, another code on an error.
  int root_id_of(const std::string& root, bool add, std::int64_t* id);
  // What the open file is: made by this build, new or made by another (to build), or unusable
  // (recorded, and closed).
  enum class Readiness { kReady, kNew, kError };
  Readiness readiness();
  // Makes the file anew for this build under the write lock. False when another process held
  // the lock (db_ still open: look again) or on a failure (recorded, db_ closed).
  bool build();
  void close();
  // Records a failure (SQLite's message added); a damaged file of ours is removed, to be made
  // anew by the next scan. Either way, the file is not used again by this object.
  void fail(const std::string& what);
  void give_up(std::string message);  // records `message` and stops using the file
  // Puts the summary of the row `st` is on (its columns device .. checksum from `first_column`)
  // into `cache`, when it is the entry's current state and whole.
  void restore_row(ArticleCache& cache, const std::string& root, const Entry& entry,
                   std::uint64_t variant, sqlite3_stmt* st, int first_column);

  std::string path_;
  sqlite3* db_ = nullptr;
  bool unusable_ = false;  // a failure in this scan: no further use
  std::vector<Row> pending_;
  std::string pending_root_;  // the root every pending row is under

  std::thread prefetch_;  // joinable while a prefetch runs or waits to be joined
  std::atomic<bool> cancel_{false};
  bool prefetched_ = false;  // every row of prefetch_root_ went into *prefetch_cache_
  std::string prefetch_root_;
  ArticleCache* prefetch_cache_ = nullptr;
};

}  // namespace articles
