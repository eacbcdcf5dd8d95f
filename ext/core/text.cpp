#include "core/text.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <iterator>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if defined(__x86_64__) && defined(__GNUC__)
#include <tmmintrin.h>
#define ARTICLES_UTF8_SSSE3 1
#endif

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

#if defined(ARTICLES_UTF8_SSSE3)
namespace {

// The checks of one 16-byte block `in` after the block `prev`, or'ed into `error`: Keiser and
// Lemire's UTF-8 validation by three nibble lookups ("Validating UTF-8 In Less Than One
// Instruction Per Byte", 2021), and a NUL test. Each bit of a lookup stands for one kind of
// error that the high nibble of the byte before, its low nibble and the high nibble of the
// byte itself must all allow; a continuation byte that must be the third or fourth of its
// sequence is tested apart.
__attribute__((target("ssse3"))) inline void check_utf8_block(__m128i in, __m128i prev,
                                                              __m128i* error) {
  constexpr char kTooShort = 1 << 0;      // a lead or ASCII byte where a continuation must be
  constexpr char kTooLong = 1 << 1;       // a continuation after ASCII
  constexpr char kOverlong3 = 1 << 2;     // E0 80..9F
  constexpr char kTooLarge = 1 << 3;      // above U+10FFFF
  constexpr char kSurrogate = 1 << 4;     // ED A0..BF
  constexpr char kOverlong2 = 1 << 5;     // C0, C1
  constexpr char kTooLarge1000 = 1 << 6;  // F5..FF 80..8F
  constexpr char kOverlong4 = 1 << 6;     // F0 80..8F
  constexpr char kTwoConts = static_cast<char>(1 << 7);  // a continuation after one
  constexpr char kCarry = kTooShort | kTooLong | kTwoConts;
  const __m128i by_prev_high = _mm_setr_epi8(
      kTooLong, kTooLong, kTooLong, kTooLong, kTooLong, kTooLong, kTooLong, kTooLong, kTwoConts,
      kTwoConts, kTwoConts, kTwoConts, kTooShort | kOverlong2, kTooShort,
      kTooShort | kOverlong3 | kSurrogate, kTooShort | kTooLarge | kTooLarge1000 | kOverlong4);
  const __m128i by_prev_low = _mm_setr_epi8(
      kCarry | kOverlong3 | kOverlong2 | kOverlong4, kCarry | kOverlong2, kCarry, kCarry,
      kCarry | kTooLarge, kCarry | kTooLarge | kTooLarge1000, kCarry | kTooLarge | kTooLarge1000,
      kCarry | kTooLarge | kTooLarge1000, kCarry | kTooLarge | kTooLarge1000,
      kCarry | kTooLarge | kTooLarge1000, kCarry | kTooLarge | kTooLarge1000,
      kCarry | kTooLarge | kTooLarge1000, kCarry | kTooLarge | kTooLarge1000,
      kCarry | kTooLarge | kTooLarge1000 | kSurrogate, kCarry | kTooLarge | kTooLarge1000,
      kCarry | kTooLarge | kTooLarge1000);
  const __m128i by_high = _mm_setr_epi8(
      kTooShort, kTooShort, kTooShort, kTooShort, kTooShort, kTooShort, kTooShort, kTooShort,
      kTooLong | kOverlong2 | kTwoConts | kOverlong3 | kTooLarge1000 | kOverlong4,
      kTooLong | kOverlong2 | kTwoConts | kOverlong3 | kTooLarge,
      kTooLong | kOverlong2 | kTwoConts | kSurrogate | kTooLarge,
      kTooLong | kOverlong2 | kTwoConts | kSurrogate | kTooLarge, kTooShort, kTooShort, kTooShort,
      kTooShort);
  const __m128i nibble = _mm_set1_epi8(0x0F);
  const __m128i prev1 = _mm_alignr_epi8(in, prev, 15);
  const __m128i special = _mm_and_si128(
      _mm_and_si128(_mm_shuffle_epi8(by_prev_high, _mm_and_si128(_mm_srli_epi16(prev1, 4), nibble)),
                    _mm_shuffle_epi8(by_prev_low, _mm_and_si128(prev1, nibble))),
      _mm_shuffle_epi8(by_high, _mm_and_si128(_mm_srli_epi16(in, 4), nibble)));
  // The third byte of a sequence follows E0..FF two bytes back, the fourth F0..FF three back:
  // there the lookups find two continuations in a row, which is then no error.
  const __m128i third = _mm_subs_epu8(_mm_alignr_epi8(in, prev, 14), _mm_set1_epi8(0x60));
  const __m128i fourth = _mm_subs_epu8(_mm_alignr_epi8(in, prev, 13), _mm_set1_epi8(0x70));
  const __m128i must_continue =
      _mm_and_si128(_mm_or_si128(third, fourth), _mm_set1_epi8(static_cast<char>(0x80)));
  *error = _mm_or_si128(*error, _mm_xor_si128(must_continue, special));
  *error = _mm_or_si128(*error, _mm_cmpeq_epi8(in, _mm_setzero_si128()));
}

// Whether `s` is valid UTF-8 without NUL, 16 bytes at a time.
__attribute__((target("ssse3"))) bool valid_without_nul_ssse3(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  __m128i prev = _mm_setzero_si128(), error = _mm_setzero_si128();
  std::size_t i = 0;
  // 32 ASCII bytes after an ASCII byte need only the NUL test: after ASCII, the lookups find
  // an error in ASCII nowhere (and no sequence is left open to need a continuation).
  bool after_ascii = true;  // the byte before p + i is ASCII (or there is none)
  for (; i + 32 <= s.size(); i += 32) {
    const __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i + 16));
    if (after_ascii && _mm_movemask_epi8(_mm_or_si128(a, b)) == 0) {
      error = _mm_or_si128(error, _mm_cmpeq_epi8(_mm_min_epu8(a, b), _mm_setzero_si128()));
    } else {
      check_utf8_block(a, prev, &error);
      check_utf8_block(b, a, &error);
      after_ascii = static_cast<signed char>(p[i + 31]) >= 0;
    }
    prev = b;
  }
  for (; i + 16 <= s.size(); i += 16) {
    const __m128i in = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    check_utf8_block(in, prev, &error);
    prev = in;
  }
  // The rest (maybe nothing) padded with spaces: at least one follows the last byte, so a
  // sequence cut short at the end is one followed by a space.
  unsigned char tail[16];
  std::memset(tail, ' ', sizeof tail);
  if (s.size() > i) std::memcpy(tail, p + i, s.size() - i);  // an empty view may hold no pointer
  check_utf8_block(_mm_loadu_si128(reinterpret_cast<const __m128i*>(tail)), prev, &error);
  return _mm_movemask_epi8(_mm_cmpeq_epi8(error, _mm_setzero_si128())) == 0xFFFF;
}

