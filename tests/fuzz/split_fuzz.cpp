// Fuzz target: the front-matter splitter, on decoded text.
#include <cstddef>
#include <cstdint>

#include "core/split.hpp"
#include "core/text.hpp"
#include "fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  articles::DecodedText d = articles::decode_file_bytes(bytes);
  require_clean_text(d.text, "decoded text");
  std::string_view text(d.text);
  articles::Split s = articles::split_front_matter(text);
  auto inside = [&](std::string_view v) {
    return v.empty() ||
           (v.data() >= text.data() && v.data() + v.size() <= text.data() + text.size());
  };
  require(inside(s.block) && inside(s.body), "views outside the text");
  require(s.body.empty() || s.body.data() + s.body.size() == text.data() + text.size(),
          "body is not a suffix");
  if (s.kind == articles::Split::Kind::None) require(s.body.size() == text.size(), "plain body");
  return 0;
}
