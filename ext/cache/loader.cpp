#include "cache/loader.hpp"

#include <algorithm>
#include <functional>
#include <string_view>

#include "core/sys.hpp"

namespace articles {

namespace {

std::string_view file_name(const Entry& entry) {
  return std::string_view(entry.path).substr(entry.path.rfind('/') + 1);
}

std::uint64_t variant_of(std::string_view name, const ParseOptions& options) {
  return options.cache_variant() ^ std::hash<std::string_view>()(name);
}

}  // namespace

std::uint64_t variant_of(const Entry& entry, const ParseOptions& options) {
  return variant_of(file_name(entry), options);
}

std::uint64_t fuller_variant(std::uint64_t variant, const ParseOptions& options) {
  return options.read_text ? variant : variant ^ ParseOptions::kWithoutText;
}

Cached load_article(ArticleCache& cache, const Root& root, const Entry& entry,
                    std::int64_t max_size, const ParseOptions& options, Need need,
                    std::string* error, LoadCounts& counts) {
  if (entry.size > max_size) {  // known from the listing: neither cached nor read
    *error = too_large_error(entry.size, max_size);
    return {};
  }
  ++counts.loaded;
  const std::string_view name = file_name(entry);
  const std::uint64_t variant = variant_of(name, options);
  const std::uint64_t fuller = fuller_variant(variant, options);
  std::uint64_t hit_variant = variant;
  Cached hit = cache.find(entry.stamp(), variant, fuller, need, &hit_variant);
  if (hit && !hit.provisional) return hit;
  ++counts.read;
  const FileStamp listed = entry.stamp();
  FileBytes f = read_file(root, entry.raw_path, max_size, entry.via_symlink, &listed);
  if (!f.ok) {
    *error = f.error;
    return {};
  }
  // Not settled: a write may be under way, or the next one may keep the stamp. The bytes'
  // hash tells a later read whether they are still the same.
  const std::uint64_t content =
      hit || !f.settled ? std::hash<std::string_view>()(f.bytes) : std::uint64_t{0};
  if (hit && f.stamp == entry.stamp() && content == hit.content) {
    cache.confirm(f.stamp, hit_variant, f.settled);
    hit.provisional = !f.settled;
    return hit;
  }
  auto article = std::make_shared<const Article>(parse_article(f.bytes, options, name));
  // A file that the reading of plain text never looks at parsed the same as with it.
  const std::uint64_t stored = article->format != Format::Plain ? fuller : variant;
  Cached parsed{std::make_shared<const Summary>(*article, options.schema.get()),
                need == Need::Article ? std::move(article) : nullptr, !f.settled, content};
  cache.insert(f.stamp, parsed, stored);
  parsed.fresh = true;
  parsed.stamp = f.stamp;
  parsed.variant = stored;
  return parsed;
}

unsigned WorkerBudget::acquire(unsigned wanted) {
  const unsigned cap = sys::usable_cpus();
  std::lock_guard<std::mutex> lock(mutex_);
  const unsigned granted = in_use_ >= cap ? 0 : std::min(wanted, cap - in_use_);
  in_use_ += granted;
  return granted;
}

void WorkerBudget::release(unsigned count) {
  std::lock_guard<std::mutex> lock(mutex_);
  in_use_ -= std::min(count, in_use_);
}

unsigned WorkerBudget::in_use() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return in_use_;
}

WorkerBudget& process_workers() {
  static WorkerBudget budget;
  return budget;
}

Cached cached_article(ArticleCache& cache, const Entry& entry, const ParseOptions& options,
                      Need need, LoadCounts& counts) {
  const std::uint64_t variant = variant_of(file_name(entry), options);
  Cached hit = cache.probe(entry.stamp(), variant, fuller_variant(variant, options), need);
  if (hit) ++counts.loaded;
  return hit;
}

Prefetcher::Prefetcher(ArticleCache& cache, Root root, const std::vector<Entry>& entries,
                       std::int64_t max_size, const ParseOptions& options, Need need,
                       unsigned threads, std::size_t window, LoadCounts& counts, std::size_t first)
    : cache_(cache),
      root_(std::move(root)),
      entries_(entries),
      max_size_(max_size),
      options_(options),
      need_(need),
      window_(window < 1 ? 1 : window),
      counts_(counts),
      slots_(entries.size()),
      next_(first),
      reader_(first) {
  granted_ = threads ? process_workers().acquire(threads) : 0;
  try {
    for (unsigned t = 0; t < granted_; ++t) workers_.emplace_back([this] { work(); });
  } catch (...) {  // no more threads: those started, or the reader alone, do the work
    std::lock_guard<std::mutex> lock(mutex_);
    if (workers_.empty()) stop_ = true;
  }
}

Prefetcher::~Prefetcher() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  wake_workers_.notify_all();
  for (auto& w : workers_) w.join();
  process_workers().release(granted_);
}

void Prefetcher::load(std::size_t i) {
  std::string error;
  Cached loaded;
  try {
    loaded = load_article(cache_, root_, entries_[i], max_size_, options_, need_, &error, counts_);
  } catch (const std::exception& e) {  // std::bad_alloc included: this file's row says so
    error = std::string("cannot load the file: ") + e.what();
  }
  std::lock_guard<std::mutex> lock(mutex_);
  Slot& s = slots_[i];
  s.loaded = std::move(loaded);
  s.error = std::move(error);
  s.state = Slot::kDone;
  if (i == awaited_) slot_done_.notify_one();  // only the reader waits, and for one slot
}

void Prefetcher::work() {
  std::unique_lock<std::mutex> lock(mutex_);
  for (;;) {
    if (!stop_ && !claimable()) {
      ++idle_;
      wake_workers_.wait(lock, [this] { return stop_ || claimable(); });
      --idle_;
    }
    if (stop_) return;
    std::size_t i = next_++;
    slots_[i].state = Slot::kLoading;
    lock.unlock();
    load(i);
    lock.lock();
  }
}

bool Prefetcher::claimable() const {
  return next_ < slots_.size() && next_ < reader_ + window_;
}

Cached Prefetcher::take(std::size_t i, std::string* error) {
  std::unique_lock<std::mutex> lock(mutex_);
  for (std::size_t k = reader_; k < i && k < slots_.size(); ++k) {  // release what was read
    slots_[k].loaded = {};
    slots_[k].error.clear();
  }
  reader_ = i;
  // Idle workers wait until half the window is free again: woken at every row, they would
  // sleep and wake once per file.
  if (idle_ > 0 && next_ < slots_.size() && next_ <= reader_ + window_ / 2)
    wake_workers_.notify_all();
  Slot& s = slots_[i];
  if (s.state == Slot::kPending && next_ <= i) next_ = i + 1;
  // While a worker loads slot i, the reader loads the next free slot rather than sleep: a
  // wake-up per file costs more than the work it waits for.
  while (s.state != Slot::kDone) {
    std::size_t k = i;
    if (s.state != Slot::kPending) {
      if (!claimable()) break;
      k = next_++;
    }
    slots_[k].state = Slot::kLoading;
    lock.unlock();
    load(k);
    lock.lock();
  }
  awaited_ = i;
  slot_done_.wait(lock, [&] { return s.state == Slot::kDone; });
  awaited_ = SIZE_MAX;
  *error = s.error;
  return s.loaded;
}

}  // namespace articles
