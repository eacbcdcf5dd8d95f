#include "core/scan.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <sys/stat.h>
#include <unistd.h>
#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <unordered_set>
#include <vector>

#include "core/text.hpp"

namespace articles {

namespace {

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

class Dir {
 public:
  explicit Dir(DIR* d) : d_(d) {}
  ~Dir() {
    if (d_) ::closedir(d_);
  }
  Dir(const Dir&) = delete;
  Dir& operator=(const Dir&) = delete;
  DIR* get() const { return d_; }

 private:
  DIR* d_;
};

Entry make_entry(std::string raw_path, const struct stat& st) {
  Entry e;
  append_valid_utf8(raw_path, e.path);  // bad bytes of a name show as U+FFFD
  e.raw_path = std::move(raw_path);
  e.bad_name = e.path != e.raw_path;
  e.size = static_cast<std::int64_t>(st.st_size);
  e.mtime = static_cast<std::int64_t>(st.st_mtim.tv_sec);
  e.mtime_nsec = static_cast<std::int64_t>(st.st_mtim.tv_nsec);
  e.device = static_cast<std::uint64_t>(st.st_dev);
  e.inode = static_cast<std::uint64_t>(st.st_ino);
  e.ctime_ns = static_cast<std::int64_t>(st.st_ctim.tv_sec) * 1000000000 +
               static_cast<std::int64_t>(st.st_ctim.tv_nsec);
  return e;
}

std::string display(const std::string& raw) {
  std::string s;
  append_valid_utf8(raw, s);
  return s;
}

// The pattern rule: a glob on the file name, or with a '/' in it, on the relative path.
bool pattern_matches(const std::string& pattern, const std::string& name, const std::string& rel) {
  if (pattern.empty()) return true;
  if (pattern.find('/') != std::string::npos)
    return ::fnmatch(pattern.c_str(), rel.c_str(), FNM_PATHNAME) == 0;
  return ::fnmatch(pattern.c_str(), name.c_str(), 0) == 0;
}

struct Walker {
  const ScanOptions& options;
  Listing& out;

  void walk(int dir_fd, const std::string& prefix, std::size_t depth) {
    Dir dir(::fdopendir(dir_fd));
    if (!dir.get()) {
      ::close(dir_fd);
      ++out.skipped.unreadable_dir;
      return;
    }
    while (dirent* e = ::readdir(dir.get())) {
      std::string name = e->d_name;
      if (name == "." || name == "..") continue;
      if (name[0] == '.') {
        ++out.skipped.hidden;
        continue;
      }
      struct stat st;
      if (::fstatat(::dirfd(dir.get()), e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) continue;
      std::string rel = prefix.empty() ? name : prefix + "/" + name;
      if (S_ISLNK(st.st_mode)) {
        ++out.skipped.symlink;
      } else if (S_ISDIR(st.st_mode)) {
        if (!options.recursive) continue;
        if (depth + 1 > options.max_depth)
          throw ScanError("folder '" + display(rel) + "' is nested deeper than the limit of " +
                          std::to_string(options.max_depth) + " levels");
        int fd = ::openat(::dirfd(dir.get()), e->d_name,
                          O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (fd < 0) {
          ++out.skipped.unreadable_dir;
          continue;
        }
        walk(fd, rel, depth + 1);
      } else if (!S_ISREG(st.st_mode)) {
        ++out.skipped.not_regular;
      } else if (!pattern_matches(options.pattern, name, rel)) {
        ++out.skipped.pattern;
      } else {
        if (out.entries.size() >= options.max_files)
          throw ScanError("the folder holds more than " + std::to_string(options.max_files) +
                          " files (the max_files limit)");
        out.entries.push_back(make_entry(std::move(rel), st));
      }
    }
  }
};

}  // namespace

void check_root(const std::string& root) {
  if (root.empty()) throw ScanError("root is an empty string");
  if (root.find('\0') != std::string::npos) throw ScanError("root contains a NUL character");
  struct stat st;
  if (::stat(root.c_str(), &st) != 0) {
    int err = errno;
    throw ScanError("root '" + root + "' " +
                    (err == ENOENT || err == ENOTDIR
                         ? std::string("does not exist")
                         : "cannot be read: " + std::string(std::strerror(err))));
  }
  if (!S_ISDIR(st.st_mode)) throw ScanError("root '" + root + "' is not a directory");
}

namespace {

// The resolved absolute form of an existing path; the absolute lexical form otherwise.
std::string resolved(const std::string& path) {
  if (char* real = ::realpath(path.c_str(), nullptr)) {
    std::string out(real);
    std::free(real);
    return out;
  }
  std::string abs = path;
  if (abs.empty() || abs[0] != '/') {
    char cwd[PATH_MAX];
    if (::getcwd(cwd, sizeof cwd)) abs = std::string(cwd) + "/" + abs;
  }
  while (abs.size() > 1 && abs.back() == '/') abs.pop_back();
  return abs;
}

}  // namespace

std::vector<std::string> parse_allowed_roots(const std::string& list) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= list.size()) {
    std::size_t end = list.find(':', start);
    if (end == std::string::npos) end = list.size();
    if (end > start) out.push_back(resolved(list.substr(start, end - start)));
    start = end + 1;
  }
  return out;
}

void check_root_allowed(const std::string& root, const std::vector<std::string>& allowed) {
  const std::string real = resolved(root);
  for (const std::string& a : allowed) {
    if (real == a) return;
    if (a == "/" ||
        (real.size() > a.size() && real.compare(0, a.size(), a) == 0 && real[a.size()] == '/'))
      return;
  }
  throw ScanError("root '" + root + "' is outside the folders that SQLITE_ARTICLES_ROOTS allows");
}

bool lookup_entry(const std::string& root, const std::string& path, const ScanOptions& options,
                  std::optional<Entry>* found) {
  check_root(root);
  found->reset();
  if (path.find("\xEF\xBF\xBD") != std::string::npos) return false;
  if (path.empty() || path.find('\0') != std::string::npos || !is_valid_utf8(path)) return true;
  // Split into components; any that a listing would never produce means no such row.
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (;;) {
    std::size_t slash = path.find('/', start);
    std::string part =
        path.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
    if (part.empty() || part[0] == '.') return true;  // also "." and ".."
    parts.push_back(std::move(part));
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  if (!options.recursive && parts.size() > 1) return true;
  if (parts.size() - 1 > options.max_depth) return true;
  int dir = ::open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir < 0) throw ScanError("root '" + root + "' cannot be opened: " + std::strerror(errno));
  Fd holder(dir);
  std::vector<std::unique_ptr<Fd>> chain;  // keeps each folder open while its child is looked at
  int parent = dir;
  for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
    int fd = ::openat(parent, parts[i].c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) return true;  // missing, not a folder, a symlink, or unreadable
    chain.push_back(std::make_unique<Fd>(fd));
    parent = fd;
  }
  struct stat st;
  if (::fstatat(parent, parts.back().c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) return true;
  if (!S_ISREG(st.st_mode)) return true;
  if (!pattern_matches(options.pattern, parts.back(), path)) return true;
  Entry e = make_entry(path, st);
  e.rowid = path_hash(e.path);
  *found = std::move(e);
  return true;
}

std::int64_t path_hash(const std::string& path) {
  std::uint64_t h = 0xcbf29ce484222325ULL;  // FNV-1a 64
  for (unsigned char c : path) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  h += 0x9e3779b97f4a7c15ULL;  // splitmix64 finalizer
  h = (h ^ (h >> 30)) * 0xbf58476d1ce4e5b9ULL;
  h = (h ^ (h >> 27)) * 0x94d049bb133111ebULL;
  h ^= h >> 31;
  return static_cast<std::int64_t>(h & 0x7fffffffffffffffULL);
}

Listing list_directory(const std::string& root, const ScanOptions& options) {
  check_root(root);
  Listing out;
  int fd = ::open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) throw ScanError("root '" + root + "' cannot be opened: " + std::strerror(errno));
  Walker w{options, out};
  w.walk(fd, "", 0);
  std::sort(out.entries.begin(), out.entries.end(), [](const Entry& a, const Entry& b) {
    return a.path != b.path ? a.path < b.path : a.raw_path < b.raw_path;
  });
  // Rowids: the hash of the path; on a collision within the scan, the next free value, taken
  // in path order.
  std::unordered_set<std::int64_t> used;
  used.reserve(out.entries.size() * 2);
  for (auto& e : out.entries) {
    std::int64_t id = path_hash(e.path);
    while (!used.insert(id).second) id = (id + 1) & 0x7fffffffffffffffLL;
    e.rowid = id;
  }
  return out;
}

