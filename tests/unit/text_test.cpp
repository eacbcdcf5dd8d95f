#define BOOST_TEST_MODULE text
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "core/text.hpp"

using namespace articles;

// Regression (sql_fuzz, UndefinedBehaviorSanitizer): the 16-byte check copied the rest of an
// empty view from its null pointer.
BOOST_AUTO_TEST_CASE(an_empty_view_without_a_pointer_is_valid_and_empty) {
  std::string out;
  BOOST_TEST(!append_valid_utf8(std::string_view(), out).any());
  BOOST_TEST(out.empty());
  BOOST_TEST(count_words(std::string_view()) == 0);
}

BOOST_AUTO_TEST_CASE(valid_utf8_passes_through) {
  std::string out;
  Repairs r = append_valid_utf8("plain \xC3\xA9t\xC3\xA9 \xF0\x9F\x98\x80", out);
  BOOST_TEST(!r.any());
  BOOST_TEST(out == "plain \xC3\xA9t\xC3\xA9 \xF0\x9F\x98\x80");
}

BOOST_AUTO_TEST_CASE(invalid_sequences_become_one_replacement_each) {
  std::string out;
  // A stray continuation byte, a truncated 3-byte sequence before ASCII, an overlong '/'
  // (C0 AF: two invalid bytes), a UTF-16 surrogate encoded in UTF-8 (ED A0 80: three bytes).
  Repairs r = append_valid_utf8(
      "a\x80"
      "b\xE2\x82"
      "c\xC0\xAF"
      "d\xED\xA0\x80",
      out);
  BOOST_TEST(out == "a\uFFFDb\uFFFDc\uFFFD\uFFFDd\uFFFD\uFFFD\uFFFD");
  BOOST_TEST(r.invalid == 7u);
  BOOST_TEST(r.first_line == 1u);
  BOOST_TEST(is_valid_utf8(out));
}

BOOST_AUTO_TEST_CASE(code_points_above_u10ffff_are_invalid) {
  std::string out;
  append_valid_utf8("\xF4\x90\x80\x80", out);
  BOOST_TEST(out == "\uFFFD\uFFFD\uFFFD\uFFFD");
}

BOOST_AUTO_TEST_CASE(nul_bytes_are_replaced_and_counted_with_their_line) {
  std::string out;
  Repairs r = append_valid_utf8(std::string("one\ntwo\0three", 13), out);
  BOOST_TEST(out == "one\ntwo\uFFFDthree");
  BOOST_TEST(r.nul == 1u);
  BOOST_TEST(r.first_line == 2u);
}

BOOST_AUTO_TEST_CASE(yaml_cpp_latin1_strays_are_repaired_only_when_asked) {
  std::string fixed, plain;
  append_valid_utf8(
      "a\x85"
      "b\xA0"
      "c",
      fixed, /*latin1_strays=*/true);
  BOOST_TEST(fixed == "a\u0085b\u00A0c");
  append_valid_utf8(
      "a\x85"
      "b",
      plain);
  BOOST_TEST(plain == "a\uFFFDb");
}

BOOST_AUTO_TEST_CASE(utf8_bom_is_dropped) {
  DecodedText d = decode_file_bytes("\xEF\xBB\xBFhello");
  BOOST_TEST(d.had_bom);
  BOOST_TEST(d.text == "hello");
  BOOST_TEST(std::string(d.encoding) == "UTF-8");
}

BOOST_AUTO_TEST_CASE(utf16_le_and_be_are_decoded) {
  // "h\u00e9\U0001F600\n" with a BOM, in both byte orders.
  std::string le("\xFF\xFEh\0\xE9\0\x3D\xD8\x00\xDE\n\0", 12);
  std::string be("\xFE\xFF\0h\0\xE9\xD8\x3D\xDE\x00\0\n", 12);
  for (const auto& bytes : {le, be}) {
    DecodedText d = decode_file_bytes(bytes);
    BOOST_TEST(d.text == "h\u00E9\U0001F600\n");
    BOOST_TEST(!d.repairs.any());
  }
  BOOST_TEST(std::string(decode_file_bytes(le).encoding) == "UTF-16LE");
}

