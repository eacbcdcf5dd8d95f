// Texts for the tests of hostile input: a unit repeated up to a size (the shapes that made a
// scan look to the end of its line from each opener, in quadratic time).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace articles::testing {

// The size of a hostile text: large enough that a scan in quadratic time takes minutes, small
// enough that a linear one takes a fraction of a second (4 MiB). Under a sanitizer (ASan at -O0
// runs some scans 30 times slower) 1 MiB: a quadratic scan there still takes minutes (measured:
// `[a](` repeated over 1 MiB, with the look-ahead budget of links.cpp removed, over 2 minutes
// under ASan), while the linear one had taken 16 s over 4 MiB and over 60 s on a loaded machine.
#ifdef ARTICLES_TESTS_SANITIZED
inline constexpr std::size_t kHostileBytes = std::size_t{1} << 20;
#else
inline constexpr std::size_t kHostileBytes = std::size_t{4} << 20;
#endif

// `unit` repeated until the text has at least `bytes` bytes.
inline std::string repeated(std::string_view unit, std::size_t bytes) {
  std::string s;
  s.reserve(bytes + unit.size());
  while (s.size() < bytes) s += unit;
  return s;
}

}  // namespace articles::testing