std::string too_large_error(std::int64_t size, std::int64_t max_size) {
  return "the file is " + std::to_string(size) + " bytes, over the limit of " +
         std::to_string(max_size) + " bytes: not read";
}

FileBytes read_file(const std::string& root, const std::string& raw_path, std::int64_t max_size) {
  FileBytes r;
  std::string full = root;
  if (full.empty() || full.back() != '/') full += '/';
  full += raw_path;
  int fd_raw = ::open(full.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd_raw < 0) {
    int err = errno;
    r.error = err == ENOENT  ? "the file vanished before it could be read"
              : err == ELOOP ? "the file became a symbolic link: not followed"
                             : std::string("cannot open the file: ") + std::strerror(err);
    return r;
  }
  Fd fd(fd_raw);
  struct stat st;
  if (::fstat(fd.get(), &st) != 0) {
    r.error = std::string("cannot stat the file: ") + std::strerror(errno);
    return r;
  }
  if (!S_ISREG(st.st_mode)) {
    r.error = "no longer a regular file: not read";
    return r;
  }
  if (st.st_size > max_size) {
    r.error = too_large_error(static_cast<std::int64_t>(st.st_size), max_size);
    return r;
  }
  // Read to the end, which may lie past st_size if the file grows meanwhile, but never more
  // than the limit.
  const auto limit = static_cast<std::size_t>(max_size);
  std::size_t got = 0;
  r.bytes.resize(std::min(limit, static_cast<std::size_t>(st.st_size)) + 1);
  for (;;) {
    if (got == r.bytes.size()) {
      if (got > limit) {
        r.error = "the file grew past the limit of " + std::to_string(max_size) +
                  " bytes while it was being read: not read";
        r.bytes.clear();
        return r;
      }
      r.bytes.resize(std::min(limit + 1, got * 2));
    }
    ssize_t n = ::read(fd.get(), &r.bytes[got], r.bytes.size() - got);
    if (n < 0) {
      if (errno == EINTR) continue;
      r.error = std::string("read error: ") + std::strerror(errno);
      r.bytes.clear();
      return r;
    }
    if (n == 0) break;
    got += static_cast<std::size_t>(n);
  }
  r.bytes.resize(got);
  // The state of what was read: fstat again, since the file may have grown while being read.
  if (::fstat(fd.get(), &st) == 0) r.stamp = make_entry(std::string(), st).stamp();
  r.ok = true;
  return r;
}

}  // namespace articles
