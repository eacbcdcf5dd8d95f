// Listings of folders kept between scans for as long as the kernel reports no change below them
// (inotify), so that a warm scan neither reads folders nor stats files. No SQLite here.
//
//   ListingCache& listings = process_listings();
//   bool reused;
//   std::shared_ptr<const Listing> l = listings.list("/data/news", options, true, &reused);
//
// A listing is kept only when every folder of its walk is watched, no followed symlink is
// involved, no listed file has a second name (a hard link changed through its other name would
// go unreported), and every folder of the walk is on a local file system whose changes the
// kernel reports (ext2/3/4, XFS, Btrfs, tmpfs, F2FS, ZFS, overlayfs); anything else is listed
// afresh on every scan, as without this cache. A mount or unmount anywhere (which inotify does
// not report) drops every kept listing: the mount table is polled before each reuse. Thread-safe; a
// process forked after a listing was kept starts its own watches.
#pragma once

#include <cstdint>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/scan.hpp"

namespace articles {

struct ListingStats {
  std::size_t kept = 0;      // listings held now
  std::size_t files = 0;     // files in them
  std::size_t bytes = 0;     // the memory they hold, estimated
  std::size_t watches = 0;   // folders watched now
  std::int64_t hits = 0;     // scans served by a kept listing
  std::int64_t misses = 0;   // scans that listed the folder
  std::int64_t changes = 0;  // kept listings dropped because something below them changed
};

class ListingCache {
 public:
  static constexpr std::size_t kMaxListings = 16;
  static constexpr std::size_t kMaxBytes = 64u * 1024 * 1024;  // over all kept listings

  // `walks_before_keeping`: the walks of a root (its key) made before the one whose listing is
  // kept. process_listings() keeps from the second walk: a process that scans a folder once (a
  // script, a shell command) never watches it, for watches cost it at the exit too (the
  // kernel's release of an inotify instance waits for a grace period, ~15 ms).
  explicit ListingCache(std::size_t max_bytes = kMaxBytes, int walks_before_keeping = 0)
      : max_bytes_(max_bytes), walks_before_keeping_(walks_before_keeping) {}
  ~ListingCache();
  ListingCache(const ListingCache&) = delete;
  ListingCache& operator=(const ListingCache&) = delete;

  // The listing of `root` with `options`, as list_directory gives
  // it: kept from an earlier scan when nothing was reported to change below it since (then
  // `*reused` is set), else listed now, and kept when `keep` and it can be watched; `on_walk`,
  // when given, is called just before a walk (never when a kept listing serves). Throws as
  // list_directory does.
  std::shared_ptr<const Listing> list(const Root& root, const ScanOptions& options, bool keep,
                                      bool* reused, const std::function<void()>& on_walk = {});

  void clear();
  ListingStats stats();

 private:
  struct Record {
    std::string key;
    std::uint64_t id;
    std::shared_ptr<const Listing> listing;  // null while its walk runs
    std::size_t bytes = 0;                   // the listing's memory, estimated
    std::uint64_t root_device, root_inode;
    std::vector<int> watches;
    bool changed = false;    // something below it changed (while its walk ran, or since)
    bool unwatched = false;  // a folder could not be watched
  };
  using Records = std::list<Record>;  // front: most recently used

  bool ready();                     // REQUIRES: mutex_ held
  void drain();                     // REQUIRES: mutex_ held
  bool mounts_changed();            // since the last call. REQUIRES: mutex_ held, ready()
  void drop(Records::iterator it);  // REQUIRES: mutex_ held
  void watch(std::uint64_t id, int folder_fd);
  Records::iterator find_id(std::uint64_t id);  // REQUIRES: mutex_ held
  // Whether a walk of `key` at the root (device, inode) is to be kept: after
  // walks_before_keeping_ walks of it, counted here for the latest roots. REQUIRES: mutex_ held
  bool walked_enough(const std::string& key, std::uint64_t device, std::uint64_t inode);

  std::mutex mutex_;
  int fd_ = -1;         // the inotify instance, one for the process
  int mounts_fd_ = -1;  // /proc/self/mountinfo, polled for mounts and unmounts
  long pid_ = 0;        // the process that made it
  Records records_;
  std::unordered_map<int, std::vector<std::uint64_t>> users_;  // watch -> records using it
  std::uint64_t next_id_ = 1;
  const std::size_t max_bytes_;
  const int walks_before_keeping_;
  struct Walked {
    std::string key;
    std::uint64_t device, inode;
    int walks;
  };
  std::list<Walked> walked_;  // the roots walked lately; front: the latest
  std::int64_t hits_ = 0, misses_ = 0, changes_ = 0;
};

// An estimate of the memory a listing holds.
std::size_t approx_bytes(const Listing& listing);

// The one listing cache of the process.
ListingCache& process_listings();

// Whether changes to files on the file system holding `path` are reported by inotify for
// every writer (a local file system): the file systems listed at the top of this file.
bool changes_are_reported(const std::string& path);

}  // namespace articles
