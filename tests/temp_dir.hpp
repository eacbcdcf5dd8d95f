// A fresh folder under $TMPDIR for one test, resolved (read_file wants a root without
// symlinks), removed with everything in it at the end, unreadable parts included; and the
// paths of a listing as one string.
#pragma once

#include <sys/stat.h>

#include <cstdlib>
#include <fstream>
#include <string>

#include "core/scan.hpp"

namespace articles::testing {

struct TempDir {
  std::string path;
  TempDir() {
    const char* tmp = std::getenv("TMPDIR");
    std::string tmpl = std::string(tmp && *tmp ? tmp : "/tmp") + "/articles-test-XXXXXX";
    path = Root::open(mkdtemp(&tmpl[0])).path();
  }
  ~TempDir() { std::system(("chmod -R u+rwx '" + path + "'; rm -rf '" + path + "'").c_str()); }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  void write(const std::string& rel, const std::string& content) const {
    std::ofstream(path + "/" + rel, std::ios::binary) << content;
  }
  void mkdir(const std::string& rel) const { ::mkdir((path + "/" + rel).c_str(), 0755); }
};

// The paths of a listing, each followed by ';': what the listing tests compare.
inline std::string paths(const Listing& l) {
  std::string out;
  for (const auto& e : l.entries) out += e.path + ";";
  return out;
}

}  // namespace articles::testing
