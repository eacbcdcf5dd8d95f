// Texts for the tests of hostile input: a unit repeated up to a size (the shapes that made a
// scan look to the end of its line from each opener, in quadratic time).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace articles::testing {

// `unit` repeated until the text has at least `bytes` bytes.
inline std::string repeated(std::string_view unit, std::size_t bytes) {
  std::string s;
  s.reserve(bytes + unit.size());
  while (s.size() < bytes) s += unit;
  return s;
}

}  // namespace articles::testing
