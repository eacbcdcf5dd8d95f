#include "cache/cache.hpp"

#include <algorithm>

namespace articles {

namespace {

// What the allocator hands out beyond the bytes asked for: a header and rounding to 16 bytes.
constexpr std::size_t kChunk = 16;

std::size_t block(std::size_t bytes) {
  return bytes == 0 ? 0 : (bytes + 8 + 15) / 16 * 16;
}

// The heap a string holds (none while it fits in the string itself).
std::size_t heap(const std::string& s) {
  return s.capacity() > 15 ? block(s.capacity() + 1) : 0;
}

template <typename T>
std::size_t heap(const std::vector<T>& v) {
  return block(v.capacity() * sizeof(T));
}

// The heap below a Value (not the Value itself, which lives in its parent).
std::size_t value_heap(const Value& v) {
  std::size_t n = heap(v.text) + heap(v.items) + heap(v.members);
  for (const auto& item : v.items) n += value_heap(item);
  for (const auto& m : v.members) n += heap(m.first) + value_heap(m.second);
  return n;
}

}  // namespace

std::size_t approx_bytes(const Article& a) {
  // The article and make_shared's control block, in one allocation.
  std::size_t n = block(sizeof(Article) + kChunk);
  for (const auto* s : {&a.title, &a.byline, &a.category, &a.type, &a.excerpt, &a.published_at,
                        &a.provider_name, &a.provider_domain, &a.original_url, &a.web_url,
                        &a.topics, &a.images, &a.secured, &a.updated_at})
    if (*s) n += heap(**s);
  n += heap(a.body) + heap(a.preamble) + heap(a.blocks) + heap(a.problems);
  for (const Problem& p : a.problems) n += heap(p.code) + heap(p.key) + heap(p.message);
  if (a.front_matter) n += value_heap(*a.front_matter);
  return n;
}

std::size_t approx_bytes(const Summary& s) {
  std::size_t cap = s.heap_capacity();
  return block(sizeof(Summary) + kChunk) + (cap > 15 ? block(cap + 1) : 0);
}

ArticleCache& process_cache() {
  // Never destroyed: a process that ends need not free a hundred thousand entries one by one
  // (it cost a one-shot process 2% of its run), and no scan can outlive it.
  static ArticleCache* cache = new ArticleCache;
  return *cache;
}

Cached ArticleCache::find(const FileStamp& stamp, std::uint64_t variant, Need need) {
  return lookup(stamp, variant, variant, need, true, nullptr);
}

Cached ArticleCache::find(const FileStamp& stamp, std::uint64_t variant, std::uint64_t fuller,
                          Need need, std::uint64_t* found) {
  return lookup(stamp, variant, fuller, need, true, found);
}

Cached ArticleCache::probe(const FileStamp& stamp, std::uint64_t variant, Need need) {
  return lookup(stamp, variant, variant, need, false, nullptr);
}

Cached ArticleCache::probe(const FileStamp& stamp, std::uint64_t variant, std::uint64_t fuller,
                           Need need) {
  return lookup(stamp, variant, fuller, need, false, nullptr);
}

Cached ArticleCache::lookup(const FileStamp& stamp, std::uint64_t variant, std::uint64_t fuller,
                            Need need, bool count_miss, std::uint64_t* found_variant) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto usable = [&](std::uint64_t v) -> const Lru::iterator* {
    const Lru::iterator* f = index_.find(Key{stamp.device, stamp.inode, v});
    if (!f || !((*f)->stamp == stamp) || (*f)->variant != v ||
        (need == Need::Article && !(*f)->value.article))
      return nullptr;
    return f;
  };
  const Lru::iterator* found = usable(variant);
  std::uint64_t v = variant;
  if (fuller != variant && (!found || (*found)->value.provisional)) {
    const Lru::iterator* other = usable(fuller);
    if (other && (!found || !(*other)->value.provisional)) {
      found = other;
      v = fuller;
    }
  }
  if (!found) {
    if (count_miss) ++misses_;
    return {};
  }
  if (found_variant) *found_variant = v;
  const Lru::iterator it = *found;
  Entry& e = *it;
  lru_.splice(lru_.begin(), lru_, it);
  if (need == Need::Article) articles_.splice(articles_.begin(), articles_, e.in_articles);
  if (e.value.provisional) {  // the caller reads the file again
    if (!count_miss) return {};
    ++rechecks_;
    Cached c = e.value;
    if (need == Need::Summary) c.article.reset();
    return c;
  }
  ++hits_;
  if (e.preloaded) {
    e.preloaded = false;
    ++restored_;
  }
  if (need == Need::Summary) return Cached{e.value.summary, nullptr};
  return e.value;
}

