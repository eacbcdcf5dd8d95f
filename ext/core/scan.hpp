// Listing a folder of articles and reading one file, safely: hidden names, symlinks and
// anything but regular files are skipped (and counted); files are opened without following a
// symlink and without blocking, and never read past the size limit. With follow_symlinks, a
// symlink is followed while its target stays inside the root and leads into no folder that
// is being walked.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/problem.hpp"

namespace articles {

// A problem with the scan as a whole (a bad root, a limit passed): an SQL error, not a row.
class ScanError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct ScanOptions {
  // Glob(s) on the file name, or on the path when one has a '/' (core/glob.hpp); `nocase`:
  // without regard to ASCII case.
  std::string pattern;
  bool nocase = false;
  bool recursive = true;
  std::size_t max_depth = 64;       // folders below the root; deeper ones are counted, not read
  std::size_t max_files = 1000000;  // rows of one scan, and folders of one walk
  bool follow_symlinks = false;
  // Threads that stat the files a walk finds, the walking one included (0: one per usable CPU),
  // less `busy_beside`, the threads known to run beside the walk (a read-ahead of cached rows);
  // at least 1. Helpers start only once a few hundred files wait for their stat.
  unsigned threads = 1;
  unsigned busy_beside = 0;
  // Called with each folder the walk is about to read, open as `folder_fd` (the walk owns it),
  // before its names are read: what watches folders for changes starts here.
  std::function<void(int folder_fd)> on_folder;
};

// What identifies the state of a file: its identity (device, inode) and what changes when it is
// written or replaced (size, modification and status-change times in nanoseconds).
struct FileStamp {
  std::uint64_t device = 0, inode = 0;
  std::int64_t size = 0;
  std::int64_t mtime_ns = 0, ctime_ns = 0;
  bool operator==(const FileStamp& o) const {
    return device == o.device && inode == o.inode && size == o.size && mtime_ns == o.mtime_ns &&
           ctime_ns == o.ctime_ns;
  }
};

struct Entry {
  std::string path;       // relative, '/'-separated, valid UTF-8 (bad bytes shown as U+FFFD)
  std::string raw_path;   // relative, the bytes as the file system has them
  bool bad_name = false;  // `path` differs from `raw_path`: the name is not valid UTF-8
  std::int64_t size = 0;
  std::int64_t mtime = 0;       // Unix seconds
  std::int64_t mtime_nsec = 0;  // the nanoseconds within that second
  std::uint64_t device = 0, inode = 0;
  std::int64_t ctime_ns = 0;
  std::int64_t rowid = 0;
  bool via_symlink = false;  // a followed symlink leads to it (it or a folder above it)

  FileStamp stamp() const {
    return FileStamp{device, inode, size, mtime * 1000000000 + mtime_nsec, ctime_ns};
  }
};

// Entries of a folder that give no row, by reason.
struct SkipCounts {
  std::int64_t hidden = 0;
  std::int64_t symlink = 0;          // not followed (or a folder replaced by one meanwhile)
  std::int64_t symlink_outside = 0;  // followed, but its target lies outside the root
  std::int64_t symlink_loop = 0;     // followed, but it leads back into a folder being walked
  std::int64_t broken_symlink = 0;   // followed, but its target does not exist
  std::int64_t not_regular = 0;      // FIFOs, sockets, devices
  std::int64_t unreadable_dir = 0;   // folders that cannot be read (permissions)
  std::int64_t too_deep = 0;         // folders below max_depth, not read
  std::int64_t vanished = 0;         // deleted between reading the folder and looking at them
  std::int64_t pattern = 0;          // names not matching the pattern
  std::int64_t not_text = 0;         // names of files that are not text (binary_extension)
};

struct Listing {
  std::vector<Entry> entries;  // in byte order of `path`, rowids assigned
  SkipCounts skipped;
  bool hard_links = false;  // some listed file has more than one name
};

// A root folder, opened once: every listing and read of a scan goes through its descriptor, so
// that whatever its path names later (a symlink swapped to another folder) the scan does not
// follow. Copies share the descriptor, which closes with the last of them. Thread-safe to use.
class Root {
 public:
  Root() = default;

  // Opens the folder `path` names (following symlinks: a root may be one). With `allowed` (the
  // SQLITE_ARTICLES_ROOTS folders), the path, resolved as far as it exists, must lie inside
  // one of them before anything else is asked of it, and the folder opened must too: every
  // path outside gives the same error, whether it exists or not. Throws ScanError.
  static Root open(const std::string& path, const std::vector<std::string>* allowed = nullptr);

