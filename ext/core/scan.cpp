#include "core/scan.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <condition_variable>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <system_error>
#include <thread>
#include <unordered_set>
#include <vector>

#include "core/glob.hpp"
#include "core/sys.hpp"
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

void set_stat(Entry& e, const struct stat& st) {
  e.size = static_cast<std::int64_t>(st.st_size);
  e.mtime = static_cast<std::int64_t>(st.st_mtim.tv_sec);
  e.mtime_nsec = static_cast<std::int64_t>(st.st_mtim.tv_nsec);
  e.device = static_cast<std::uint64_t>(st.st_dev);
  e.inode = static_cast<std::uint64_t>(st.st_ino);
  e.ctime_ns = static_cast<std::int64_t>(st.st_ctim.tv_sec) * 1000000000 +
               static_cast<std::int64_t>(st.st_ctim.tv_nsec);
}

Entry make_entry(std::string raw_path) {
  Entry e;
  append_valid_utf8(raw_path, e.path);  // bad bytes of a name show as U+FFFD
  e.raw_path = std::move(raw_path);
  e.bad_name = e.path != e.raw_path;
  return e;
}

Entry make_entry(std::string raw_path, const struct stat& st) {
  Entry e = make_entry(std::move(raw_path));
  set_stat(e, st);
  return e;
}

std::string display(const std::string& raw) {
  std::string s;
  append_valid_utf8(raw, s);
  return s;
}

// How a folder is named in errors: its relative path, or '.' for the root.
std::string folder_name(const std::string& rel) {
  return rel.empty() ? "." : display(rel);
}

}  // namespace

bool binary_extension(std::string_view name) {
  static const std::unordered_set<std::string_view> kExtensions = {
      // images
      "png", "jpg", "jpeg", "gif", "webp", "ico", "bmp", "tif", "tiff", "heic", "heif", "avif",
      "jxl", "psd", "ai", "sketch", "xcf", "svgz", "raw", "cr2", "nef", "dng",
      // audio and video
      "mp3", "m4a", "wav", "ogg", "oga", "opus", "flac", "aac", "wma", "aiff", "mid", "midi", "mp4",
      "m4v", "webm", "mov", "avi", "mkv", "flv", "wmv", "mpg", "mpeg", "3gp",
      // fonts
      "woff", "woff2", "ttf", "otf", "eot",
      // archives and packages
      "zip", "gz", "tgz", "bz2", "xz", "zst", "lz", "lz4", "lzma", "7z", "rar", "tar", "cab", "iso",
      "img", "dmg", "deb", "rpm", "apk", "msi", "jar", "whl", "epub", "mobi",
      // office documents and PDFs
      "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "odp", "odg",
      // executables, libraries, object code
      "exe", "dll", "so", "dylib", "bin", "class", "wasm", "o", "a", "lib", "obj", "pyc", "pyo",
      // databases and other binary data
      "sqlite", "sqlite3", "db", "pak", "swf", "blend", "fbx", "glb"};
  const std::size_t dot = name.rfind('.');
  if (dot == std::string_view::npos || dot == 0 || name.size() - dot - 1 > 8) return false;
  char ext[8];
  std::size_t n = 0;
  for (char c : name.substr(dot + 1))
    ext[n++] = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  return kExtensions.count(std::string_view(ext, n)) > 0;
}

namespace {

// The patterns of a scan; a bad one is a scan error.
Patterns patterns_of(const ScanOptions& options) {
  try {
    return Patterns::parse(options.pattern, options.nocase);
  } catch (const std::invalid_argument& e) {
    throw ScanError("pattern '" + options.pattern + "': " + e.what());
  }
}

// True when the resolved path `real` is the resolved folder `folder` or lies inside it.
bool inside(const std::string& real, const std::string& folder) {
  if (real == folder || folder == "/") return true;
  return real.size() > folder.size() && real.compare(0, folder.size(), folder) == 0 &&
         real[folder.size()] == '/';
}

// The path that the open descriptor `fd` names, as the kernel reports it; empty when /proc
// cannot tell.
std::string fd_path(int fd) {
  char buf[PATH_MAX];
  const std::string link = "/proc/self/fd/" + std::to_string(fd);
  ssize_t n = ::readlink(link.c_str(), buf, sizeof buf);
  if (n <= 0 || static_cast<std::size_t>(n) >= sizeof buf) return std::string();
  return std::string(buf, static_cast<std::size_t>(n));
}

// The resolved path of `path`, or nothing with errno set.
std::optional<std::string> real_path(const std::string& path) {
  char* real = ::realpath(path.c_str(), nullptr);
  if (!real) return std::nullopt;
  std::string out(real);
  std::free(real);
  return out;
}

// The regular files of one folder, stat'ed after its names are read: by helper threads while
// the walk goes on (a stat is most of a listing's time, and stats of different folders run in
// parallel on every file system tried), or by the walk itself.
struct StatBatch {
  struct Result {
    int error = 0;  // the stat's errno; 0: `st` holds what it gave
    struct stat st;
  };
  std::unique_ptr<Dir> dir;  // open until the stats are made
  std::string rel;           // the folder, below the root
  std::size_t depth = 0;
  bool counted_unreadable = false;  // the walk's own stat of a file of it was refused
  std::vector<std::string> names;
  std::vector<std::size_t> rows;  // each name's entry in the listing
  std::vector<Result> results;