BOOST_AUTO_TEST_CASE(an_8_bit_text_is_read_as_windows_1252) {
  // Latin-1 letters, Windows-1252's quotes, dash and euro sign, a byte it leaves undefined (a C1
  // control then), the bytes of an overlong form: none of them in a UTF-8 sequence.
  DecodedText d = decode_file_bytes(
      "Caf\xE9\nna\xEFve \x93q\x94 \x96 \x80\x81 \xC0\xAF \xFF"
      "\n");
  BOOST_TEST(std::string(d.encoding) == "windows-1252");
  BOOST_TEST(d.text ==
             "Caf\u00E9\nna\u00EFve \u201Cq\u201D \u2013 \u20AC\u0081 \u00C0\u00AF \u00FF\n");
  BOOST_TEST(!d.repairs.any());
  BOOST_TEST(d.legacy_line == 1u);
  // Its first byte past ASCII on line 3; a NUL replaced and counted as in UTF-8.
  DecodedText late = decode_file_bytes(std::string("a\nb\n\xE9\0", 6));
  BOOST_TEST(late.legacy_line == 3u);
  BOOST_TEST(late.text == "a\nb\n\u00E9\uFFFD");
  BOOST_TEST(late.repairs.nul == 1u);
  BOOST_TEST(late.repairs.first_line == 3u);
  // One valid UTF-8 sequence: the text is UTF-8 and its stray byte is replaced.
  DecodedText mixed = decode_file_bytes("Caf\xC3\xA9 \xE9");
  BOOST_TEST(std::string(mixed.encoding) == "UTF-8");
  BOOST_TEST(mixed.text == "Caf\u00E9 \uFFFD");
  BOOST_TEST(mixed.repairs.invalid == 1u);
  BOOST_TEST(mixed.legacy_line == 0u);
  // A UTF-8 byte order mark says UTF-8: the stray byte is replaced.
  DecodedText marked = decode_file_bytes(
      "\xEF\xBB\xBF"
      "Caf\xE9");
  BOOST_TEST(std::string(marked.encoding) == "UTF-8");
  BOOST_TEST(marked.text == "Caf\uFFFD");
  // ASCII alone, or valid UTF-8: as ever.
  BOOST_TEST(decode_file_bytes("plain").legacy_line == 0u);
  BOOST_TEST(std::string(decode_file_bytes("\xC3\xA9").encoding) == "UTF-8");
}

BOOST_AUTO_TEST_CASE(utf16_lone_surrogates_and_odd_bytes_are_replaced) {
  std::string bytes(
      "\xFF\xFE\x00\xD8"
      "a\0"
      "\x00\xDC"
      "z",
      9);
  DecodedText d = decode_file_bytes(bytes);
  BOOST_TEST(d.text == "\uFFFDa\uFFFD\uFFFD");
  BOOST_TEST(d.repairs.invalid == 3u);
}

BOOST_AUTO_TEST_CASE(a_lower_case_grows_by_a_byte_at_most_and_only_from_two_bytes) {
  // What a buffer of one and a half times a text's bytes holds its lower case by (key_of): Ⱥ
  // and Ⱦ (U+023A, U+023E, two bytes) become ⱥ and ⱦ (U+2C65, U+2C66, three bytes).
  BOOST_TEST(lower_cp(0x023A) == 0x2C65u);
  BOOST_TEST(lower_cp(0x023E) == 0x2C66u);
  char a[4], b[4];
  for (std::uint32_t cp = 0; cp <= 0x10FFFF; ++cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;
    const std::size_t from = encode_cp(cp, a), to = encode_cp(lower_cp(cp), b);
    if (to > from && !(from == 2 && to == 3)) BOOST_FAIL("U+" << std::hex << cp << " grows");
  }
}

BOOST_AUTO_TEST_CASE(words_are_counted_on_white_space_and_no_break_space) {
  BOOST_TEST(count_words("") == 0);
  BOOST_TEST(count_words("  one\ttwo\r\nthree  ") == 3);
  BOOST_TEST(count_words("a\u00A0b c") == 3);
  BOOST_TEST(count_words("caf\u00E9 na\u00EFve") == 2);
  BOOST_TEST(count_words("\u00A0\u00A0lead and trail\u00A0") == 3);
  BOOST_TEST(count_words("x\u00A0\u00A0\u00A0y") == 2);
  BOOST_TEST(count_words("\u00E0\u00A0\u00C2b") == 2);  // C3 A0 (à) is a letter; C3 82 (Â) too
  BOOST_TEST(count_words("one") == 1);
}

