// The floor a cold scan is measured against: what it costs to walk a folder and read every
// file under it, and nothing else, from a fresh process. One thread walks (readdir, file types
// from the directory entries, no stat); then THREADS threads each take files in turn and open,
// fstat (for the size), read to the end and close them. Then, apart, the floor of a listing
// that can tell a changed file: one thread walks again and stats every entry relative to its
// folder, as the module's listing does. Prints one JSON object: files, bytes, threads, the
// seconds of the walk and of the walk and read (`seconds`), and `list_seconds`.
// usage: read_floor DIR [THREADS]   (THREADS: default, the processors this process may use)
#include <dirent.h>
#include <fcntl.h>
#include <sched.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

namespace {

// Every regular file below `dir` (hidden names skipped, as the module skips them).
void walk(const std::string& dir, std::vector<std::string>* files) {
  DIR* d = ::opendir(dir.c_str());
  if (!d) return;
  while (const dirent* e = ::readdir(d)) {
    if (e->d_name[0] == '.') continue;
    std::string path = dir + "/" + e->d_name;
    if (e->d_type == DT_DIR)
      walk(path, files);
    else if (e->d_type == DT_REG)
      files->push_back(std::move(path));
  }
  ::closedir(d);
}

// Walks as `walk` does, with one fstatat per entry relative to its folder; counts the files.
std::size_t walk_and_stat(const std::string& dir) {
  DIR* d = ::opendir(dir.c_str());
  if (!d) return 0;
  std::size_t files = 0;
  while (const dirent* e = ::readdir(d)) {
    if (e->d_name[0] == '.') continue;
    struct stat st;
    if (::fstatat(::dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) continue;
    if (S_ISDIR(st.st_mode))
      files += walk_and_stat(dir + "/" + e->d_name);
    else if (S_ISREG(st.st_mode))
      ++files;
  }
  ::closedir(d);
  return files;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: read_floor DIR [THREADS]\n");
    return 2;
  }
  unsigned threads = argc > 2 ? static_cast<unsigned>(std::atoi(argv[2])) : 0;
  if (threads == 0) {
    cpu_set_t set;
    threads = ::sched_getaffinity(0, sizeof set, &set) == 0 ? CPU_COUNT(&set) : 1;
  }
  const auto start = std::chrono::steady_clock::now();
  std::vector<std::string> files;
  walk(argv[1], &files);
  const auto walked = std::chrono::steady_clock::now();
  std::atomic<std::size_t> next{0};
  std::atomic<long long> bytes{0};
  auto work = [&] {
    std::string buf;
    long long mine = 0;
    for (std::size_t i; (i = next++) < files.size();) {
      const int fd = ::open(files[i].c_str(), O_RDONLY | O_CLOEXEC);
      if (fd < 0) continue;
      struct stat st;
      if (::fstat(fd, &st) == 0) {
        buf.resize(static_cast<std::size_t>(st.st_size) + 1);
        std::size_t got = 0;
        ssize_t n;
        while ((n = ::read(fd, &buf[got], buf.size() - got)) > 0) {
          got += static_cast<std::size_t>(n);
          if (got == buf.size()) buf.resize(buf.size() * 2);
        }
        mine += static_cast<long long>(got);
      }
      ::close(fd);
    }
    bytes += mine;
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
  const auto end = std::chrono::steady_clock::now();
  walk_and_stat(argv[1]);
  const auto listed = std::chrono::steady_clock::now();
  std::printf(
      "{\"files\": %zu, \"bytes\": %lld, \"threads\": %u, \"walk_seconds\": %.4f, "
      "\"seconds\": %.4f, \"list_seconds\": %.4f}\n",
      files.size(), bytes.load(), threads, std::chrono::duration<double>(walked - start).count(),
      std::chrono::duration<double>(end - start).count(),
      std::chrono::duration<double>(listed - end).count());
  return 0;
}