void ArticleCache::confirm(const FileStamp& stamp, std::uint64_t variant, bool settled) {
  std::lock_guard<std::mutex> lock(mutex_);
  ++hits_;
  const Lru::iterator* found = index_.find(Key{stamp.device, stamp.inode, variant});
  if (found && (*found)->stamp == stamp && (*found)->variant == variant && settled)
    (*found)->value.provisional = false;
}

bool ArticleCache::preload(const FileStamp& stamp, std::shared_ptr<const Summary> summary,
                           std::uint64_t variant) {
  const std::size_t bytes = approx_bytes(*summary) + kNodes;
  const Key key{stamp.device, stamp.inode, variant};
  std::lock_guard<std::mutex> lock(mutex_);
  if (bytes_ + bytes > limit_) return false;
  if (index_.find(key)) return true;
  // Last in line for eviction: nothing asked for it yet.
  lru_.push_back(
      Entry{key, stamp, variant, Cached{std::move(summary), nullptr}, bytes, 0, {}, true});
  index_.insert(key, std::prev(lru_.end()));
  bytes_ += bytes;
  return true;
}

void ArticleCache::insert(const FileStamp& stamp, Cached parsed, std::uint64_t variant,
                          bool restored) {
  const std::size_t summary_bytes = approx_bytes(*parsed.summary) + kNodes;
  std::size_t article_bytes = parsed.article ? approx_bytes(*parsed.article) : 0;
  parsed.fresh = false;  // what later lookups return was not parsed by them
  std::lock_guard<std::mutex> lock(mutex_);
  if (restored) {
    ++restored_;
  } else {
    ++parses_;
  }
  if (!restored && parsed.summary->syntax == Syntax::Yaml)
    ++(parsed.summary->yaml_fast ? yaml_fast_path_ : yaml_cpp_);
  Key key{stamp.device, stamp.inode, variant};
  if (const Lru::iterator* found = index_.find(key)) {
    const Lru::iterator it = *found;
    Entry& old = *it;
    // Another thread parsed the same state and kept more: keep its article.
    if (!parsed.article && old.value.article && old.stamp == stamp && old.variant == variant &&
        old.value.provisional == parsed.provisional && old.value.content == parsed.content) {
      lru_.splice(lru_.begin(), lru_, it);
      return;
    }
    erase(it);
  }
  if (summary_bytes + article_bytes > limit_) {
    parsed.article.reset();
    article_bytes = 0;
    if (summary_bytes > limit_) return;
  }
  lru_.push_front(Entry{key, stamp, variant, std::move(parsed), summary_bytes, article_bytes, {}});
  if (lru_.front().value.article) {
    articles_.push_front(lru_.begin());
    lru_.front().in_articles = articles_.begin();
  }
  index_.insert(key, lru_.begin());
  bytes_ += summary_bytes + article_bytes;
  evict_to(limit_);
}

std::size_t ArticleCache::set_limit(std::size_t bytes) {
  std::lock_guard<std::mutex> lock(mutex_);
  std::size_t old = limit_;
  limit_ = bytes;
  evict_to(limit_);
  return old;
}