  void run() {
    results.resize(names.size());
    for (std::size_t i = 0; i < names.size(); ++i)
      if (sys::stat_at(::dirfd(dir->get()), names[i].c_str(), &results[i].st,
                       AT_SYMLINK_NOFOLLOW) != 0)
        results[i].error = errno;
    dir.reset();
    std::vector<std::string>().swap(names);
  }
};

// Runs the batches a walk hands over on helper threads; the walk runs a batch itself when too
// many wait (each holds its folder open), or when no helper could be started.
class StatPool {
 public:
  explicit StatPool(unsigned helpers) {
    try {
      for (unsigned i = 0; i < helpers; ++i) helpers_.emplace_back([this] { help(); });
    } catch (const std::system_error&) {  // no more threads to be had: those there are do
    }
  }
  StatPool(const StatPool&) = delete;
  StatPool& operator=(const StatPool&) = delete;
  ~StatPool() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      queue_.clear();  // a walk that failed: what waits is not needed
      closing_ = true;
    }
    wake_.notify_all();
    for (auto& t : helpers_) t.join();
  }

  void submit(std::unique_ptr<StatBatch> batch) {
    StatBatch* own = batch.get();
    {
      std::lock_guard<std::mutex> lock(mutex_);
      batches_.push_back(std::move(batch));
      if (!helpers_.empty()) {
        queue_.push_back(own);
        own = queue_.size() > kMaxWaiting ? pop() : nullptr;
      }
    }
    if (!own) {
      wake_.notify_one();
      return;
    }
    own->run();
    if (!helpers_.empty()) finished();
  }

  // Runs what waits, waits for the helpers, and gives every batch back, stats made.
  std::vector<std::unique_ptr<StatBatch>> finish() {
    for (;;) {
      StatBatch* b = nullptr;
      {
        std::lock_guard<std::mutex> lock(mutex_);
        if (queue_.empty()) break;
        b = pop();
      }
      b->run();
      finished();
    }
    std::unique_lock<std::mutex> lock(mutex_);
    done_.wait(lock, [this] { return running_ == 0; });
    return std::move(batches_);
  }

 private:
  static constexpr std::size_t kMaxWaiting = 16;  // batches (open folders)

  StatBatch* pop() {  // REQUIRES: mutex_ held, queue_ not empty
    StatBatch* b = queue_.front();
    queue_.pop_front();
    ++running_;
    return b;
  }

  void finished() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (--running_ == 0) done_.notify_all();
  }

  void help() {
    std::unique_lock<std::mutex> lock(mutex_);
    for (;;) {
      wake_.wait(lock, [this] { return closing_ || !queue_.empty(); });
      if (queue_.empty()) return;
      StatBatch* b = pop();
      lock.unlock();
      b->run();
      lock.lock();
      if (--running_ == 0) done_.notify_all();
    }
  }

  std::mutex mutex_;
  std::condition_variable wake_, done_;
  std::deque<StatBatch*> queue_;
  std::vector<std::unique_ptr<StatBatch>> batches_;
  std::size_t running_ = 0;  // batches being run
  bool closing_ = false;
  std::vector<std::thread> helpers_;
};