bool has_ssse3() {
  static const bool yes = [] {
    __builtin_cpu_init();  // may run before the constructors that would have made it ready
    return __builtin_cpu_supports("ssse3") != 0;
  }();
  return yes;
}

}  // namespace
#endif

Repairs append_valid_utf8(std::string_view in, std::string& out, bool latin1_strays) {
#if defined(ARTICLES_UTF8_SSSE3)
  // Most text is valid: checked 16 bytes at a time and copied whole. Else the repair below.
  if (has_ssse3() && valid_without_nul_ssse3(in)) {
    out.append(in);
    return Repairs{};
  }
#endif
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

namespace {

// Whether `s` holds a valid UTF-8 sequence of two bytes or more.
bool has_multibyte_sequence(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (static_cast<unsigned char>(s[i]) < 0x80) continue;
    std::size_t bad = 0;
    if (utf8_sequence(s, i, &bad) > 0) return true;
  }
  return false;
}

// The characters of Windows-1252's bytes 0x80-0x9F (the WHATWG Encoding Standard's table: the
// five bytes it leaves undefined are the C1 controls of the same number); 0xA0-0xFF are Latin-1.
constexpr std::uint16_t kWindows1252[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

// A character of a decoded text replaced by U+FFFD, counted in `count` (d.repairs.invalid or
// .nul), the line of the first replacement kept.
void replace(DecodedText& d, std::size_t& count, std::uint32_t line) {
  if (!d.repairs.any()) d.repairs.first_line = line;
  ++count;
  d.text += kReplacement;
}

// `bytes` as Windows-1252 into d (its text empty), NULs replaced and counted.
void decode_windows_1252(std::string_view bytes, DecodedText& d) {
  d.encoding = "windows-1252";
  d.text.reserve(bytes.size() + bytes.size() / 2);
  std::uint32_t line = 1;
  for (const char ch : bytes) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '\n') {
      ++line;
    } else if (c == 0) {
      replace(d, d.repairs.nul, line);
      continue;
    } else if (c >= 0x80) {
      if (!d.legacy_line) d.legacy_line = line;
      append_code_point(d.text, c < 0xA0 ? kWindows1252[c - 0x80] : c);
      continue;
    }
    d.text += ch;
  }
}

}  // namespace

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
    // (A UTF-8 byte order mark says UTF-8: its text keeps the replacements.)
    if (d.repairs.invalid > 0 && !d.had_bom && !has_multibyte_sequence(bytes)) {
      d.text.clear();
      d.repairs = Repairs{};
      decode_windows_1252(bytes, d);
    }
    return d;
  }
  d.had_bom = true;
  d.encoding = le ? "UTF-16LE" : "UTF-16BE";
  d.text.reserve(bytes.size());
  std::uint32_t line = 1;
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
      replace(d, d.repairs.invalid, line);
    } else if (u >= 0xDC00 && u <= 0xDFFF) {
      replace(d, d.repairs.invalid, line);
    } else if (u == 0) {
      replace(d, d.repairs.nul, line);
    } else {
      if (u == '\n') ++line;
      append_code_point(d.text, u);
    }
  }
  if (i < bytes.size()) replace(d, d.repairs.invalid, line);  // an odd byte at the end
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