void ArticleCache::clear() {
  std::lock_guard<std::mutex> lock(mutex_);
  articles_.clear();
  lru_.clear();
  index_.clear();
  bytes_ = 0;
}

CacheStats ArticleCache::stats() const {
  std::lock_guard<std::mutex> lock(mutex_);
  CacheStats s;
  s.entries = index_.size();
  s.articles = articles_.size();
  s.bytes = bytes_;
  s.limit = limit_;
  s.hits = hits_;
  s.misses = misses_;
  s.parses = parses_;
  s.evictions = evictions_;
  s.rechecks = rechecks_;
  s.restored = restored_;
  s.yaml_fast_path = yaml_fast_path_;
  s.yaml_cpp = yaml_cpp_;
  return s;
}

void ArticleCache::evict_to(std::size_t limit) {
  while (bytes_ > limit && !lru_.empty()) {
    if (!articles_.empty())
      drop_article(articles_.back());
    else
      erase(std::prev(lru_.end()));
    ++evictions_;
  }
}

void ArticleCache::drop_article(Lru::iterator it) {
  bytes_ -= it->article_bytes;
  it->article_bytes = 0;
  it->value.article.reset();
  articles_.erase(it->in_articles);
}

std::uint64_t ArticleCache::Index::hash_of(const Key& key) {
  std::uint64_t h =
      key.inode ^ (key.device << 32 | key.device >> 32) ^ key.variant * 0x9e3779b97f4a7c15ULL;
  h = (h ^ (h >> 30)) * 0xbf58476d1ce4e5b9ULL;  // splitmix64's finalizer
  h = (h ^ (h >> 27)) * 0x94d049bb133111ebULL;
  h ^= h >> 31;
  return h ? h : 1;
}

std::size_t ArticleCache::Index::position(const Key& key, std::uint64_t hash) const {
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
    const Slot& s = slots_[i];
    if (s.hash == 0 || (s.hash == hash && s.entry->key == key)) return i;
  }
}

const ArticleCache::Lru::iterator* ArticleCache::Index::find(const Key& key) const {
  if (slots_.empty()) return nullptr;
  const Slot& s = slots_[position(key, hash_of(key))];
  return s.hash ? &s.entry : nullptr;
}

void ArticleCache::Index::insert(const Key& key, Lru::iterator entry) {
  if (2 * (size_ + 1) > slots_.size()) {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(std::max<std::size_t>(16, 2 * old.size()), Slot{});
    const std::size_t mask = slots_.size() - 1;
    for (const Slot& s : old) {  // keys all different: the first free slot, no key read
      if (!s.hash) continue;
      std::size_t i = s.hash & mask;
      while (slots_[i].hash) i = (i + 1) & mask;
      slots_[i] = s;
    }
  }
  const std::uint64_t hash = hash_of(key);
  slots_[position(key, hash)] = Slot{hash, entry};
  ++size_;
}

void ArticleCache::Index::erase(const Key& key) {
  // Backward shift: each slot after the hole that may move into it (its home is not between the
  // hole and it) does, so that no probe stops short of what it looks for.
  const std::size_t mask = slots_.size() - 1;
  std::size_t hole = position(key, hash_of(key));
  for (std::size_t j = (hole + 1) & mask; slots_[j].hash; j = (j + 1) & mask) {
    const std::size_t home = slots_[j].hash & mask;
    if (((j - home) & mask) >= ((j - hole) & mask)) {
      slots_[hole] = slots_[j];
      hole = j;
    }
  }
  slots_[hole] = Slot{};
  --size_;
}

void ArticleCache::Index::clear() {
  slots_.clear();
  size_ = 0;
}

void ArticleCache::erase(Lru::iterator it) {
  if (it->value.article) drop_article(it);
  bytes_ -= it->summary_bytes;
  index_.erase(it->key);
  lru_.erase(it);
}

}  // namespace articles
