// Front-matter parsing speed on one core: every YAML block under a folder, read from memory by
// read_yaml_block with the fast path on (yaml-cpp where it declines) and with yaml-cpp alone.
// Prints one JSON object: blocks, megabytes, the share the fast path took, MB/s both ways.
// usage: yaml_speed DIR
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

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

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: yaml_speed DIR\n");
    return 2;
  }
  std::vector<Block> blocks;
  double bytes = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(argv[1])) {
    if (!e.is_regular_file()) continue;
    std::ifstream in(e.path(), std::ios::binary);
    std::string raw((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    DecodedText decoded = decode_file_bytes(raw);
    Split split = split_front_matter(decoded.text);
    if (split.kind != Split::Kind::FrontMatter) continue;
    blocks.push_back(Block{std::string(split.block), split.block_line});
    bytes += static_cast<double>(split.block.size());
  }
  std::size_t fast_taken = 0, none = 0;
  const double fast = best_pass(blocks, true, &fast_taken);
  const double full = best_pass(blocks, false, &none);
  const double mb = bytes / 1e6;
  std::printf(
      "{\"blocks\":%zu,\"mb\":%.3f,\"fast_share\":%.4f,\"fast_mb_s\":%.1f,\"yaml_cpp_mb_s\":%.1f}"
      "\n",
      blocks.size(), mb,
      blocks.empty() ? 1.0 : static_cast<double>(fast_taken) / static_cast<double>(blocks.size()),
      mb / fast, mb / full);
  return 0;
}
