#include "core/text.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <iterator>

namespace articles {

namespace {

constexpr char kReplacement[] = "\xEF\xBF\xBD";

// Length of the valid UTF-8 sequence at s[i], or 0 with `*bad` set to the length of the maximal
// invalid subpart to replace (Unicode Table 3-7).
std::size_t utf8_sequence(std::string_view s, std::size_t i, std::size_t* bad) {
  auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = b(i);
  if (c < 0x80) return 1;
  std::size_t need;
  unsigned char lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    need = 1;
  } else if (c >= 0xE0 && c <= 0xEF) {
    need = 2;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    need = 3;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    *bad = 1;
    return 0;
  }
  for (std::size_t k = 1; k <= need; ++k) {
    if (i + k >= s.size()) {
      *bad = k;
      return 0;
    }
    unsigned char t = b(i + k);
    unsigned char l = k == 1 ? lo : 0x80, h = k == 1 ? hi : 0xBF;
    if (t < l || t > h) {
      *bad = k;
      return 0;
    }
  }
  return need + 1;
}

std::uint32_t line_at(std::string_view s, std::size_t pos, std::uint32_t base) {
  std::uint32_t line = base;
  for (std::size_t k = 0; k < pos; ++k)
    if (s[k] == '\n') ++line;
  return line;
}

}  // namespace

namespace {

// Whether the 8 bytes at `p` are all ASCII and none is NUL: no byte has its high bit set, and
// none is zero (the classic test: a zero byte is one whose `x - 1` borrows into its high bit).
bool plain_ascii_word(const char* p) {
  std::uint64_t w;
  std::memcpy(&w, p, sizeof w);
  constexpr std::uint64_t kHigh = 0x8080808080808080ULL, kOnes = 0x0101010101010101ULL;
  return ((w | ((w - kOnes) & ~w)) & kHigh) == 0;
}

}  // namespace

Repairs append_valid_utf8(std::string_view in, std::string& out, bool latin1_strays) {
  Repairs r;
  out.reserve(out.size() + in.size());
  // Valid bytes are copied in runs, each as long as nothing needs replacing: a whole valid text
  // is one copy.
  std::size_t run = 0, i = 0;
  auto flush = [&](std::size_t end) { out.append(in.data() + run, end - run); };
  while (i < in.size()) {
    // Fast path: ASCII without NUL, 8 bytes at a time, then byte by byte.
    while (i + 8 <= in.size() && plain_ascii_word(in.data() + i)) i += 8;
    while (i < in.size() && static_cast<unsigned char>(in[i]) < 0x80 && in[i] != '\0') ++i;
    if (i >= in.size()) break;
    if (in[i] == '\0') {
      flush(i);
      if (!r.any()) r.first_line = line_at(in, i, 1);
      ++r.nul;
      out += kReplacement;
      run = ++i;
      continue;
    }
    std::size_t bad = 0;
    std::size_t n = utf8_sequence(in, i, &bad);
    if (n > 0) {
      i += n;
      continue;
    }
    flush(i);
    unsigned char c = static_cast<unsigned char>(in[i]);
    if (latin1_strays && (c == 0x85 || c == 0xA0)) {
      append_code_point(out, c);
      run = ++i;
      continue;
    }
    if (!r.any()) r.first_line = line_at(in, i, 1);
    ++r.invalid;
    out += kReplacement;
    i += bad;
    run = i;
  }
  flush(in.size());
  return r;
}

