#include "core/sys.hpp"

#include <fcntl.h>
#include <linux/openat2.h>
#include <sched.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstring>
#include <string>
#include <thread>

namespace articles::sys {

namespace {

std::atomic<FaultHook> g_hook{nullptr};

// The errno the hook injects at `site`, or 0.
int injected(Site site, const char* name, std::size_t* max_bytes = nullptr) {
  FaultHook hook = g_hook.load(std::memory_order_acquire);
  if (!hook) return 0;
  std::size_t ignored = 0;
  return hook(site, name, max_bytes ? max_bytes : &ignored);
}

}  // namespace

FaultHook set_fault_hook(FaultHook hook) {
  return g_hook.exchange(hook);
}

int open_at(Site site, int dir_fd, const char* path, int flags) {
  if (int err = injected(site, path)) {
    errno = err;
    return -1;
  }
  return ::openat(dir_fd, path, flags);
}

namespace {

std::atomic<bool> g_no_openat2{false};  // the kernel (or a seccomp filter) refused openat2

// open_beneath without openat2: from `dir_fd`, each folder with O_NOFOLLOW, never `..`.
int open_by_components(int dir_fd, const char* path, int flags) {
  int dir = ::fcntl(dir_fd, F_DUPFD_CLOEXEC, 0);
  if (dir < 0) return -1;
  const std::string rest(path);
  std::size_t pos = 0;
  for (;;) {
    std::size_t slash = rest.find('/', pos);
    const bool last = slash == std::string::npos;
    const std::string part = rest.substr(pos, last ? std::string::npos : slash - pos);
    int fd = -1;
    if (part.empty() || part == "." || part == "..") {
      errno = part == ".." ? EXDEV : ENOENT;
    } else {
      fd = ::openat(dir, part.c_str(),
                    last ? flags | O_NOFOLLOW : O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    }
    const int err = errno;
    ::close(dir);
    if (fd < 0 || last) {
      errno = err;
      return fd;
    }
    dir = fd;
    pos = slash + 1;
  }
}

}  // namespace

int open_beneath(Site site, int dir_fd, const char* path, int flags) {
  if (int err = injected(site, path)) {
    errno = err;
    return -1;
  }
  if (!g_no_openat2.load(std::memory_order_relaxed) && std::strlen(path) < PATH_MAX) {
    open_how how{};
    how.flags = static_cast<std::uint64_t>(flags);
    how.resolve = RESOLVE_NO_SYMLINKS | RESOLVE_BENEATH;
    long fd = ::syscall(SYS_openat2, dir_fd, path, &how, sizeof how);
    if (fd >= 0 || (errno != ENOSYS && errno != EPERM && errno != ENAMETOOLONG))
      return static_cast<int>(fd);
    if (errno == ENOSYS) g_no_openat2.store(true, std::memory_order_relaxed);
  }
  return open_by_components(dir_fd, path, flags);
}

DIR* open_dir(int fd) {
  if (int err = injected(Site::OpenFolder, nullptr)) {
    errno = err;
    return nullptr;
  }
  return ::fdopendir(fd);
}

struct dirent* read_dir(DIR* dir) {
  if (int err = injected(Site::ReadFolder, nullptr)) {
    errno = err;
    return nullptr;
  }
  errno = 0;
  return ::readdir(dir);
}

int stat_at(int dir_fd, const char* name, struct stat* st, int flags) {
  if (int err = injected(Site::StatEntry, name)) {
    errno = err;
    return -1;
  }
  return ::fstatat(dir_fd, name, st, flags);
}

int stat_fd(int fd, struct stat* st) {
  if (int err = injected(Site::StatFile, nullptr)) {
    errno = err;
    return -1;
  }
  return ::fstat(fd, st);
}

ssize_t read_some(int fd, void* buffer, std::size_t size) {
  std::size_t max_bytes = size;
  if (int err = injected(Site::ReadFile, nullptr, &max_bytes)) {
    errno = err;
    return -1;
  }
  return ::read(fd, buffer, max_bytes < size ? max_bytes : size);
}

unsigned usable_cpus() {
  unsigned cpus = std::max(1u, std::thread::hardware_concurrency());
  cpu_set_t set;
  if (::sched_getaffinity(0, sizeof set, &set) == 0) cpus = std::max(1, CPU_COUNT(&set));
  // The numbers `format` reads from the file at `path`, when it reads them all.
  auto read = [](const char* path, const char* format, int count, long long* a, long long* b) {
    std::FILE* f = std::fopen(path, "r");
    if (!f) return false;
    const bool ok = std::fscanf(f, format, a, b) == count;
    std::fclose(f);
    return ok;
  };
  long long quota = 0, period = 0;
  if (read("/sys/fs/cgroup/cpu.max", "%lld %lld", 2, &quota, &period) ||
      (read("/sys/fs/cgroup/cpu/cpu.cfs_quota_us", "%lld", 1, &quota, &period) &&
       read("/sys/fs/cgroup/cpu/cpu.cfs_period_us", "%lld", 1, &period, &period))) {
    if (quota > 0 && period > 0)
      cpus = std::min(cpus, static_cast<unsigned>(std::max(1LL, (quota + period - 1) / period)));
  }
  return cpus;
}

}  // namespace articles::sys