#if defined(__SSE2__)
// Bit k of each: byte k of the 64 at `p` is ASCII white space (' ', \t to \r), 0xC2, 0xA0.
struct SpaceMasks {
  std::uint64_t space = 0, c2 = 0, a0 = 0;
};
SpaceMasks space_masks(const unsigned char* p) {
  SpaceMasks m;
  for (int k = 0; k < 4; ++k) {
    const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * k));
    const __m128i from_tab = _mm_sub_epi8(x, _mm_set1_epi8('\t'));  // \t..\r: 0..4, unsigned
    const __m128i control = _mm_cmpeq_epi8(_mm_min_epu8(from_tab, _mm_set1_epi8(4)), from_tab);
    const __m128i space = _mm_or_si128(control, _mm_cmpeq_epi8(x, _mm_set1_epi8(' ')));
    auto bits = [&](__m128i v) {
      return static_cast<std::uint64_t>(static_cast<unsigned>(_mm_movemask_epi8(v))) << (16 * k);
    };
    m.space |= bits(space);
    m.c2 |= bits(_mm_cmpeq_epi8(x, _mm_set1_epi8(static_cast<char>(0xC2))));
    m.a0 |= bits(_mm_cmpeq_epi8(x, _mm_set1_epi8(static_cast<char>(0xA0))));
  }
  return m;
}
#endif

// The set bits of a word (GCC, without -mpopcnt, calls a library routine for
// __builtin_popcountll).
inline int bit_count(std::uint64_t x) {
  x -= (x >> 1) & 0x5555555555555555ULL;
  x = (x & 0x3333333333333333ULL) + ((x >> 2) & 0x3333333333333333ULL);
  x = (x + (x >> 4)) & 0x0f0f0f0f0f0f0f0fULL;
  return static_cast<int>((x * 0x0101010101010101ULL) >> 56);
}

}  // namespace

void WordHash::add(std::string_view s) {
  auto word_at = [](const char* p) {
    std::uint64_t w = 0;
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    std::memcpy(&w, p, 8);  // the same word, read at once
#else
    for (int k = 7; k >= 0; --k) w = (w << 8) | static_cast<unsigned char>(p[k]);
#endif
    return w;
  };
  std::size_t i = 0;
  if (s.size() >= 32) {
    std::uint64_t lane[4] = {h, h ^ 1, h ^ 2, h ^ 3};
    for (; i + 32 <= s.size(); i += 32)
      for (int k = 0; k < 4; ++k) lane[k] = mixed(lane[k], word_at(s.data() + i + 8 * k));
    for (int k = 0; k < 4; ++k) add_number(lane[k]);
  }
  for (; i + 8 <= s.size(); i += 8) add_number(word_at(s.data() + i));
  // The last 0 to 7 bytes as a number (little-endian): the text's last word shifted, when it
  // has one.
  std::uint64_t tail = 0;
  const std::size_t rest = s.size() - i;
  if (rest > 0 && s.size() >= 8)
    tail = word_at(s.data() + s.size() - 8) >> (8 * (8 - rest));
  else
    for (std::size_t k = s.size(); k > i; --k)
      tail = (tail << 8) | static_cast<unsigned char>(s[k - 1]);
  add_number(tail);
  add_number(s.size());
}

