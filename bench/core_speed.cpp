// The core's costs on one core, for every file under a folder: reading the files (page cache
// warm), front-matter parsing from memory by read_yaml_block with the fast path on (yaml-cpp
// where it declines) and with yaml-cpp alone, and the reading of plain files (headline, clean
// body). Prints one JSON object: blocks, megabytes, the share the fast path took, MB/s both ways,
// microseconds per file to read it (as read_floor does) and per plain file to read its text.
// With SUFFIX, only the files whose names end so (the labelled page sets hold their labels
// beside the pages).
//
// usage: core_speed DIR [SUFFIX]
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "core/scraped.hpp"
#include "core/split.hpp"
#include "core/text.hpp"
#include "core/yaml_reader.hpp"

using namespace articles;

namespace {

struct Block {
  std::string text;
  std::uint32_t line;
};

// Seconds for the best of five passes over every block.
double best_pass(const std::vector<Block>& blocks, bool fast_path, std::size_t* fast_taken) {
  YamlOptions options;
  options.fast_path = fast_path;
  double best = 1e9;
  for (int run = 0; run < 5; ++run) {
    std::size_t taken = 0;
    auto start = std::chrono::steady_clock::now();
    for (const Block& b : blocks) taken += read_yaml_block(b.text, b.line, options).fast;
    best = std::min(
        best, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    *fast_taken = taken;
  }
  return best;
}

// Microseconds per plain text for read_scraped_text, best of five passes.
double scraped_us(const std::vector<std::string>& texts) {
  double best = 1e9;
  std::size_t blocks = 0;
  for (int run = 0; run < 5; ++run) {
    auto start = std::chrono::steady_clock::now();
    for (const std::string& t : texts) blocks += read_scraped_text(t).blocks.size();
    best = std::min(
        best, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  return texts.empty() || blocks == 0 ? 0 : best * 1e6 / static_cast<double>(texts.size());
}

// The bytes of the file at `path` (empty when it cannot be read).
std::string read_whole(const char* path) {
  std::string out;
  const int fd = ::open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return out;
  struct stat st {};
  if (::fstat(fd, &st) == 0) {
    out.resize(static_cast<std::size_t>(st.st_size));
    std::size_t got = 0;
    while (got < out.size()) {
      const ssize_t n = ::read(fd, &out[got], out.size() - got);
      if (n <= 0) break;
      got += static_cast<std::size_t>(n);
    }
    out.resize(got);
  }
  ::close(fd);
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2 && argc != 3) {
    std::fprintf(stderr, "usage: core_speed DIR [SUFFIX]\n");
    return 2;
  }
  const std::string suffix = argc == 3 ? argv[2] : "";
  std::vector<Block> blocks;
  std::vector<std::string> plain;
  double bytes = 0;
  std::vector<std::filesystem::path> paths;
  for (const auto& e : std::filesystem::recursive_directory_iterator(argv[1])) {
    const std::string name = e.path().filename().string();
    if (e.is_regular_file() && name.size() >= suffix.size() &&
        name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0)
      paths.push_back(e.path());
  }
  // Reading as read_floor does (open, fstat, read, close), best of five passes: the first one
  // also warms the page cache.
  std::vector<std::string> raws(paths.size());
  double best_read = 1e9;
  for (int run = 0; run < 5; ++run) {
    auto read_start = std::chrono::steady_clock::now();
    for (std::size_t i = 0; i < paths.size(); ++i) raws[i] = read_whole(paths[i].c_str());
    best_read = std::min(
        best_read,
        std::chrono::duration<double>(std::chrono::steady_clock::now() - read_start).count());
  }
  const double read_us =
      best_read * 1e6 / static_cast<double>(std::max<std::size_t>(1, paths.size()));
  for (const std::string& raw : raws) {
    DecodedText decoded = decode_file_bytes(raw);
    Split split = split_front_matter(decoded.text);
    if (split.kind != Split::Kind::FrontMatter) {
      plain.emplace_back(split.body);
      continue;
    }
    blocks.push_back(Block{std::string(split.block), split.block_line});
    bytes += static_cast<double>(split.block.size());
  }
  std::size_t fast_taken = 0, none = 0;
  const double fast = best_pass(blocks, true, &fast_taken);
  const double full = best_pass(blocks, false, &none);
  const double mb = bytes / 1e6;
  std::printf(
      "{\"blocks\":%zu,\"mb\":%.3f,\"fast_share\":%.4f,\"fast_mb_s\":%.1f,\"yaml_cpp_mb_s\":%.1f,"
      "\"plain\":%zu,\"scraped_us\":%.2f,\"read_us\":%.2f}\n",
      blocks.size(), mb,
      blocks.empty() ? 1.0 : static_cast<double>(fast_taken) / static_cast<double>(blocks.size()),
      blocks.empty() ? 0.0 : mb / fast, blocks.empty() ? 0.0 : mb / full, plain.size(),
      scraped_us(plain), read_us);
  return 0;
}
