#include "cache/listings.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

namespace articles {

namespace {

// What changes a listing or the state of a listed file: names coming and going, writes,
// truncation, permissions and times (IN_ATTRIB), and the folder itself moving or going.
constexpr std::uint32_t kMask = IN_MODIFY | IN_ATTRIB | IN_MOVED_FROM | IN_MOVED_TO | IN_CREATE |
                                IN_DELETE | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR;

std::string key_of(const std::string& root, const ScanOptions& o) {
  std::string key = root;
  key += '\0';
  key += o.pattern;
  key += o.nocase ? '\1' : '\0';
  key += std::to_string(o.recursive) + "/" + std::to_string(o.max_depth) + "/" +
         std::to_string(o.max_files);
  return key;
}

bool root_identity(const Root& root, std::uint64_t* device, std::uint64_t* inode) {
  struct stat st;
  if (::fstat(root.fd(), &st) != 0) return false;
  *device = st.st_dev;
  *inode = st.st_ino;
  return true;
}

// Whether inotify reports every change on a file system of type `type` (statfs's f_type).
bool reported_on(unsigned long type) {
  switch (type) {
    case 0xEF53:      // ext2, ext3, ext4
    case 0x58465342:  // XFS
    case 0x9123683E:  // Btrfs
    case 0x01021994:  // tmpfs
    case 0xF2F52010:  // F2FS
    case 0x2FC12FC1:  // ZFS
    case 0x794C7630:  // overlayfs
      return true;
    default:  // NFS, SMB, FUSE, 9p, virtiofs...: a change made elsewhere is not reported
      return false;
  }
}

}  // namespace

std::size_t approx_bytes(const Listing& listing) {
  auto heap = [](const std::string& s) {
    return s.capacity() > 15 ? (s.capacity() + 24) / 16 * 16 : 0;
  };
  std::size_t n = sizeof(Listing) + listing.entries.capacity() * sizeof(Entry);
  for (const Entry& e : listing.entries) n += heap(e.path) + heap(e.raw_path);
  return n;
}

bool changes_are_reported(const std::string& path) {
  struct statfs fs;
  return ::statfs(path.c_str(), &fs) == 0 && reported_on(static_cast<unsigned long>(fs.f_type));
}

ListingCache::~ListingCache() {
  if (fd_ >= 0 && pid_ == ::getpid()) ::close(fd_);
  if (mounts_fd_ >= 0 && pid_ == ::getpid()) ::close(mounts_fd_);
}

ListingCache& process_listings() {
  static ListingCache cache(ListingCache::kMaxBytes, 1);
  return cache;
}

bool ListingCache::ready() {
  if (fd_ >= 0 && pid_ != ::getpid()) {  // forked: the instance is shared with the parent
    ::close(fd_);
    fd_ = -1;
    if (mounts_fd_ >= 0) ::close(mounts_fd_);
    mounts_fd_ = -1;
    records_.clear();
    users_.clear();
  }
  if (fd_ < 0) {
    fd_ = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    pid_ = ::getpid();
    // inotify says nothing of mounts: the mount table, polled, does. Opening it arms the poll.
    mounts_fd_ = fd_ >= 0 ? ::open("/proc/self/mountinfo", O_RDONLY | O_CLOEXEC) : -1;
    if (mounts_fd_ < 0 && fd_ >= 0) {  // without it a mount below a root would go unseen
      ::close(fd_);
      fd_ = -1;
    }
  }
  return fd_ >= 0;
}

bool ListingCache::mounts_changed() {
  pollfd p{mounts_fd_, POLLPRI, 0};
  return ::poll(&p, 1, 0) != 0 && (p.revents & (POLLPRI | POLLERR | POLLNVAL)) != 0;
}

ListingCache::Records::iterator ListingCache::find_id(std::uint64_t id) {
  return std::find_if(records_.begin(), records_.end(),
                      [id](const Record& r) { return r.id == id; });
}

void ListingCache::drain() {
  if (mounts_changed()) {  // a mount anywhere, below a root or not: trust no listing
    for (Record& r : records_) r.changed = true;
  }
  alignas(inotify_event) char buf[16384];
  for (;;) {
    ssize_t n = ::read(fd_, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && errno != EAGAIN) {  // the queue cannot be read: trust no listing
      for (Record& r : records_) r.changed = true;
    }
    if (n <= 0) break;
    for (char* p = buf; p < buf + n;) {
      const auto* ev = reinterpret_cast<const inotify_event*>(p);
      p += sizeof(inotify_event) + ev->len;
      if (ev->mask & IN_Q_OVERFLOW) {  // events were lost
        for (Record& r : records_) r.changed = true;
        continue;
      }
      auto u = users_.find(ev->wd);
      if (u == users_.end()) continue;
      for (std::uint64_t id : u->second) {
        auto it = find_id(id);
        if (it != records_.end()) it->changed = true;
      }
      if (ev->mask & IN_IGNORED) users_.erase(u);  // the kernel removed the watch
    }
  }
  for (auto it = records_.begin(); it != records_.end();) {
    auto next = std::next(it);
    if (it->listing && it->changed) {
      ++changes_;
      drop(it);
    }
    it = next;
  }
}

void ListingCache::drop(Records::iterator it) {
  for (int wd : it->watches) {
    auto u = users_.find(wd);
    if (u == users_.end()) continue;
    auto& ids = u->second;
    auto pos = std::find(ids.begin(), ids.end(), it->id);
    if (pos == ids.end()) continue;
    ids.erase(pos);
    if (ids.empty()) {
      if (fd_ >= 0) ::inotify_rm_watch(fd_, wd);
      users_.erase(u);
    }
  }
  records_.erase(it);
}

void ListingCache::watch(std::uint64_t id, int folder_fd) {
  const std::string path = "/proc/self/fd/" + std::to_string(folder_fd);
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = find_id(id);
  if (it == records_.end()) return;  // cleared while its walk ran
  struct statfs fs;  // a folder below the root may be a mount of another file system
  const bool reported =
      ::fstatfs(folder_fd, &fs) == 0 && reported_on(static_cast<unsigned long>(fs.f_type));
  const int wd = fd_ >= 0 && reported ? ::inotify_add_watch(fd_, path.c_str(), kMask) : -1;
  if (wd < 0) {  // the watch limit, no /proc, a mount inotify cannot vouch for: not kept
    it->unwatched = true;
    return;
  }
  auto& ids = users_[wd];
  if (std::find(ids.begin(), ids.end(), id) == ids.end()) {
    ids.push_back(id);
    it->watches.push_back(wd);
  }
}

std::shared_ptr<const Listing> ListingCache::list(const Root& root, const ScanOptions& options,
                                                  bool keep, bool* reused,
                                                  const std::function<void()>& on_walk) {
  *reused = false;
  keep = keep && !options.follow_symlinks && changes_are_reported(root.path());
  const std::string key = keep ? key_of(root.path(), options) : std::string();
  std::uint64_t id = 0, device = 0, inode = 0;
  if (keep && root_identity(root, &device, &inode)) {
    std::lock_guard<std::mutex> lock(mutex_);
    const bool has_record = std::any_of(records_.begin(), records_.end(),
                                        [&](const Record& r) { return r.key == key; });
    if ((has_record || walked_enough(key, device, inode)) && ready()) {
      drain();
      for (auto it = records_.begin(); it != records_.end(); ++it) {
        if (it->key != key || !it->listing) continue;
        if (it->root_device == device && it->root_inode == inode) {
          records_.splice(records_.begin(), records_, it);
          ++hits_;
          *reused = true;
          return it->listing;
        }
        drop(it);  // the root path now names another folder
        break;
      }
      id = next_id_++;
      records_.push_front(Record{key, id, nullptr, 0, device, inode, {}, false, false});
    }
  }
  ScanOptions o = options;
  if (id) o.on_folder = [this, id](int folder_fd) { watch(id, folder_fd); };
  std::shared_ptr<const Listing> listing;
  if (on_walk) on_walk();
  try {
    listing = std::make_shared<const Listing>(list_directory(root, o));
  } catch (...) {
    std::lock_guard<std::mutex> lock(mutex_);
    ++misses_;
    if (id) {
      auto it = find_id(id);
      if (it != records_.end()) drop(it);
    }
    throw;
  }
  std::lock_guard<std::mutex> lock(mutex_);
  ++misses_;
  if (!id) return listing;
  auto it = find_id(id);
  if (it == records_.end()) return listing;
  if (fd_ >= 0) drain();
  if (it->changed || it->unwatched || listing->hard_links) {
    drop(it);
    return listing;
  }
  it->listing = listing;
  it->bytes = approx_bytes(*listing);
  // One listing per key; the most recently used within the limits.
  std::size_t count = 1, bytes = it->bytes;
  for (auto r = records_.begin(); r != records_.end();) {
    auto next = std::next(r);
    if (r != it && r->listing) {
      if (r->key == key || count + 1 > kMaxListings || bytes + r->bytes > max_bytes_) {
        drop(r);
      } else {
        ++count;
        bytes += r->bytes;
      }
    }
    r = next;
  }
  if (it->bytes > max_bytes_) drop(it);
  return listing;
}

bool ListingCache::walked_enough(const std::string& key, std::uint64_t device,
                                 std::uint64_t inode) {
  auto it = std::find_if(walked_.begin(), walked_.end(), [&](const Walked& w) {
    return w.key == key && w.device == device && w.inode == inode;
  });
  if (it == walked_.end()) {
    if (walks_before_keeping_ == 0) return true;
    walked_.push_front(Walked{key, device, inode, 0});
    it = walked_.begin();
    if (walked_.size() > 4 * kMaxListings) walked_.pop_back();
  }
  walked_.splice(walked_.begin(), walked_, it);  // remembered (a root kept once stays kept)
  if (it->walks >= walks_before_keeping_) return true;
  ++it->walks;
  return false;
}

void ListingCache::clear() {
  std::lock_guard<std::mutex> lock(mutex_);
  for (auto it = records_.begin(); it != records_.end();) {
    auto next = std::next(it);
    if (it->listing) drop(it);  // a walk still running keeps what it lists
    it = next;
  }
}

ListingStats ListingCache::stats() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (fd_ >= 0 && pid_ == ::getpid()) drain();
  ListingStats s;
  for (const Record& r : records_)
    if (r.listing) {
      ++s.kept;
      s.files += r.listing->entries.size();
      s.bytes += r.bytes;
    }
  s.watches = users_.size();
  s.hits = hits_;
  s.misses = misses_;
  s.changes = changes_;
  return s;
}

}  // namespace articles