std::size_t find_text(std::string_view hay, std::string_view needle, std::size_t from) {
  if (from > hay.size()) return std::string_view::npos;
  if (needle.empty()) return from;
  if (needle.size() > hay.size() - from) return std::string_view::npos;  // (also a null hay)
  // Where the needle's first byte is (memchr), compared there: the fastest on a line of text.
  // Past as many bytes compared as the hay holds, glibc's memmem, linear whatever the texts
  // (its tables cost more than the few comparisons a line of text takes).
  const char* const begin = hay.data();
  const char* const last = begin + (hay.size() - needle.size());
  const char* p = begin + from;
  std::size_t budget = hay.size() - from;
  while (p <= last) {
    p = static_cast<const char*>(std::memchr(p, needle[0], static_cast<std::size_t>(last - p) + 1));
    if (!p) return std::string_view::npos;
    // (The second byte first: it tells most places apart, and those cost nothing further.)
    if (needle.size() > 1 && p[1] != needle[1]) {
      ++p;
      continue;
    }
    if (std::memcmp(p + 1, needle.data() + 1, needle.size() - 1) == 0)
      return static_cast<std::size_t>(p - begin);
    if (needle.size() > budget) {
      const void* at = memmem(p + 1, static_cast<std::size_t>(begin + hay.size() - p - 1),
                              needle.data(), needle.size());
      return at ? static_cast<std::size_t>(static_cast<const char*>(at) - begin)
                : std::string_view::npos;
    }
    budget -= needle.size();
    ++p;
  }
  return std::string_view::npos;
}

TextSearch::TextSearch(std::string_view needle) : needle_(needle) {
  const auto m = static_cast<std::uint32_t>(std::min<std::size_t>(needle.size(), UINT32_MAX));
  std::fill(std::begin(skip_), std::end(skip_), std::max<std::uint32_t>(m, 1));
  for (std::size_t k = 0; k + 1 < needle.size() && k + 1 < m; ++k)
    skip_[static_cast<unsigned char>(needle[k])] = m - 1 - static_cast<std::uint32_t>(k);
}

bool TextSearch::in(std::string_view hay) const {
  const std::size_t m = needle_.size();
  if (m == 0) return true;
  if (m > hay.size()) return false;
  const char last = needle_[m - 1];
  std::size_t budget = hay.size();
  for (std::size_t at = 0; at + m <= hay.size();) {
    const char c = hay[at + m - 1];
    if (c == last) {
      if (std::memcmp(hay.data() + at, needle_.data(), m - 1) == 0) return true;
      if (m > budget) return find_text(hay, needle_, at + 1) != std::string_view::npos;
      budget -= m;
    }
    at += skip_[static_cast<unsigned char>(c)];
  }
  return false;
}

std::int64_t count_words(std::string_view s) {
  // A word starts at each byte that is not space after one that is (or at the start). U+00A0
  // (C2 A0) is space: both of its bytes count as such. With SSE2, 64 bytes at a time; then
  // eight bytes at a time where they are all ASCII, or all of multi-byte sequences without C2
  // or A0 (no space among them); else byte by byte.
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
#if defined(__SSE2__)
  // 64 bytes at a time, whatever they hold: a bit per byte for space, word starts counted.
  for (; i + 64 <= size; i += 64) {
    const SpaceMasks m = space_masks(p + i);
    const std::uint64_t next_a0 = i + 64 < size && p[i + 64] == 0xA0;
    const std::uint64_t prev_c2 = i > 0 && p[i - 1] == 0xC2;
    const std::uint64_t space =
        m.space | (m.c2 & ((m.a0 >> 1) | (next_a0 << 63))) | (m.a0 & ((m.c2 << 1) | prev_c2));
    const std::uint64_t starts = ~space & ((space << 1) | prev_space);
    n += bit_count(starts);
    prev_space = static_cast<unsigned>(space >> 63);
  }
#endif
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