// Words are counted 64 or 8 bytes at a time where it can: the same count as one byte at a
// time, for random mixes of ASCII, white space, U+00A0 and multi-byte letters, at every
// alignment and across the blocks' edges.
BOOST_AUTO_TEST_CASE(words_counted_by_blocks_as_by_one) {
  auto reference = [](const std::string& s) {
    std::int64_t n = 0;
    bool in_word = false;
    for (std::size_t i = 0; i < s.size(); ++i) {
      bool space = s[i] == ' ' || (s[i] >= '\t' && s[i] <= '\r');
      if (s[i] == '\xC2' && i + 1 < s.size() && s[i + 1] == '\xA0') {
        space = true;
        ++i;
      }
      if (space)
        in_word = false;
      else if (!in_word)
        in_word = ++n;
    }
    return n;
  };
  const char* const pieces[] = {"a",      "word",         " ",          "\t",     "\n",
                                "\r\n",   "\v",           "\f",         "\u00A0", "\u00C2",
                                "\u00E0", "\u65E5\u672C", "\U0001F600", "x.y",    "  "};
  std::uint64_t seed = 12345;
  for (int round = 0; round < 3000; ++round) {
    std::string s;
    const int count = static_cast<int>(seed % 160);
    for (int k = 0; k < count; ++k) {
      seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
      s += pieces[(seed >> 33) % (sizeof pieces / sizeof pieces[0])];
    }
    seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    BOOST_TEST(count_words(s) == reference(s), "'" << s << "'");
  }
}

// The ASCII fast path of the UTF-8 check takes 8 bytes at a time: a NUL or a byte of a
// sequence at every position of a word is still found.
BOOST_AUTO_TEST_CASE(nul_and_sequences_are_found_at_every_position) {
  for (std::size_t at = 0; at < 24; ++at) {
    std::string in(24, 'a');
    in[at] = '\0';
    std::string out;
    Repairs r = append_valid_utf8(in, out);
    BOOST_TEST(r.nul == 1u);
    BOOST_TEST(out.size() == 23u + 3u);
    std::string accented(24, 'b');
    accented.replace(at, 1, "\xC3\xA9");
    std::string copy;
    BOOST_TEST(!append_valid_utf8(accented, copy).any());
    BOOST_TEST(copy == accented);
    std::string stray(24, 'c');
    stray[at] = '\x80';
    std::string fixed;
    BOOST_TEST(append_valid_utf8(stray, fixed).invalid == 1u);
  }
}

namespace {

// Whether `s` is valid UTF-8 without NUL, read byte by byte after Unicode's Table 3-7.
bool valid_by_table(const std::string& s) {
  auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  for (std::size_t i = 0; i < s.size();) {
    const unsigned char c = b(i);
    std::size_t need;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c == 0) return false;
    if (c < 0x80) {
      ++i;
      continue;
    }
    if (c >= 0xC2 && c <= 0xDF) {
      need = 1;
    } else if (c >= 0xE0 && c <= 0xEF) {
      need = 2;
      lo = c == 0xE0 ? 0xA0 : 0x80;
      hi = c == 0xED ? 0x9F : 0xBF;
    } else if (c >= 0xF0 && c <= 0xF4) {
      need = 3;
      lo = c == 0xF0 ? 0x90 : 0x80;
      hi = c == 0xF4 ? 0x8F : 0xBF;
    } else {
      return false;
    }
    for (std::size_t k = 1; k <= need; ++k) {
      if (i + k >= s.size()) return false;
      const unsigned char t = b(i + k);
      if (t < (k == 1 ? lo : 0x80) || t > (k == 1 ? hi : 0xBF)) return false;
    }
    i += need + 1;
  }
  return true;
}

}  // namespace

// Valid text is checked 16 bytes at a time and copied whole; anything else goes through the
// repair. Against a byte-by-byte reading of Unicode's Table 3-7: the text comes out unchanged,
// with no repair, exactly when it is valid UTF-8 without NUL, for random mixes of valid and
// broken sequences at every position and length.
BOOST_AUTO_TEST_CASE(valid_text_is_found_valid_block_by_block_as_byte_by_byte) {
  const char* const pieces[] = {
      "a",
      "text ",
      "\n",
      "\xC3\xA9",
      "\xE2\x80\x94",
      "\xF0\x9F\x98\x80",
      "\xC2\xA0",
      "\xEF\xBF\xBD",
      "\xF4\x8F\xBF\xBF",  // valid
      "\xC3",
      "\xE2\x80",
      "\xF0\x9F\x98",
      "\x80",
      "\xBF",
      "\xC0\xAF",
      "\xC1\x81",
      "\xE0\x80\x80",
      "\xED\xA0\x80",
      "\xF0\x80\x80\x80",
      "\xF4\x90\x80\x80",
      "\xF5\x80\x80\x80",
      "\xFF",
      "\xFE"};  // broken: cut short, stray, overlong, surrogate, too large
  std::uint64_t seed = 99;
  int broken = 0;
  for (int round = 0; round < 20000; ++round) {
    seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    const int count = static_cast<int>((seed >> 33) % 48);
    // Mostly valid pieces, so that a single broken one lands anywhere in a long text.
    const bool any = (seed >> 20) % 4 == 0;
    std::string s;
    for (int k = 0; k < count; ++k) {
      seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
      const std::size_t n = sizeof pieces / sizeof pieces[0];
      s += pieces[(seed >> 33) % (any ? n : 9)];
    }
    seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    if ((seed >> 40) % 8 == 0 && !s.empty()) s[(seed >> 20) % s.size()] = '\0';
    std::string out;
    const Repairs r = append_valid_utf8(s, out);
    const bool expected = valid_by_table(s);
    broken += !expected;
    BOOST_TEST((out == s && !r.any()) == expected, "round " << round << ": " << s.size());
    BOOST_TEST(is_valid_utf8(out));
  }
  BOOST_TEST(broken > 2000);  // both kinds were tried
}

