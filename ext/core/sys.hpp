// The system calls the scanner makes to list folders and read files, behind one seam so that
// tests can make any of them fail (EIO, EINTR, EACCES, EMFILE, short reads) at a chosen site.
// Without a hook installed each wrapper is the plain call.
#pragma once

#include <dirent.h>
#include <sys/stat.h>
#include <sys/types.h>

#include <cstddef>

namespace articles::sys {

enum class Site {
  OpenFolder,  // opening a folder (the root or one below it) and fdopendir on it
  ReadFolder,  // readdir
  StatEntry,   // fstatat on a folder entry
  OpenFile,    // opening a file to read it
  StatFile,    // fstat on an open file
  ReadFile,    // read
};

// Called before each call at `site` with the name or path the call is given (nullptr for calls
// on a descriptor). Returns 0 to let the call proceed or an errno value to make it fail with
// that error. At Site::ReadFile, lowering *max_bytes makes the read a short one.
using FaultHook = int (*)(Site site, const char* name, std::size_t* max_bytes);

// Installs `hook` (nullptr: none) for every thread; returns the previous one. For tests.
FaultHook set_fault_hook(FaultHook hook);

int open_at(Site site, int dir_fd, const char* path, int flags);
// Opens `path`, relative to the folder open as `dir_fd`, only if none of its components is a
// symlink (ELOOP otherwise) or `..`: openat2 with RESOLVE_NO_SYMLINKS | RESOLVE_BENEATH, or one
// component at a time where the kernel lacks it or the path is longer than PATH_MAX.
int open_beneath(Site site, int dir_fd, const char* path, int flags);
DIR* open_dir(int fd);              // fdopendir: on failure the caller still owns fd
struct dirent* read_dir(DIR* dir);  // nullptr with errno 0 at the end, errno set on failure
int stat_at(int dir_fd, const char* name, struct stat* st, int flags);
int stat_fd(int fd, struct stat* st);
ssize_t read_some(int fd, void* buffer, std::size_t size);

// Not a seam: the processors this process may use, those its CPU affinity allows, at most its
// cgroup's CPU quota (cgroup v2 cpu.max, or v1 cpu.cfs_quota_us over cpu.cfs_period_us),
// rounded up; at least 1. Read anew at each call (affinity and quotas change).
unsigned usable_cpus();

}  // namespace articles::sys