struct Walker {
  const ScanOptions& options;
  Listing& out;
  Patterns patterns;
  std::string root_real;  // the resolved root, when symlinks are followed
  std::vector<std::pair<dev_t, ino_t>> open_folders;  // the folders being walked, outermost first
  std::size_t folders = 0;
  // Where the stats of regular files go once a walk has found enough of them, made by helper
  // threads while the walk goes on (not when symlinks are followed: a file found to be a
  // symlink is followed where it is found). Empty until then: each is made in turn.
  std::optional<StatPool> pool;
  bool pool_decided = false;
  // The entries came out in byte order of their paths: no name that is not UTF-8 (its repaired
  // path sorts elsewhere), no entry the folder did not type (a folder sorted as a file).
  bool in_order = true;

  // Lists the folder open as `dir_fd` (owned from here on), at `rel` below the root and `depth`
  // levels down. When symlinks are followed, `real` is its resolved path and `linked` says that
  // a followed symlink led to it.
  void walk(int dir_fd, const std::string& rel, std::size_t depth, const std::string& real,
            bool linked) {
    if (++folders > options.max_files)
      throw ScanError("the folder holds more than " + std::to_string(options.max_files) +
                      " folders (the max_files limit)");
    auto dir = std::make_unique<Dir>(sys::open_dir(dir_fd));
    if (!dir->get()) {
      const int err = errno;
      ::close(dir_fd);
      if (depth > 0 && err == EACCES) {
        ++out.skipped.unreadable_dir;
        return;
      }
      throw ScanError("cannot read folder '" + folder_name(rel) + "': " + std::strerror(err));
    }
    if (options.on_folder) options.on_folder(::dirfd(dir->get()));
    if (options.follow_symlinks) {
      struct stat st;
      if (::fstat(::dirfd(dir->get()), &st) != 0)
        throw ScanError("cannot read folder '" + folder_name(rel) + "': " + std::strerror(errno));
      open_folders.emplace_back(st.st_dev, st.st_ino);
    }
    // The names first, then in order (a folder's name as if it ended in '/'): the walk then
    // lists the files in byte order of their paths, and the listing needs no sort of its own.
    std::vector<std::pair<std::string, unsigned char>> names;
    for (;;) {
      const dirent* e = sys::read_dir(dir->get());
      if (!e) {
        if (errno != 0)
          throw ScanError("cannot read folder '" + folder_name(rel) + "': " + std::strerror(errno));
        break;
      }
      if (e->d_name[0] == '.') {
        if (std::strcmp(e->d_name, ".") != 0 && std::strcmp(e->d_name, "..") != 0)
          ++out.skipped.hidden;
        continue;
      }
      names.emplace_back(e->d_name, e->d_type);
    }
    std::sort(names.begin(), names.end(), [](const auto& a, const auto& b) {
      const std::size_t n = std::min(a.first.size(), b.first.size());
      const int c = std::memcmp(a.first.data(), b.first.data(), n);
      if (c != 0) return c < 0;
      // One name begins the other: the shorter goes first, unless a folder's '/' follows it.
      auto next = [n](const auto& e) -> int {
        return n < e.first.size()   ? static_cast<unsigned char>(e.first[n])
               : e.second == DT_DIR ? '/'
                                    : -1;
      };
      return next(a) < next(b);
    });
    std::unique_ptr<StatBatch> batch;
    bool unsearchable = false;  // counted as unreadable: a stat of one of its files was refused
    for (auto& [name, type] : names) {
      std::string child = rel.empty() ? name : rel + "/" + name;
      // The type the folder gives spares the stat where it settles the entry: a folder (opened
      // without following links, so a swap since is caught there), a symlink, what is neither
      // file nor folder, a file the filters leave out. Unknown (some file systems): stat.
      switch (type) {
        case DT_DIR:
          descend(dir->get(), name, child, depth, real, linked);
          continue;
        case DT_LNK:
          symlink_entry(name, std::move(child), depth, real);
          continue;
        case DT_REG:
          if (filtered_out(name, child)) continue;
          if (parallel()) {
            if (!batch) {
              batch = std::make_unique<StatBatch>();
              batch->rel = rel;
              batch->depth = depth;
            }
            defer(*batch, std::move(name), std::move(child));
            continue;
          }
          break;
        case DT_UNKNOWN:
          in_order = false;
          break;
        default:
          ++out.skipped.not_regular;
          continue;
      }
      struct stat st;
      if (sys::stat_at(::dirfd(dir->get()), name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
        const int err = errno;
        if (counted_stat_error(err, depth, &unsearchable)) continue;
        throw ScanError("cannot read folder '" + folder_name(rel) + "': " + std::strerror(err));
      }
      if (S_ISLNK(st.st_mode))
        symlink_entry(name, std::move(child), depth, real);
      else if (S_ISDIR(st.st_mode))
        descend(dir->get(), name, child, depth, real, linked);
      else
        add_file(name, std::move(child), st, linked, type == DT_REG);
    }
    if (options.follow_symlinks) open_folders.pop_back();
    if (batch && !batch->rows.empty()) {
      batch->dir = std::move(dir);
      batch->counted_unreadable = unsearchable;
      pool->submit(std::move(batch));
    }
  }

  // Whether the stats of files are left to helpers: decided once the walk has found enough files
  // to be worth threads (a few hundred), when more than one may run.
  bool parallel() {
    constexpr std::size_t kParallelAt = 256;
    if (pool_decided || options.follow_symlinks || out.entries.size() < kParallelAt)
      return pool.has_value();
    pool_decided = true;
    const unsigned threads = options.threads ? options.threads : sys::usable_cpus();
    if (threads > 1 + options.busy_beside) pool.emplace(threads - 1 - options.busy_beside);
    return pool.has_value();
  }

  // Lists the regular file `name` of the folder `batch` is for, as `child`, its stat to come.
  void defer(StatBatch& batch, std::string name, std::string child) {
    list_entry(std::move(child));
    batch.rows.push_back(out.entries.size() - 1);
    batch.names.push_back(std::move(name));
  }

  // Lists the file `child`, its stat still to be recorded.
  Entry& list_entry(std::string child) {
    check_file_count();
    out.entries.push_back(make_entry(std::move(child)));
    if (out.entries.back().bad_name) in_order = false;
    return out.entries.back();
  }

  // Gives a listed file what its stat found.
  void record_stat(Entry& e, const struct stat& st) {
    set_stat(e, st);
    if (st.st_nlink > 1) out.hard_links = true;
  }

  // A refused stat of an entry `depth` folders down that loses nothing: one deleted since its
  // folder was read (vanished), or in a folder that can be listed but not searched (counted once
  // per folder, `*unsearchable` saying whether it was). False: the listing stops.
  bool counted_stat_error(int err, std::size_t depth, bool* unsearchable) {
    if (err == ENOENT) {
      ++out.skipped.vanished;
      return true;
    }
    if (err == EACCES && depth > 0) {
      if (!*unsearchable) ++out.skipped.unreadable_dir;
      *unsearchable = true;
      return true;
    }
    return false;
  }

  void check_file_count() const {
    if (out.entries.size() >= options.max_files)
      throw ScanError("the folder holds more than " + std::to_string(options.max_files) +
                      " files (the max_files limit)");
  }

  // Gives the deferred entries what their stats found: a regular file keeps its entry; one gone
  // since its folder was read (or replaced by a folder, whose names the walk did not read) is
  // counted as vanished, one replaced by a symlink or by what is not a file is counted so; a
  // folder that can be listed but not searched, once. Any other error stops the listing, the
  // first entry's in path order.
  void settle(const std::vector<std::unique_ptr<StatBatch>>& batches) {
    std::vector<bool> dropped(out.entries.size(), false);
    std::size_t failed_row = out.entries.size();
    const StatBatch* failed = nullptr;
    int failure = 0;
    for (const auto& batch : batches) {
      bool unsearchable = batch->counted_unreadable;
      for (std::size_t i = 0; i < batch->rows.size(); ++i) {
        const StatBatch::Result& r = batch->results[i];
        const std::size_t row = batch->rows[i];
        if (r.error == 0 && S_ISREG(r.st.st_mode)) {
          record_stat(out.entries[row], r.st);
          continue;
        }
        dropped[row] = true;
        if (r.error == 0) {
          ++(S_ISLNK(r.st.st_mode)   ? out.skipped.symlink
             : S_ISDIR(r.st.st_mode) ? out.skipped.vanished
                                     : out.skipped.not_regular);
        } else if (!counted_stat_error(r.error, batch->depth, &unsearchable) && row < failed_row) {
          failed_row = row;
          failed = batch.get();
          failure = r.error;
        }
      }
    }
    if (failed)
      throw ScanError("cannot read folder '" + folder_name(failed->rel) +
                      "': " + std::strerror(failure));
    std::size_t kept = 0;
    for (std::size_t i = 0; i < out.entries.size(); ++i)
      if (!dropped[i]) {
        if (kept != i) out.entries[kept] = std::move(out.entries[i]);
        ++kept;
      }
    out.entries.resize(kept);
  }

  // The symlink `name` (in the folder whose resolved path is `real`), listed as `child`:
  // followed when symlinks are, else counted.
  void symlink_entry(const std::string& name, std::string child, std::size_t depth,
                     const std::string& real) {
    if (options.follow_symlinks)
      follow(real + "/" + name, name, std::move(child), depth);
    else
      ++out.skipped.symlink;
  }

  // Walks the folder `name` of `dir`, listed as `child`, when the walk is recursive.
  void descend(DIR* dir, const std::string& name, const std::string& child, std::size_t depth,
               const std::string& real, bool linked) {
    if (!options.recursive || too_deep(depth)) return;
    int fd = sys::open_at(sys::Site::OpenFolder, ::dirfd(dir), name.c_str(),
                          O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) {
      skip_folder(child, errno);
      return;
    }
    walk(fd, child, depth + 1, options.follow_symlinks ? real + "/" + name : std::string(), linked);
  }

  // A folder below a folder `depth` levels down that max_depth leaves out: counted, and true.
  // (Not an error: one hostile branch of a tree does not cost the rows of the rest.)
  bool too_deep(std::size_t depth) {
    if (depth + 1 <= options.max_depth) return false;
    ++out.skipped.too_deep;
    return true;
  }

  // A folder that could not be opened: counted when its state explains it, else a scan error.
  void skip_folder(const std::string& child, int err) {
    if (err == EACCES || err == EPERM)
      ++out.skipped.unreadable_dir;
    else if (err == ENOENT || err == ENOTDIR)
      ++out.skipped.vanished;
    else if (err == ELOOP)  // replaced by a symlink since it was listed
      ++out.skipped.symlink;
    else
      throw ScanError("cannot open folder '" + display(child) + "': " + std::strerror(err));
  }

  // A file the pattern leaves out, or with a binary extension when no pattern is given:
  // counted, and true.
  bool filtered_out(const std::string& name, const std::string& child) {
    if (!patterns.matches(name, child)) {
      ++out.skipped.pattern;
      return true;
    }
    if (options.pattern.empty() && binary_extension(name)) {
      ++out.skipped.not_text;
      return true;
    }
    return false;
  }

  // A file the walk found, listed when it is a regular file the filters take (`taken`: they
  // already took it, by the name and the type the folder gave).
  void add_file(const std::string& name, std::string child, const struct stat& st, bool linked,
                bool taken) {
    if (!S_ISREG(st.st_mode)) {
      ++out.skipped.not_regular;
      return;
    }
    if (!taken && filtered_out(name, child)) return;
    Entry& e = list_entry(std::move(child));
    e.via_symlink = linked;
    record_stat(e, st);
  }

  // The symlink at `link` (resolved folder + name), listed as `child`: followed while its
  // target stays inside the root and does not lead back into a folder being walked.
  void follow(const std::string& link, const std::string& name, std::string child,
              std::size_t depth) {
    std::optional<std::string> target = real_path(link);
    if (!target) {
      if (errno == ELOOP)
        ++out.skipped.symlink_loop;
      else
        ++out.skipped.broken_symlink;
      return;
    }
    if (!inside(*target, root_real)) {
      ++out.skipped.symlink_outside;
      return;
    }
    struct stat st;
    if (::stat(target->c_str(), &st) != 0) {
      ++out.skipped.broken_symlink;
      return;
    }
    if (!S_ISDIR(st.st_mode)) {
      add_file(name, std::move(child), st, true, false);
      return;
    }
    if (!options.recursive) return;
    for (const auto& f : open_folders)
      if (f.first == st.st_dev && f.second == st.st_ino) {
        ++out.skipped.symlink_loop;
        return;
      }
    if (too_deep(depth)) return;
    int fd = sys::open_at(sys::Site::OpenFolder, AT_FDCWD, target->c_str(),
                          O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) {
      skip_folder(child, errno);
      return;
    }
    if (!inside(fd_path(fd), root_real)) {  // the target moved since it was resolved
      ::close(fd);
      ++out.skipped.symlink_outside;
      return;
    }
    walk(fd, child, depth + 1, *target, true);
  }
};

}  // namespace

