// The process-wide cache of parsed articles, shared by every connection, table and function.
//
// Thread-safe: any number of threads may call any method at once. Values are immutable and
// shared (std::shared_ptr<const ...>), so a cursor may keep an article after its entry was
// replaced or evicted. REQUIRES: nothing of SQLite; the binding owns the only instance users see.
#pragma once

#include <cstddef>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/article.hpp"
#include "core/scan.hpp"
#include "core/summary.hpp"

namespace articles {

struct CacheStats {
  std::size_t entries = 0, articles = 0, bytes = 0, limit = 0;
  std::int64_t hits = 0, misses = 0, parses = 0, evictions = 0;
  // Provisional entries read again: found unchanged (a hit), or changed (a miss and a parse).
  std::int64_t rechecks = 0;
  // Summaries taken from the persistent cache file (vtab/persistent.hpp) rather than parsed.
  std::int64_t restored = 0;
  // Parses of a front matter, by the YAML path that read it.
  std::int64_t yaml_fast_path = 0, yaml_cpp = 0;
};

// What a scan needs of a file: its summary (the short columns), or the whole article too.
enum class Need { Summary, Article };

// What the cache gives for a file: its summary always, and the whole article when it was asked
// for (a lookup with Need::Article hits only when the cache holds it).
struct Cached {
  Cached() = default;
  Cached(std::shared_ptr<const Summary> s, std::shared_ptr<const Article> a,
         bool is_provisional = false, std::uint64_t content_hash = 0)
      : summary(std::move(s)),
        article(std::move(a)),
        provisional(is_provisional),
        content(content_hash) {}

  std::shared_ptr<const Summary> summary;
  std::shared_ptr<const Article> article;
  // Parsed from a read that was not settled (FileBytes::settled): the stamp alone does not
  // vouch for it, the bytes must be read again and compared (`content`, their hash).
  bool provisional = false;
  std::uint64_t content = 0;
  // Parsed by the call that returned it (not found in the cache), from the file in state
  // `stamp`: what the persistent cache stores once it is settled (not provisional).
  bool fresh = false;
  FileStamp stamp;
  std::uint64_t variant = 0;  // what a fresh one is cached under (load_article)
  explicit operator bool() const { return summary != nullptr; }
};

// Two tiers under one byte budget: an entry per file holds its summary (a few hundred bytes)
// and, when a query needed more, its whole article (several times the file). Over the budget,
// whole articles leave first, least recently used first; summaries leave only when no whole
// article is left.
class ArticleCache {
 public:
  static constexpr std::size_t kDefaultLimit = 256u * 1024 * 1024;

  explicit ArticleCache(std::size_t limit = kDefaultLimit) : limit_(limit) {}

  // What is cached of the file in the state `stamp` describes, parsed with options of the
  // variant `variant` (ParseOptions::cache_variant), if it covers `need` (a hit); empty
  // otherwise (a miss). A hit makes the entry the most recently used. A provisional entry is
  // returned as such and counted as neither: confirm() or insert() says what it was.
  Cached find(const FileStamp& stamp, std::uint64_t variant, Need need);
  // As find, where an entry of variant `fuller` serves as well (loader.hpp, fuller_variant): the
  // entry of `variant`, else (or when it is provisional and the other is not) that of `fuller`;
  // `*found` is the variant of the entry returned.
  Cached find(const FileStamp& stamp, std::uint64_t variant, std::uint64_t fuller, Need need,
              std::uint64_t* found);

  // The bytes of a provisional entry were read again and are the same: counts a hit, and the
  // entry is settled when `settled`.
  void confirm(const FileStamp& stamp, std::uint64_t variant, bool settled);

  // As find, but a miss is not counted: for a look that a load counting the miss may follow.
  Cached probe(const FileStamp& stamp, std::uint64_t variant, Need need);
  // As probe, where an entry of variant `fuller` serves as well (as the find above).
  Cached probe(const FileStamp& stamp, std::uint64_t variant, std::uint64_t fuller, Need need);