  int fd() const { return fd_ ? *fd_ : -1; }
  // The real path of the folder opened (no symlink, `.` or `..`), as the kernel reported it.
  const std::string& path() const { return real_; }

 private:
  std::shared_ptr<const int> fd_;
  std::string real_;
};

// Throws ScanError naming the problem when options.pattern is malformed (core/glob.hpp).
void validate_patterns(const ScanOptions& options);

// Whether a file of this name is not text by its extension (any case): images, audio, video,
// fonts, archives, office documents, PDFs, executables and libraries, databases (the list in
// docs/articles.md). Without a pattern, such files are not listed; a pattern decides alone.
bool binary_extension(std::string_view name);

// The folders a ':'-separated list names (the SQLITE_ARTICLES_ROOTS setting), each resolved
// (symlinks, `.` and `..`) as far as it exists, made absolute; empty entries are ignored.
std::vector<std::string> parse_allowed_roots(const std::string& list);

// Checks that `root`, resolved as far as it exists, is one of `allowed` or inside one; throws
// ScanError (the same message for every path outside) otherwise.
void check_root_allowed(const std::string& root, const std::vector<std::string>& allowed);

// Lists the regular files below `root`. Throws ScanError past max_files, or for a system error
// that would lose entries silently (EIO, EMFILE, ...); folders without permission or deeper than
// max_depth and entries deleted meanwhile are counted in `skipped`.
Listing list_directory(const Root& root, const ScanOptions& options);
Listing list_directory(const std::string& root, const ScanOptions& options);

// Finds one path as list_directory would list it, without walking the folder: the entry when
// the listing would hold it, nothing when it would not. Returns false when only a listing can
// tell (a path holding U+FFFD may stand for a name that is not UTF-8). The rowid is the path's
// hash, as in a listing without a collision.
bool lookup_entry(const Root& root, const std::string& path, const ScanOptions& options,
                  std::optional<Entry>* found);

// The rowid of a path: FNV-1a/splitmix64 of its bytes, to 53 bits (docs/articles.md), so that
// it is exact in every JSON and JavaScript client (a double holds 53 bits).
constexpr std::uint64_t kRowidMask = (std::uint64_t{1} << 53) - 1;
std::int64_t path_hash(const std::string& path);

// Gives each entry (in path order) the hash of its path as rowid; on a collision, the later
// path in that order takes the next free value (wrapping within 53 bits).
void assign_rowids(std::vector<Entry>& entries, std::int64_t (*hash)(const std::string&));

struct FileBytes {
  bool ok = false;
  std::string bytes;
  FileStamp stamp;    // the state of the file whose bytes these are
  std::string error;  // why not ok
  // The file last changed longer ago than its file system's timestamp granularity when the
  // read ended (file_settled): a later write is bound to change its stamp. Otherwise the bytes
  // may be of a write still under way, or a rewrite within the same tick may keep the stamp.
  bool settled = false;
};

// Whether a file in state `stamp` at the time `now_ns` (CLOCK_REALTIME, nanoseconds) changed
// longer ago than the granularity of its timestamps: 2 s where they carry no nanoseconds (ext2
// and ext3 count seconds, FAT two seconds), 200 ms otherwise (a few of the kernel's coarse
// clock ticks). A change time in the future (a skewed server clock) is never settled.
bool file_settled(const FileStamp& stamp, std::int64_t now_ns);

// The row error for a file of `size` bytes over the limit of `max_size`.
std::string too_large_error(std::int64_t size, std::int64_t max_size);

// A read's error (FileBytes::error, as read_file writes them) as a problem of article_issues:
// `too_large` for a file over the size limit, else `unreadable`.
Problem read_problem(const std::string& error);

// Reads one listed file, refusing anything that is not (or no longer) a regular file and any
// file larger than `max_size` bytes. The path is opened relative to the root's descriptor; a
// symlink or `..` on the way is refused unless the listing followed a symlink (`via_symlink`);
// then the file opened must lie inside the root. With `listed` (the state the listing saw), the
// descriptor is looked at once, after the read: bytes of that state are kept at once (one
// stat per file for the whole scan, the listing's, and this one); a file changed since is read
// again until two looks agree. Without it, the descriptor is looked at before and after.
FileBytes read_file(const Root& root, const std::string& raw_path, std::int64_t max_size,
                    bool via_symlink = false, const FileStamp* listed = nullptr);
FileBytes read_file(const std::string& root, const std::string& raw_path, std::int64_t max_size,
                    bool via_symlink = false, const FileStamp* listed = nullptr);

}  // namespace articles