bool is_valid_utf8(std::string_view s) {
  std::size_t i = 0, bad = 0;
  while (i < s.size()) {
    std::size_t n = utf8_sequence(s, i, &bad);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

DecodedText decode_file_bytes(std::string_view bytes) {
  DecodedText d;
  auto u8 = [&](std::size_t k) { return static_cast<unsigned char>(bytes[k]); };
  bool le = bytes.size() >= 2 && u8(0) == 0xFF && u8(1) == 0xFE;
  bool be = bytes.size() >= 2 && u8(0) == 0xFE && u8(1) == 0xFF;
  if (!le && !be) {
    if (bytes.size() >= 3 && u8(0) == 0xEF && u8(1) == 0xBB && u8(2) == 0xBF) {
      d.had_bom = true;
      bytes.remove_prefix(3);
    }
    d.repairs = append_valid_utf8(bytes, d.text);
    return d;
  }
  d.had_bom = true;
  d.encoding = le ? "UTF-16LE" : "UTF-16BE";
  d.text.reserve(bytes.size());
  std::uint32_t line = 1;
  auto bad = [&]() {
    if (!d.repairs.any()) d.repairs.first_line = line;
    ++d.repairs.invalid;
    d.text += kReplacement;
  };
  std::size_t i = 2;
  auto unit = [&](std::size_t k) -> std::uint32_t {
    return le ? (u8(k) | (u8(k + 1) << 8)) : ((u8(k) << 8) | u8(k + 1));
  };
  while (i + 1 < bytes.size()) {
    std::uint32_t u = unit(i);
    i += 2;
    if (u >= 0xD800 && u <= 0xDBFF) {
      if (i + 1 < bytes.size()) {
        std::uint32_t v = unit(i);
        if (v >= 0xDC00 && v <= 0xDFFF) {
          i += 2;
          append_code_point(d.text, 0x10000 + ((u - 0xD800) << 10) + (v - 0xDC00));
          continue;
        }
      }
      bad();
    } else if (u >= 0xDC00 && u <= 0xDFFF) {
      bad();
    } else if (u == 0) {
      if (!d.repairs.any()) d.repairs.first_line = line;
      ++d.repairs.nul;
      d.text += kReplacement;
    } else {
      if (u == '\n') ++line;
      append_code_point(d.text, u);
    }
  }
  if (i < bytes.size()) bad();  // an odd byte at the end
  return d;
}

std::string_view trim(std::string_view s) {
  std::size_t a = 0, b = s.size();
  while (a < b && is_space(s[a])) ++a;
  while (b > a && is_space(s[b - 1])) --b;
  return s.substr(a, b - a);
}

namespace {

constexpr std::uint64_t kBytes01 = 0x0101010101010101ULL, kBytes80 = 0x8080808080808080ULL;
// Byte k of a loaded word is bits 8k to 8k+7 (the word's order matters for word starts only).
constexpr bool kLittleEndian = __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__;

// The high bit of each byte of `w` (all below 0x80) that is ASCII white space: ' ', or \t to \r.
std::uint64_t ascii_space_bytes(std::uint64_t w) {
  const std::uint64_t x = w ^ (0x20 * kBytes01);  // zero where ' '
  const std::uint64_t is_blank = ~(((x & ~kBytes80) + ~kBytes80) | x) & kBytes80;
  const std::uint64_t ge_tab = ((w | kBytes80) - 0x09 * kBytes01) & kBytes80;  // no borrows
  const std::uint64_t le_cr = ((0x8D * kBytes01) - w) & kBytes80;              // no borrows
  return is_blank | (ge_tab & le_cr);
}

// Whether some byte of `w` equals `b`.
bool has_byte(std::uint64_t w, unsigned char b) {
  const std::uint64_t x = w ^ (b * kBytes01);
  return ((x - kBytes01) & ~x & kBytes80) != 0;
}

}  // namespace

std::int64_t count_words(std::string_view s) {
  // A word starts at each byte that is not space after one that is (or at the start). U+00A0
  // (C2 A0) is space: both of its bytes count as such. Eight bytes at a time where they are all
  // ASCII, or all of multi-byte sequences without C2 or A0 (no space among them); else byte by
  // byte.
  static const auto kSpace = [] {
    std::array<unsigned char, 256> t{};
    for (unsigned char c : {' ', '\t', '\n', '\r', '\v', '\f'}) t[c] = 1;
    return t;
  }();
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t size = s.size();
  std::int64_t n = 0;
  unsigned prev_space = 1;
  std::size_t i = 0;
  while (i < size) {
    if (i + 8 <= size) {
      std::uint64_t w;
      std::memcpy(&w, p + i, sizeof w);
      if (kLittleEndian && (w & kBytes80) == 0) {
        // High bit of byte k: byte k (at p + i + k, little-endian) is space; shifted up a byte,
        // whether the byte before each is. Word starts are summed through the top byte.
        const std::uint64_t space = ascii_space_bytes(w);
        const std::uint64_t before = (space << 8) | (std::uint64_t{prev_space} << 7);
        const std::uint64_t starts = ~space & before & kBytes80;
        n += static_cast<std::int64_t>(((starts >> 7) * kBytes01) >> 56);
        prev_space = static_cast<unsigned>(space >> 63);
        i += 8;
        continue;
      }
      // (An A0 after a C2 ending the last chunk is an A0 in this one: excluded too.)
      if ((w & kBytes80) == kBytes80 && !has_byte(w, 0xC2) && !has_byte(w, 0xA0)) {
        n += prev_space;  // no space inside: at most a word starting at its first byte
        prev_space = 0;
        i += 8;
        continue;
      }
    }
    const std::size_t end = std::min(size, i + 8);
    for (; i < end; ++i) {
      const unsigned char c = p[i];
      const unsigned space = kSpace[c] | (c == 0xC2 && i + 1 < size && p[i + 1] == 0xA0) |
                             (c == 0xA0 && i > 0 && p[i - 1] == 0xC2);
      n += static_cast<std::int64_t>(prev_space & (space ^ 1u));
      prev_space = space;
    }
  }
  return n;
}

void append_code_point(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// ---- Code points ---------------------------------------------------------------------------

namespace {
#include "core/case_table.inc"
}  // namespace

std::size_t encode_cp(std::uint32_t cp, char* out) {
  if (cp < 0x80) {
    out[0] = static_cast<char>(cp);
    return 1;
  }
  if (cp < 0x800) {
    out[0] = static_cast<char>(0xC0 | (cp >> 6));
    out[1] = static_cast<char>(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    out[0] = static_cast<char>(0xE0 | (cp >> 12));
    out[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out[2] = static_cast<char>(0x80 | (cp & 0x3F));
    return 3;
  }
  out[0] = static_cast<char>(0xF0 | (cp >> 18));
  out[1] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
  out[2] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
  out[3] = static_cast<char>(0x80 | (cp & 0x3F));
  return 4;
}

namespace {

// case_table.inc's two ranges as flat tables: a code point's lower case and whether it is a
// lower-case letter, each one load (the readers ask per letter).
constexpr std::uint32_t kTableEnd = 0x530, kExtendedFirst = 0x1E00, kExtendedEnd = 0x1F00;
struct CaseTables {
  std::uint32_t lower[kTableEnd + (kExtendedEnd - kExtendedFirst)];
  bool is_lower[kTableEnd + (kExtendedEnd - kExtendedFirst)];
};

// The slot of `cp` in CaseTables, or -1 outside both ranges.
constexpr long case_slot(std::uint32_t cp) {
  if (cp < kTableEnd) return static_cast<long>(cp);
  if (cp >= kExtendedFirst && cp < kExtendedEnd)
    return static_cast<long>(kTableEnd + cp - kExtendedFirst);
  return -1;
}

constexpr bool table_holds_case_pairs() {
  for (const auto& pair : kCasePairs)
    if (case_slot(pair[0]) < 0) return false;
  for (std::uint32_t cp : kLowerCase)
    if (case_slot(cp) < 0) return false;
  return true;
}
static_assert(table_holds_case_pairs(), "case_table.inc has a letter outside CaseTables' ranges");

const CaseTables& case_tables() {
  static const CaseTables tables = [] {
    CaseTables t{};
    for (std::uint32_t cp = 0; cp < kExtendedEnd; ++cp) {
      const long slot = case_slot(cp);
      if (slot >= 0) t.lower[slot] = cp;
    }
    for (const auto& pair : kCasePairs) t.lower[case_slot(pair[0])] = pair[1];
    for (std::uint32_t c = 'a'; c <= 'z'; ++c) t.is_lower[c] = true;
    for (std::uint32_t cp : kLowerCase) t.is_lower[case_slot(cp)] = true;
    return t;
  }();
  return tables;
}

}  // namespace

std::uint32_t lower_cp(std::uint32_t cp) {
  if (cp < 0x80) return cp >= 'A' && cp <= 'Z' ? cp + 32 : cp;
  const long slot = case_slot(cp);
  return slot < 0 ? cp : case_tables().lower[slot];
}

bool is_lower_cp(std::uint32_t cp) {
  if (cp < 0x80) return cp >= 'a' && cp <= 'z';
  const long slot = case_slot(cp);
  return slot >= 0 && case_tables().is_lower[slot];
}

}  // namespace articles
