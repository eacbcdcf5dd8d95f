// What every fuzz target asserts about the strings the core hands out.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>

#include "core/text.hpp"

// Aborts (a finding) when `s` is not valid UTF-8 or holds a NUL: no TEXT value may.
inline void require_clean_text(const std::string& s, const char* what) {
  if (!articles::is_valid_utf8(s) || s.find('\0') != std::string::npos) {
    std::fprintf(stderr, "fuzz: %s is not clean UTF-8\n", what);
    std::abort();
  }
}

inline void require(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "fuzz: %s\n", what);
    std::abort();
  }
}
