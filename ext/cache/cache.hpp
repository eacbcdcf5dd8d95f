// The process-wide cache of parsed articles, shared by every connection, table and function.
//
// Thread-safe: any number of threads may call any method at once. Values are immutable and
// shared (std::shared_ptr<const Article>), so a cursor may keep an article after its entry was
// replaced or evicted. REQUIRES: nothing of SQLite; the binding owns the only instance users see.
#pragma once

#include <cstddef>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "core/article.hpp"
#include "core/scan.hpp"

namespace articles {

struct CacheStats {
  std::size_t entries = 0, bytes = 0, limit = 0;
  std::int64_t hits = 0, misses = 0, parses = 0, evictions = 0;
  // Parses of a front matter, by the YAML path that read it.
  std::int64_t yaml_fast_path = 0, yaml_cpp = 0;
};

class ArticleCache {
 public:
  static constexpr std::size_t kDefaultLimit = 256u * 1024 * 1024;

  explicit ArticleCache(std::size_t limit = kDefaultLimit) : limit_(limit) {}

  // The article parsed from the file in the state `stamp` describes, with options of the
  // variant `variant` (ParseOptions::cache_variant), if it is cached (a hit); nullptr otherwise
  // (a miss). A hit makes the entry the most recently used.
  std::shared_ptr<const Article> find(const FileStamp& stamp, std::uint64_t variant = 0);

  // As find, but a miss is not counted: for a look that a load counting the miss may follow.
  std::shared_ptr<const Article> probe(const FileStamp& stamp, std::uint64_t variant = 0);

  // Records a parse: stores `article`, parsed from the file in state `stamp`, replacing any
  // entry for the same file, then evicts least recently used entries beyond the byte limit. An
  // article larger than the whole limit is not stored.
  void insert(const FileStamp& stamp, std::shared_ptr<const Article> article,
              std::uint64_t variant = 0);

  // Sets the byte limit (evicting as needed) and returns the previous one.
  std::size_t set_limit(std::size_t bytes);
  void clear();
  CacheStats stats() const;

 private:
  std::shared_ptr<const Article> lookup(const FileStamp& stamp, std::uint64_t variant,
                                        bool count_miss);
  struct Key {
    std::uint64_t device, inode;
    bool operator==(const Key& o) const { return device == o.device && inode == o.inode; }
  };
  struct KeyHash {
    std::size_t operator()(const Key& k) const {
      return std::hash<std::uint64_t>()(k.inode * 0x9e3779b97f4a7c15ULL ^ k.device);
    }
  };
  struct Entry {
    Key key;
    FileStamp stamp;
    std::uint64_t variant;
    std::shared_ptr<const Article> article;
    std::size_t bytes;
  };
  using Lru = std::list<Entry>;  // front: most recently used

  void evict_to(std::size_t limit);  // REQUIRES: mutex_ held
  void erase(Lru::iterator it);      // REQUIRES: mutex_ held

  mutable std::mutex mutex_;
  Lru lru_;
  std::unordered_map<Key, Lru::iterator, KeyHash> index_;
  std::size_t limit_;
  std::size_t bytes_ = 0;
  std::int64_t hits_ = 0, misses_ = 0, parses_ = 0, evictions_ = 0;
  std::int64_t yaml_fast_path_ = 0, yaml_cpp_ = 0;
};

// The one cache of the process.
ArticleCache& process_cache();

// An estimate of the memory an article holds, for the byte budget.
std::size_t approx_bytes(const Article& article);

}  // namespace articles