// Runs of 32 ASCII bytes after an ASCII byte are checked for NUL alone: one sequence, whole,
// cut short or stray, or a NUL, at every place of a long ASCII text is judged as byte by byte.
BOOST_AUTO_TEST_CASE(one_sequence_at_every_place_of_ascii_text) {
  const std::string pieces[] = {"\xC3\xA9", "\xE2\x80\x94",      "\xF0\x9F\x98\x80",
                                "\xC3",     "\xE2\x80",          "\xF0\x9F\x98",
                                "\x80",     std::string(1, '\0')};
  for (const std::string& piece : pieces) {
    for (std::size_t at = 0; at + piece.size() <= 100; ++at) {
      std::string s(100, 'a');
      s.replace(at, piece.size(), piece);
      std::string out;
      const Repairs r = append_valid_utf8(s, out);
      BOOST_TEST((out == s && !r.any()) == valid_by_table(s), "at " << at);
    }
  }
}

// The hash the persistent cache stores and the reader's tables index by: pinned to values
// computed apart from this code (Python, from its definition), so that it stays the same on
// every machine and build; every byte counts.
BOOST_AUTO_TEST_CASE(word_hash_is_pinned_and_reads_every_byte) {
  BOOST_TEST(word_hash("") == 0x8df12dd7656b1be1ULL);
  BOOST_TEST(word_hash("harbour") == 0x50349bd2daa76581ULL);
  BOOST_TEST(word_hash("The harbour authority said on Monday that") == 0x569fb54995a4f4c6ULL);
  const std::string line(150, 'a');
  for (std::size_t at = 0; at < line.size(); ++at) {
    std::string other = line;
    other[at] = 'b';
    BOOST_TEST(word_hash(other) != word_hash(line));
  }
  BOOST_TEST(word_hash(std::string_view("ab", 1)) != word_hash(std::string_view("a\0", 2)));
}

BOOST_AUTO_TEST_CASE(find_text_finds_the_first_place_from_a_start) {
  BOOST_TEST(find_text("aXbXc", "X") == 1u);
  BOOST_TEST(find_text("aXbXc", "X", 2) == 3u);
  BOOST_TEST(find_text("aXbXc", "X", 4) == std::string_view::npos);
  BOOST_TEST(find_text("abc", "", 2) == 2u);
  BOOST_TEST(find_text("abc", "", 4) == std::string_view::npos);
  BOOST_TEST(find_text("ab", "abc") == std::string_view::npos);
  BOOST_TEST(find_text(std::string_view(), "a") == std::string_view::npos);
  // Texts where a search comparing from every place takes time proportional to both sizes.
  const std::string hay(1 << 20, 'a');
  BOOST_TEST(find_text(hay, "b" + std::string(999, 'a')) == std::string_view::npos);
  BOOST_TEST(find_text(hay + "b", std::string(999, 'a') + "b") == hay.size() - 999);
}

// TextSearch agrees with a plain search on every pair of short texts over two letters (where
// its skips and its switch to memmem both happen), and takes linear time on a hostile pair.
BOOST_AUTO_TEST_CASE(text_search_agrees_with_a_plain_search) {
  std::vector<std::string> texts{""};
  for (std::size_t n = 1; n <= 7; ++n)
    for (unsigned bits = 0; bits < (1u << n); ++bits) {
      std::string t;
      for (std::size_t k = 0; k < n; ++k) t += (bits >> k) & 1u ? 'b' : 'a';
      texts.push_back(t);
    }
  std::size_t found = 0;
  for (const std::string& needle : texts) {
    const TextSearch search(needle);
    for (const std::string& hay : texts) {
      const bool in = hay.find(needle) != std::string::npos;
      found += in;
      BOOST_TEST(search.in(hay) == in, '"' << needle << "\" in \"" << hay << '"');
      BOOST_TEST((find_text(hay, needle) != std::string_view::npos) == in);
    }
  }
  BOOST_TEST(found > 0u);
  const std::string hay(1 << 20, 'a');
  const std::string needle = "qq rr ss b" + std::string(990, 'a');
  BOOST_TEST(!TextSearch(needle).in(hay));
  BOOST_TEST(TextSearch(needle).in(hay + needle));
}
