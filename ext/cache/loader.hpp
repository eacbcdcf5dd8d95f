// Loading the articles of listed files through the process cache, one at a time or ahead of a
// reader with a pool of worker threads. No SQLite here: workers never call it.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "cache/cache.hpp"
#include "core/scan.hpp"

namespace articles {

struct LoadCounts {
  std::atomic<std::int64_t> loaded{0};  // articles obtained, from the cache or from disk
  std::atomic<std::int64_t> read{0};    // files read from disk and parsed
};

// The summary of one listed file, and its whole article when `need` asks for it: from `cache`
// when the file is unchanged since it was parsed, else read (never past `max_size` bytes),
// parsed and cached (the whole article only when needed). Empty with `*error` set when the file
// cannot be read; such failures are not cached. `options` apply to a parse, not to a cached
// article (every path of the parser gives the same article).
// Thread-safe.
Cached load_article(ArticleCache& cache, const Root& root, const Entry& entry,
                    std::int64_t max_size, const ParseOptions& options, Need need,
                    std::string* error, LoadCounts& counts);

// The cache variant of a file's article: its parse options, and its name, which is part of the
// article (Markdown by extension, the last step of the title chain): a second name of the same
// file is another article.
std::uint64_t variant_of(const Entry& entry, const ParseOptions& options);

// The variant that serves a lookup of variant `variant` made with `options` as well as its
// own: for options without the reading of plain text (ParseOptions::read_text), the variant
// with it, whose articles hold the same and more; else `variant` itself. A file that reading
// never looks at (one with front matter, or not text) is cached under it whatever the options.
std::uint64_t fuller_variant(std::uint64_t variant, const ParseOptions& options);

// What `need` asks of a listed file when the cache holds it for its current state (counted as
// loaded), else empty and nothing counted: load_article then reads it.
Cached cached_article(ArticleCache& cache, const Entry& entry, const ParseOptions& options,
                      Need need, LoadCounts& counts);

// Worker threads, counted over the whole process: every Prefetcher takes its workers from here,
// so that all scans together run at most sys::usable_cpus() workers. Thread-safe.
class WorkerBudget {
 public:
  // Takes up to `wanted` workers; returns how many it got (maybe 0).
  unsigned acquire(unsigned wanted);
  void release(unsigned count);
  unsigned in_use() const;

 private:
  mutable std::mutex mutex_;
  unsigned in_use_ = 0;
};
WorkerBudget& process_workers();

// Loads (as `need` asks) the articles of `entries` in order from entry `first` on, with `threads`
// workers, at most `window` files ahead of the reader, so that memory stays bounded and the first
// article is ready long before the last one. The reader takes each article with take(i), in
// increasing i from `first`.
class Prefetcher {
 public:
  Prefetcher(ArticleCache& cache, Root root, const std::vector<Entry>& entries,
             std::int64_t max_size, const ParseOptions& options, Need need, unsigned threads,
             std::size_t window, LoadCounts& counts, std::size_t first = 0);
  ~Prefetcher();  // stops and joins the workers
  Prefetcher(const Prefetcher&) = delete;
  Prefetcher& operator=(const Prefetcher&) = delete;

  // What was loaded of entry i (empty with `*error` set when it cannot be read), waiting for a
  // worker or loading it here if no worker has started it. Releases every slot before i.
  // REQUIRES: i increases from call to call; first <= i < entries.size().
  Cached take(std::size_t i, std::string* error);

  // How many workers it runs.
  unsigned workers() const { return static_cast<unsigned>(workers_.size()); }

 private:
  struct Slot {
    enum State { kPending, kLoading, kDone } state = kPending;
    Cached loaded;
    std::string error;
  };
  void work();
  // A slot no one has claimed lies within the window. REQUIRES: mutex_ held.
  bool claimable() const;
  // Loads slot i outside the lock. REQUIRES: the caller moved slot i to kLoading.
  void load(std::size_t i);

  ArticleCache& cache_;
  const Root root_;
  const std::vector<Entry>& entries_;
  const std::int64_t max_size_;
  const ParseOptions options_;
  const Need need_;
  const std::size_t window_;
  LoadCounts& counts_;

  std::mutex mutex_;
  std::condition_variable wake_workers_, slot_done_;
  std::vector<Slot> slots_;
  std::size_t next_ = 0;    // the first slot no one has claimed
  std::size_t reader_ = 0;  // the slot the reader waits for or reads
  bool stop_ = false;
  unsigned idle_ = 0;               // workers waiting for work
  std::size_t awaited_ = SIZE_MAX;  // the slot the reader waits for, if it waits
  std::vector<std::thread> workers_;
  unsigned granted_ = 0;  // taken from process_workers()
};

}  // namespace articles
