// The fixture files of tests/fixtures/articles: their folder, their names, their bytes. For the
// unit tests that run over every fixture.
#pragma once

#include <dirent.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace testing {

inline const std::string kArticleFixtures = std::string(ARTICLES_FIXTURES) + "/articles/";

// Every name in the folder (`.` and `..` included), sorted.
inline std::vector<std::string> article_fixture_names() {
  std::vector<std::string> names;
  if (DIR* d = opendir(kArticleFixtures.c_str())) {
    while (dirent* e = readdir(d)) names.emplace_back(e->d_name);
    closedir(d);
  }
  std::sort(names.begin(), names.end());
  return names;
}

inline std::string read_whole_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace testing