  // Records a parse: stores `parsed` (a summary, with or without its article; provisional or
  // not), parsed from the file in state `stamp`, replacing any entry for the same file, then
  // evicts beyond the byte limit. What is larger than the whole limit is not stored.
  // `restored`: not a parse but a summary read back from the persistent cache (counted apart).
  void insert(const FileStamp& stamp, Cached parsed, std::uint64_t variant, bool restored = false);

  // Keeps a summary read back from the persistent cache before any scan asked for it, for the
  // lookup that may come: only when no entry holds the file (`stamp`'s device and inode, with
  // `variant`) and it fits under the limit without evicting anything; false when it does not
  // fit. It is counted as restored (and as a hit) at its first hit; evicted unused, as nothing.
  bool preload(const FileStamp& stamp, std::shared_ptr<const Summary> summary,
               std::uint64_t variant);

  // Sets the byte limit (evicting as needed) and returns the previous one.
  std::size_t set_limit(std::size_t bytes);
  void clear();
  CacheStats stats() const;

 private:
  Cached lookup(const FileStamp& stamp, std::uint64_t variant, std::uint64_t fuller, Need need,
                bool count_miss, std::uint64_t* found);
  // An entry per file and parse variant: a declared table's variant (its schema) and a plain
  // table's over the same folder keep one each, rather than take the file from each other.
  struct Key {
    std::uint64_t device, inode, variant;
    bool operator==(const Key& o) const {
      return device == o.device && inode == o.inode && variant == o.variant;
    }
  };
  struct Entry;
  using Lru = std::list<Entry>;                 // every entry; front: most recently used
  using ArticleLru = std::list<Lru::iterator>;  // the entries holding an article, likewise
  struct Entry {
    Key key;
    FileStamp stamp;
    std::uint64_t variant;
    Cached value;
    std::size_t summary_bytes, article_bytes;  // article_bytes: 0 without an article
    ArticleLru::iterator in_articles;          // valid while value.article is set
    bool preloaded = false;                    // by preload(), and not yet found
  };
  // What an entry costs beside its values, for the budget: its list node, its index slots (two
  // at most, the table being at most half full) and its article list node, rounded up.
  static constexpr std::size_t kNodes = sizeof(Entry) + 64 + 32;

  // The entries by key: open addressing with linear probing, at most half full; a slot holds the
  // key's hash (0: a free slot) and the entry. A scan served from the cache looks up every file:
  // std::unordered_map cost a division and a node (a cache miss) per look.
  class Index {
   public:
    const Lru::iterator* find(const Key& key) const;   // null when absent
    void insert(const Key& key, Lru::iterator entry);  // REQUIRES: absent
    void erase(const Key& key);                        // REQUIRES: present
    void clear();
    std::size_t size() const { return size_; }

   private:
    struct Slot {
      std::uint64_t hash = 0;
      Lru::iterator entry;
    };
    static std::uint64_t hash_of(const Key& key);
    // The slot holding `key`, or the free slot where it would go. REQUIRES: !slots_.empty()
    std::size_t position(const Key& key, std::uint64_t hash) const;
    std::vector<Slot> slots_;  // a power of two of them, or none
    std::size_t size_ = 0;
  };

  void evict_to(std::size_t limit);     // REQUIRES: mutex_ held
  void erase(Lru::iterator it);         // REQUIRES: mutex_ held
  void drop_article(Lru::iterator it);  // keeps the summary. REQUIRES: mutex_ held

  mutable std::mutex mutex_;
  Lru lru_;
  ArticleLru articles_;
  Index index_;
  std::size_t limit_;
  std::size_t bytes_ = 0;
  std::int64_t hits_ = 0, misses_ = 0, parses_ = 0, evictions_ = 0, rechecks_ = 0, restored_ = 0;
  std::int64_t yaml_fast_path_ = 0, yaml_cpp_ = 0;
};

// The one cache of the process.
ArticleCache& process_cache();

// Estimates of the memory an article and a summary hold (as made by std::make_shared), for the
// byte budget.
std::size_t approx_bytes(const Article& article);
std::size_t approx_bytes(const Summary& summary);

}  // namespace articles