namespace {

// The absolute form of `path` with `.`, `..` and repeated slashes resolved lexically.
std::string lexical_absolute(const std::string& path) {
  std::string abs = path;
  if (abs.empty() || abs[0] != '/') {
    char cwd[PATH_MAX];
    if (::getcwd(cwd, sizeof cwd)) abs = std::string(cwd) + "/" + abs;
  }
  std::vector<std::string> parts;
  std::size_t pos = 0;
  while (pos <= abs.size()) {
    std::size_t slash = abs.find('/', pos);
    if (slash == std::string::npos) slash = abs.size();
    std::string part = abs.substr(pos, slash - pos);
    if (part == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!part.empty() && part != ".") {
      parts.push_back(std::move(part));
    }
    pos = slash + 1;
  }
  std::string out;
  for (const auto& p : parts) out += "/" + p;
  return out.empty() ? "/" : out;
}

// The resolved absolute form of `path`: its longest existing prefix resolved by the kernel
// (symlinks, `.`, `..`), the rest (which does not exist) appended and resolved lexically.
std::string resolved(const std::string& path) {
  if (std::optional<std::string> real = real_path(path)) return *real;
  const std::string abs = lexical_absolute(path);
  for (std::size_t cut = abs.rfind('/'); cut != std::string::npos && cut > 0;
       cut = abs.rfind('/', cut - 1)) {
    if (std::optional<std::string> real = real_path(abs.substr(0, cut)))
      return lexical_absolute(*real + abs.substr(cut));
  }
  return abs;
}

[[noreturn]] void outside_error(const std::string& root) {
  throw ScanError("root '" + root + "' is outside the folders that SQLITE_ARTICLES_ROOTS allows");
}

bool inside_any(const std::string& real, const std::vector<std::string>& allowed) {
  for (const std::string& a : allowed)
    if (inside(real, a)) return true;
  return false;
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
  if (!inside_any(resolved(root), allowed)) outside_error(root);
}

void validate_patterns(const ScanOptions& options) {
  patterns_of(options);
}

Root Root::open(const std::string& path, const std::vector<std::string>* allowed) {
  if (path.empty()) throw ScanError("root is an empty string");
  if (path.find('\0') != std::string::npos) throw ScanError("root contains a NUL character");
  // Confinement first: nothing about a path outside (exists, is a file, is unreadable) leaks.
  if (allowed) check_root_allowed(path, *allowed);
  int fd = sys::open_at(sys::Site::OpenFolder, AT_FDCWD, path.c_str(),
                        O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) {
    const int err = errno;
    // A relative root is looked up from the process's folder: say which that is.
    std::string from;
    char cwd[PATH_MAX];
    if (path[0] != '/' && ::getcwd(cwd, sizeof cwd)) from = " (relative to '" + display(cwd) + "')";
    struct stat st;
    if (err == ENOTDIR && ::stat(path.c_str(), &st) == 0 && !S_ISDIR(st.st_mode))
      throw ScanError("root '" + path + "' is not a directory" + from);
    throw ScanError("root '" + path + "' " +
                    (err == ENOENT || err == ENOTDIR
                         ? std::string("does not exist")
                         : "cannot be read: " + std::string(std::strerror(err))) +
                    from);
  }
  Root r;
  r.fd_ = std::shared_ptr<const int>(new int(fd), [](const int* p) {
    ::close(*p);
    delete p;
  });
  r.real_ = fd_path(fd);
  if (r.real_.empty() || r.real_[0] != '/')
    throw ScanError("root '" + path + "' cannot be resolved to a folder path");
  // The folder opened, wherever the path led meanwhile, must lie inside as well.
  if (allowed && !inside_any(r.real_, *allowed)) outside_error(path);
  return r;
}

bool lookup_entry(const Root& root, const std::string& path, const ScanOptions& options,
                  std::optional<Entry>* found) {
  found->reset();
  if (options.follow_symlinks) return false;  // where a name leads, only a walk can tell
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
  if (parts.size() - 1 > options.max_depth) return true;  // in a folder the listing leaves out
  std::vector<std::unique_ptr<Fd>> chain;  // keeps each folder open while its child is looked at
  int parent = root.fd();
  for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
    int fd = sys::open_at(sys::Site::OpenFolder, parent, parts[i].c_str(),
                          O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) return true;  // missing, not a folder, a symlink, or unreadable
    chain.push_back(std::make_unique<Fd>(fd));
    parent = fd;
  }
  struct stat st;
  if (sys::stat_at(parent, parts.back().c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) return true;
  if (!S_ISREG(st.st_mode)) return true;
  if (!patterns_of(options).matches(parts.back(), path)) return true;
  if (options.pattern.empty() && binary_extension(parts.back())) return true;
  Entry e = make_entry(path, st);
  e.rowid = path_hash(e.path);
  *found = std::move(e);
  return true;
}

std::int64_t path_hash(const std::string& path) {
  std::uint64_t h = fnv1a(path);
  h += 0x9e3779b97f4a7c15ULL;  // splitmix64 finalizer
  h = (h ^ (h >> 30)) * 0xbf58476d1ce4e5b9ULL;
  h = (h ^ (h >> 27)) * 0x94d049bb133111ebULL;
  h ^= h >> 31;
  return static_cast<std::int64_t>(h & kRowidMask);
}

void assign_rowids(std::vector<Entry>& entries, std::int64_t (*hash)(const std::string&)) {
  // The rowids taken, in an open-addressing table at most half full; a slot holds its rowid
  // plus one (0: free). A hash set of the standard library cost a division and a node per file.
  int bits = 4;
  while ((std::size_t{1} << bits) < entries.size() * 2) ++bits;
  const std::size_t mask = (std::size_t{1} << bits) - 1;
  std::vector<std::uint64_t> slots(mask + 1, 0);
  auto take = [&](std::uint64_t id) {  // false when taken already
    for (std::size_t i = (id * 0x9e3779b97f4a7c15ULL) >> (64 - bits);; i = (i + 1) & mask) {
      if (slots[i] == id + 1) return false;
      if (slots[i] == 0) {
        slots[i] = id + 1;
        return true;
      }
    }
  };
  for (auto& e : entries) {
    auto id = static_cast<std::uint64_t>(hash(e.path));
    while (!take(id)) id = (id + 1) & kRowidMask;
    e.rowid = static_cast<std::int64_t>(id);
  }
}

Listing list_directory(const std::string& root, const ScanOptions& options) {
  return list_directory(Root::open(root), options);
}

Listing list_directory(const Root& root, const ScanOptions& options) {
  Listing out;
  int fd = ::fcntl(root.fd(), F_DUPFD_CLOEXEC, 0);
  if (fd < 0)
    throw ScanError("root '" + root.path() + "' cannot be opened: " + std::strerror(errno));
  // The walk reads the folder from its start, whoever read the descriptor before.
  if (::lseek(fd, 0, SEEK_SET) != 0) {
    ::close(fd);
    fd = ::openat(root.fd(), ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
      throw ScanError("root '" + root.path() + "' cannot be opened: " + std::strerror(errno));
  }
  Walker w{options, out, patterns_of(options), std::string(), {}, 0, std::nullopt, false, true};
  if (options.follow_symlinks) w.root_real = root.path();
  w.walk(fd, "", 0, w.root_real, false);
  if (w.pool) w.settle(w.pool->finish());
  auto before = [](const Entry& a, const Entry& b) {
    const int c = a.path.compare(b.path);
    return c != 0 ? c < 0 : a.raw_path < b.raw_path;
  };
  // In order already, but for a name that is not UTF-8, a followed symlink to a folder, or a
  // folder the file system did not type.
  if ((!w.in_order || options.follow_symlinks) &&
      !std::is_sorted(out.entries.begin(), out.entries.end(), before))
    std::sort(out.entries.begin(), out.entries.end(), before);
  assign_rowids(out.entries, path_hash);
  return out;
}

bool file_settled(const FileStamp& stamp, std::int64_t now_ns) {
  constexpr std::int64_t kSecond = 1000000000;
  const bool whole_seconds = stamp.mtime_ns % kSecond == 0 && stamp.ctime_ns % kSecond == 0;
  const std::int64_t granularity = whole_seconds ? 2 * kSecond : kSecond / 5;
  const std::int64_t changed = std::max(stamp.mtime_ns, stamp.ctime_ns);
  return now_ns - changed >= granularity;
}

std::string too_large_error(std::int64_t size, std::int64_t max_size) {
  return "the file is " + std::to_string(size) + " bytes, over the limit of " +
         std::to_string(max_size) + " bytes: not read";
}

Problem read_problem(const std::string& error) {
  // too_large_error's form, and only it: `the file is N bytes, over the limit of M bytes: ...`.
  const bool too_large = error.rfind("the file is ", 0) == 0 &&
                         error.find(" bytes, over the limit of ") != std::string::npos;
  return Problem::located(too_large ? "too_large" : "unreadable", error);
}

namespace {

// Reads from `fd` to its end into r->bytes, expecting about `size` bytes but never keeping more
// than `max_size`: the end may lie past `size` if the file grows. With `trust_size`, a read that
// got `size` bytes (more than 0) stops there without asking for the end: the caller's look at
// the descriptor afterwards tells whether the file grew. False with r->error set when the read
// fails or passes the limit.
bool read_to_end(int fd, std::size_t size, std::int64_t max_size, FileBytes* r,
                 bool trust_size = false) {
  const auto limit = static_cast<std::size_t>(max_size);
  std::size_t got = 0;
  r->bytes.resize(std::min(limit, size) + 1);
  for (;;) {
    if (got == r->bytes.size()) {
      if (got > limit) {
        r->error = "the file grew past the limit of " + std::to_string(max_size) +
                   " bytes while it was being read: not read";
        r->bytes.clear();
        return false;
      }
      r->bytes.resize(std::min(limit + 1, got * 2));
    }
    ssize_t n = sys::read_some(fd, &r->bytes[got], r->bytes.size() - got);
    if (n < 0) {
      if (errno == EINTR) continue;
      r->error = std::string("read error: ") + std::strerror(errno);
      r->bytes.clear();
      return false;
    }
    if (n == 0) break;
    got += static_cast<std::size_t>(n);
    if (trust_size && size > 0 && got == size) break;
  }
  r->bytes.resize(got);
  return true;
}

}  // namespace

FileBytes read_file(const std::string& root, const std::string& raw_path, std::int64_t max_size,
                    bool via_symlink, const FileStamp* listed) {
  return read_file(Root::open(root), raw_path, max_size, via_symlink, listed);
}

FileBytes read_file(const Root& root, const std::string& raw_path, std::int64_t max_size,
                    bool via_symlink, const FileStamp* listed) {
  FileBytes r;
  const int flags = O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY;
  int fd_raw = via_symlink
                   ? sys::open_at(sys::Site::OpenFile, root.fd(), raw_path.c_str(), flags)
                   : sys::open_beneath(sys::Site::OpenFile, root.fd(), raw_path.c_str(), flags);
  if (fd_raw < 0) {
    int err = errno;
    r.error = err == ENOENT || err == ENOTDIR ? "the file vanished before it could be read"
              : err == ELOOP || err == EXDEV
                  ? "the file or a folder above it became a symbolic link: not followed"
                  : std::string("cannot open the file: ") + std::strerror(err);
    return r;
  }
  Fd fd(fd_raw);
  if (via_symlink && !inside(fd_path(fd.get()), root.path())) {
    r.error = "a symbolic link on the way now leads outside the root: not read";
    return r;
  }
  struct stat st;
  // The state the bytes must be of: the listing's, or the descriptor's now. Either way the
  // descriptor is looked at again after the read, and the bytes kept only if it did not move.
  FileStamp before;
  if (listed) {
    before = *listed;
  } else {
    if (sys::stat_fd(fd.get(), &st) != 0) {
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
    before = make_entry(std::string(), st).stamp();
  }
  // Read the whole file; if its state (size, times) changed meanwhile, the bytes may mix two
  // states, so read it again, from the start, a few times before giving up.
  for (int attempt = 0; attempt < 3; ++attempt) {
    if (attempt > 0 && ::lseek(fd.get(), 0, SEEK_SET) != 0) break;
    // The size is trusted: the stamp after the read must still show it.
    if (!read_to_end(fd.get(), static_cast<std::size_t>(std::max<std::int64_t>(0, before.size)),
                     max_size, &r, true))
      return r;
    if (sys::stat_fd(fd.get(), &st) != 0) {
      r.error = std::string("cannot stat the file: ") + std::strerror(errno);
      r.bytes.clear();
      return r;
    }
    if (!S_ISREG(st.st_mode)) {  // replaced since it was listed
      r.error = "no longer a regular file: not read";
      r.bytes.clear();
      return r;
    }
    r.stamp = make_entry(std::string(), st).stamp();
    if (r.stamp == before) {
      r.ok = true;
      timespec now{};
      ::clock_gettime(CLOCK_REALTIME, &now);
      r.settled = file_settled(r.stamp, std::int64_t{now.tv_sec} * 1000000000 + now.tv_nsec);
      return r;
    }
    before = r.stamp;
  }
  r.error = "the file kept changing while it was being read: not read";
  r.bytes.clear();
  return r;
}

}  // namespace articles
