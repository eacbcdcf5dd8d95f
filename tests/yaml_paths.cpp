// The differential run of the two YAML paths: every front matter under the given folders is
// read by the fast path and by yaml-cpp, and wherever the fast path does not decline the two
// results must be the same. Prints how many front matters each path took.
//
// usage: yaml_paths [--min-share PERCENT] DIR...
//   exits 1 on any difference, or when the fast path took less than PERCENT of the front
//   matters; a DIR that does not exist is reported and skipped.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "core/split.hpp"
#include "core/text.hpp"
#include "core/yaml_fast.hpp"
#include "yaml_compare.hpp"

namespace fs = std::filesystem;
using namespace articles;

namespace {

struct Counts {
  long files = 0, front_matters = 0, fast = 0, differences = 0;
};

void check_file(const fs::path& path, Counts& counts) {
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ++counts.files;
  DecodedText decoded = decode_file_bytes(bytes);
  Split split = split_front_matter(decoded.text);
  if (split.kind != Split::Kind::FrontMatter) return;
  ++counts.front_matters;
  YamlOptions options;
  auto fast = read_yaml_fast(split.block, split.block_line, options);
  if (!fast) return;
  ++counts.fast;
  options.fast_path = false;
  std::string diff =
      result_difference(*fast, read_yaml_block(split.block, split.block_line, options));
  if (!diff.empty()) {
    ++counts.differences;
    std::printf("DIFFERS %s: %s\n", path.c_str(), diff.c_str());
  }
}

}  // namespace

int main(int argc, char** argv) {
  double min_share = 0;
  int i = 1;
  if (argc > 2 && std::string(argv[1]) == "--min-share") {
    min_share = std::atof(argv[2]);
    i = 3;
  }
  int status = 0;
  for (; i < argc; ++i) {
    fs::path dir(argv[i]);
    if (!fs::is_directory(dir)) {
      std::printf("%s: not found, skipped\n", argv[i]);
      continue;
    }
    Counts counts;
    for (const auto& e : fs::recursive_directory_iterator(dir))
      if (e.is_regular_file()) check_file(e.path(), counts);
    const double share = counts.front_matters ? 100.0 * static_cast<double>(counts.fast) /
                                                    static_cast<double>(counts.front_matters)
                                              : 100.0;
    std::printf("%s: %ld files, %ld front matters, fast path %ld (%.2f%%), differences %ld\n",
                argv[i], counts.files, counts.front_matters, counts.fast, share,
                counts.differences);
    if (counts.differences > 0 || share < min_share) status = 1;
  }
  return status;
}
