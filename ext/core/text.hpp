// Bytes to text: BOMs, UTF-16, and the repair of invalid UTF-8 and NUL bytes, so that every
// string the core hands out is valid UTF-8 without NUL. Pure functions, thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace articles {

// What a repair replaced with U+FFFD, and where the first one was.
struct Repairs {
  std::size_t invalid = 0;       // invalid UTF-8 (or UTF-16) sequences
  std::size_t nul = 0;           // NUL characters
  std::uint32_t first_line = 0;  // 1-based line of the first replacement; 0 if none

  bool any() const { return invalid + nul > 0; }
};

struct DecodedText {
  std::string text;                // valid UTF-8, no NUL, no BOM
  const char* encoding = "UTF-8";  // "UTF-8", "UTF-16LE", "UTF-16BE" or "windows-1252"
  bool had_bom = false;
  Repairs repairs;
  std::uint32_t legacy_line = 0;  // windows-1252: the line of its first byte past ASCII
};

// Decodes a whole file: drops a UTF-8 BOM, decodes UTF-16 announced by its BOM, and replaces
// every invalid sequence (one U+FFFD per maximal invalid subpart) and every NUL with U+FFFD.
// A text that is not UTF-8 at all (bytes past ASCII, none of them in a valid UTF-8 sequence,
// and no UTF-8 byte order mark: an 8-bit text of Windows or of an old Unix) is read as
// Windows-1252, as browsers read Latin-1: every byte is a character, none is lost.
DecodedText decode_file_bytes(std::string_view bytes);

// Appends `in` to `out` as valid UTF-8 without NUL, replacing as decode_file_bytes does. With
// `latin1_strays`, a lone byte 0x85 or 0xA0 stands for that Latin-1 code point instead (yaml-cpp
// 0.7 writes the escapes \N and \_ as those raw bytes).
Repairs append_valid_utf8(std::string_view in, std::string& out, bool latin1_strays = false);

bool is_valid_utf8(std::string_view s);

// FNV-1a (64 bits) of the bytes of `s`: what the module's hashes of names and words start from.
inline std::uint64_t fnv1a(std::string_view s) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : s) h = (h ^ c) * 0x100000001b3ULL;
  return h;
}

// A hash of a short text for an open-addressing table indexed by its low bits: FNV-1a with its
// well-mixed high bits folded down.
inline std::uint64_t slot_hash(std::string_view s) {
  const std::uint64_t h = fnv1a(s);
  return h ^ (h >> 29);
}

// A 64-bit hash of texts and numbers, the same on every machine and build (the persistent cache
// stores it), over every byte of a text at eight bytes a step: each 64-bit word (its bytes
// little-endian) mixed in by a multiply and a rotation; a long text's words in four lanes, one
// in four each (four chains the processor runs side by side), joined at its end. Its low bits
// index a table: a table of long texts keyed by a few of their bytes fills one chain with texts
// that differ elsewhere (a log's lines), a quadratic time.
struct WordHash {
  std::uint64_t h = 0x9e3779b97f4a7c15ULL;

  void add(std::string_view s);
  void add_number(std::uint64_t v) { h = mixed(h, v); }
  static std::uint64_t mixed(std::uint64_t h, std::uint64_t v) {
    h = (h ^ (v * 0xbf58476d1ce4e5b9ULL)) * 0x94d049bb133111ebULL;
    return (h << 29) | (h >> 35);
  }
};
inline std::uint64_t word_hash(std::string_view s) {
  WordHash w;
  w.add(s);
  return w.h;
}

// The first place at or after `from` where `needle` occurs in `hay`, or npos (an empty needle
// occurs at `from`). In time linear in the sizes whatever the texts (glibc's memmem):
// std::string_view::find and Horspool's search take time proportional to both sizes on texts
// such as "baaa...a" in "aaaa...", hours for a hostile file's lines.
std::size_t find_text(std::string_view hay, std::string_view needle, std::size_t from = 0);

// A search for one needle in many texts: Horspool's skip table, made once, passes over most of
// a long text where a search from each place of its first byte stops at every such place; past
// as many bytes compared as the text holds, glibc's memmem, so that it too is linear whatever
// the texts. The needle must outlive it.
class TextSearch {
 public:
  explicit TextSearch(std::string_view needle);
  // Whether the needle occurs in `hay`.
  bool in(std::string_view hay) const;

 private:
  std::string_view needle_;
  std::uint32_t skip_[256];  // by the byte under the needle's last: how far it may move
};

// Appends code point `cp` (at most U+10FFFF) to `out` in UTF-8.
void append_code_point(std::string& out, std::uint32_t cp);

// ASCII white space: space, tab, CR, LF, vertical tab, form feed.
inline bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}
std::string_view trim(std::string_view s);

// Whitespace-separated words (ASCII white space and U+00A0).
std::int64_t count_words(std::string_view s);

// The code point at s[*i] (valid UTF-8), advancing *i. Inline: the readers call it per letter.
inline std::uint32_t next_cp(std::string_view s, std::size_t* i) {
  const auto c = static_cast<unsigned char>(s[*i]);
  if (c < 0x80) {
    ++*i;
    return c;
  }
  std::size_t n = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  if (*i + n > s.size()) n = s.size() - *i;
  std::uint32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
  for (std::size_t k = 1; k < n; ++k)
    cp = (cp << 6) | (static_cast<unsigned char>(s[*i + k]) & 0x3F);
  *i += n;
  return cp;
}
// Writes the UTF-8 bytes of `cp` to `out`; returns how many (1 to 4).
std::size_t encode_cp(std::uint32_t cp, char* out);
// A letter, mark, digit or '_' (what a word is made of); punctuation, symbols, spaces and
// private-use code points are not.
inline bool is_word_cp(std::uint32_t cp) {
  if (cp < 0x80)
    return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
           cp == '_';
  if (cp <= 0xBF || cp == 0xD7 || cp == 0xF7) return false;  // Latin-1 punctuation and signs
  if (cp >= 0x2000 && cp <= 0x2BFF) return false;            // punctuation, symbols, arrows, shapes
  if (cp >= 0x3000 && cp <= 0x303F) return false;            // CJK punctuation
  if (cp >= 0xE000 && cp <= 0xF8FF) return false;            // private use (icon fonts)
  if (cp >= 0xFE00 && cp <= 0xFE0F) return false;            // variation selectors
  if (cp >= 0xFF00 && cp <= 0xFF0F) return false;            // full-width punctuation
  return true;
}
// Unicode's simple lower case, for Latin, Greek, Cyrillic and Armenian (U+0000-U+052F and
// U+1E00-U+1EFF: case_table.inc); other code points stay as they are.
std::uint32_t lower_cp(std::uint32_t cp);
bool is_lower_cp(std::uint32_t cp);

}  // namespace articles
