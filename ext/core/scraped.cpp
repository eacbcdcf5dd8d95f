#include "core/scraped.hpp"

#include "core/headline_model.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <functional>
#include <stdexcept>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "core/dates.hpp"
#include "core/text.hpp"

namespace articles {

namespace {

int month_number(const std::string& w);  // 1-12 for a month's name or abbreviation, else 0

// ---- Languages -----------------------------------------------------------------------------

// The most frequent function words of each language: enough to tell running prose from
// menus, and to leave them out of the words that tie a headline to its article.
const char* const kStopWords[] = {
    // English
    "the of and to a in is that for it as was with be by on not he i this are or his from at "
    "which but have an they you were her she there been one all we their has would when if so "
    "no will can more who what its also into them only out some could than other my me our "
    "your about after over said",
    // French
    "le la les de des du un une et en à est que qui dans pour pas sur au aux par plus ne se ce "
    "il elle ils nous vous on son sa ses leur avec été être a ont mais ou où cette comme",
    // German
    "der die das und in zu den von mit ist des sich auf für nicht im dem ein eine als auch es "
    "an er sie wird bei oder aus nach wie noch aber um hat wir nur zum zur einer eines über so",
    // Spanish
    "el la de que y en los del se las por un una para con no es al lo como más pero sus su le "
    "ya o fue este ha sí porque esta son entre cuando muy sin sobre también",
    // Portuguese
    "o a de que e do da em um para com não uma os no se na por mais as dos como mas ao ele das "
    "à seu sua ou quando muito nos já eu também só pelo pela até isso",
    // Czech
    "a se na v je že to s z do o k i jako ale by pro tak po jsou být už jen od jak které který "
    "která ve za",
    // Italian
    "il di che e la per un in è non una sono da del della le si con ma come anche al dei nel "
    "più gli lo questo alla delle ha essere",
    // Dutch
    "de het een en van in is dat op te zijn met voor niet aan er die ook als bij door maar om "
    "naar dan wat nog uit zo wordt",
    // Polish
    "i w na z że się nie to do jest o jak po ale a od co tak za przez dla czy już tylko jego "
    "jej ich być był była było są przy pod oraz który która które ten ta tym tego tej też gdy",
    // Russian
    "и в не на что с как а то по он она они это к из у за от же для так но бы его ее её мы вы "
    "я о было был была были быть все всё уже или при только если когда этот эта эти",
    // Swedish
    "och i att det som en på är av för med till den har de inte om ett han men var jag sig "
    "från vi så kan man när hon under också efter eller nu sin där vid mot ska skulle kommer",
    // Danish and Norwegian
    "og i at det som en på er af av for med til den har de ikke om et han men var jeg sig seg "
    "fra vi så kan man når hun under også efter etter eller nu nå sin der ved mod mot skal",
    // Finnish
    "ja on ei se että oli hän ovat mutta kun niin myös kuin tai jo sen sitä ole olla ollut "
    "voi vain nyt tämä tämän joka jotka mukaan sekä vielä jos koska siitä siinä",
    // Hungarian
    "a az és hogy nem is egy meg de már csak van volt lesz ez azt ezt mint vagy még kell után "
    "között pedig mert akkor amely aki ami sem minden",
    // Turkish
    "ve bir bu da de için ile olarak çok daha ama gibi en o ne var değil kadar sonra ise mi "
    "olan olduğu şu her ya",
    // Romanian
    "și în de la a cu că nu pe o din este un care mai pentru se sunt au fost ca dar sau fi lui "
    "ei el ea iar după",
};
constexpr std::size_t kLanguages = sizeof kStopWords / sizeof kStopWords[0];
using LanguageBits = std::uint16_t;  // bit k: a stop word of kStopWords[k]
static_assert(kLanguages <= 16, "one bit per language");

// ---- Lines ---------------------------------------------------------------------------------

bool is_space_cp(std::uint32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\r' || cp == '\f' || cp == '\v' || cp == 0xA0 ||
         cp == 0x3000 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F || cp == 0x205F ||
         cp == 0xFEFF;
}

// A list item: a bullet character, or a number and `.` or `)`, then a space.
bool starts_bullet(std::string_view s) {
  std::size_t i = 0;
  if (s.empty()) return false;
  std::uint32_t cp = next_cp(s, &i);
  static const std::uint32_t kBullets[] = {0x2022, 0x25A1, 0x25A0, 0x25AA, 0x25E6, 0x00B7, '*',
                                           '-',    0x2013, 0x2014, 0x25CB, 0x25CF, 0x2023, '+'};
  if (std::find(std::begin(kBullets), std::end(kBullets), cp) != std::end(kBullets))
    return i == s.size() || s[i] == ' ' || static_cast<unsigned char>(s[i]) == 0xC2;
  std::size_t j = 0;
  while (j < s.size() && j < 3 && s[j] >= '0' && s[j] <= '9') ++j;
  return j > 0 && j + 1 < s.size() && (s[j] == '.' || s[j] == ')') && s[j + 1] == ' ';
}

// Whether one of the 8 bytes of `w` is an ASCII digit (a byte strictly between '0' - 1 and
// '9' + 1; bytes of 0x80 and above never count).
inline bool has_digit_byte(std::uint64_t w) {
  constexpr std::uint64_t kOnes = ~std::uint64_t{0} / 255, kLow7 = kOnes * 127;
  constexpr std::uint64_t below = '0' - 1, above = '9' + 1;
  return ((kOnes * (127 + above) - (w & kLow7)) & ~w & ((w & kLow7) + kOnes * (127 - below)) &
          kOnes * 128) != 0;
}

bool has_clock_or_year(std::string_view s) {
  for (std::size_t i = 0; i + 3 < s.size(); ++i) {
    // Each form starts with a digit: 8 bytes without one are passed at once.
    for (std::uint64_t w; i + 8 <= s.size(); i += 8) {
      std::memcpy(&w, s.data() + i, sizeof w);
      if (has_digit_byte(w)) break;
    }
    if (i + 3 >= s.size()) break;
    if (s[i] < '0' || s[i] > '9') continue;
    const bool boundary = i == 0 || !(s[i - 1] >= '0' && s[i - 1] <= '9');
    if (!boundary) continue;
    auto d = [&](std::size_t k) { return k < s.size() && s[k] >= '0' && s[k] <= '9'; };
    if (((s[i] == '1' && s[i + 1] == '9') || (s[i] == '2' && s[i + 1] == '0')) && d(i + 2) &&
        d(i + 3) && !d(i + 4))
      return true;
    if (d(i) && s[i + 1] == ':' && d(i + 2) && d(i + 3) && !d(i + 4)) return true;
    if (d(i) && d(i + 1) && s[i + 2] == ':' && d(i + 3) && d(i + 4) && !d(i + 5)) return true;
  }
  return false;
}

// Starts with what separates a page's title from its site's name: | - – — · • ( /.
bool starts_with_separator(std::string_view s) {
  if (s.empty()) return true;
  if (std::string_view("|-(/").find(s[0]) != std::string_view::npos) return true;
  for (std::string_view dash : {"\xE2\x80\x93", "\xE2\x80\x94", "\xC2\xB7", "\xE2\x80\xA2"})
    if (s.compare(0, dash.size(), dash) == 0) return true;
  return false;
}

// A full stop, question or exclamation mark followed by a space and more text.
bool has_sentence_break(std::string_view s) {
  for (std::size_t i = 0; i + 2 < s.size(); ++i)
    if ((s[i] == '.' || s[i] == '?' || s[i] == '!') && s[i + 1] == ' ' && i > 2) return true;
  return false;
}

// Ends like a sentence: . ! ? … or a closing quote or bracket after one of them.
bool ends_sentence(std::string_view s) {
  std::size_t end = s.size();
  while (end > 0) {
    unsigned char c = static_cast<unsigned char>(s[end - 1]);
    if (c == '"' || c == '\'' || c == ')') {
      --end;
      continue;
    }
    if (end >= 3 && s.substr(end - 3, 3) == "\xE2\x80\x9D") {
      end -= 3;
      continue;
    }  // ”
    if (end >= 2 && s.substr(end - 2, 2) == "\xC2\xBB") {
      end -= 2;
      continue;
    }  // »
    break;
  }
  if (end == 0) return false;
  char c = s[end - 1];
  if (c == '.' || c == '!' || c == '?' || c == ':') return true;
  // …, the ideographic and full-width full stops, marks and colon, the Arabic question mark,
  // the Devanagari danda.
  for (std::string_view mark : {"\xE2\x80\xA6", "\xE3\x80\x82", "\xEF\xBC\x8E", "\xEF\xBC\x81",
                                "\xEF\xBC\x9F", "\xEF\xBC\x9A", "\xD8\x9F", "\xE0\xA5\xA4"})
    if (end >= mark.size() && s.substr(end - mark.size(), mark.size()) == mark) return true;
  return false;
}

// Eight bytes at a time (SWAR): a mark is the high bit of a byte.
constexpr std::uint64_t kByteOnes = ~std::uint64_t{0} / 255, kByteHighs = kByteOnes * 0x80;
// The bytes of `x`, each below 0x80 (no sum carries into the next byte), from `lo` to `hi`.
inline std::uint64_t bytes_within(std::uint64_t x, unsigned char lo, unsigned char hi) {
  return (x + kByteOnes * (0x80 - lo)) & ~(x + kByteOnes * (0x7F - hi)) & kByteHighs;
}
// The bytes of `x` that are 0.
inline std::uint64_t zero_bytes(std::uint64_t x) {
  return ~(((x & ~kByteHighs) + ~kByteHighs) | x | ~kByteHighs);
}

std::string key_of(std::string_view s) {
  // Lower case makes a code point one byte longer at most, and only one of two bytes (Ⱥ, U+023A,
  // becomes ⱥ, U+2C65: text_test checks every code point), and collapsing white space only
  // shortens: the key fits in one and a half times s.size() bytes.
  std::string out(s.size() + s.size() / 2, '\0');
  char* w = out.data();
  char* const begin = w;
  std::size_t i = 0;
  bool space = false;
  while (i < s.size()) {
    // Eight printable ASCII bytes at once, their single spaces kept (none first, none next to
    // another; a last one waits, as any space does, for what follows), lowered together.
    if (i + 8 <= s.size()) {
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
      constexpr std::uint64_t kFirstHigh = 0x80;  // the high bit of the first byte read
#else
      constexpr std::uint64_t kFirstHigh = 0x80ull << 56;
#endif
      std::uint64_t x;
      std::memcpy(&x, s.data() + i, 8);
      const std::uint64_t spaces = zero_bytes(x ^ (kByteOnes * ' '));
      if ((x & kByteHighs) == 0 && ((x + kByteOnes * (0x80 - 0x20)) & kByteHighs) == kByteHighs &&
          ((x + kByteOnes) & kByteHighs) == 0 && (spaces & (spaces << 8)) == 0 &&
          (spaces & kFirstHigh) == 0) {
        if (space && w != begin) *w++ = ' ';
        const std::uint64_t upper = bytes_within(x, 'A', 'Z');
        x |= upper >> 2;
        std::memcpy(w, &x, 8);
        space = s[i + 7] == ' ';
        w += space ? 7 : 8;
        i += 8;
        continue;
      }
    }
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
        space = true;
        continue;
      }
      if (space && w != begin) *w++ = ' ';
      space = false;
      *w++ = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
      continue;
    }
    const std::size_t at = i;
    const std::uint32_t cp = next_cp(s, &i);
    if (is_space_cp(cp)) {
      space = true;
      continue;
    }
    if (space && w != begin) *w++ = ' ';
    space = false;
    const std::uint32_t lower = lower_cp(cp);
    if (lower == cp) {
      for (std::size_t k = at; k < i; ++k) *w++ = s[k];
    } else {
      w += encode_cp(lower, w);
    }
  }
  out.resize(static_cast<std::size_t>(w - begin));
  return out;
}

struct Word {
  std::string_view lower;  // lower case
  std::uint32_t cps;       // code points
  bool digits;             // only ASCII digits
};

// The lower case of an ASCII letter, digit or '_', the ASCII bytes of a word (words_in,
// for_each_scanned_word); 0 for any other byte below 0x80.
constexpr std::array<unsigned char, 128> kAsciiWordByte = [] {
  std::array<unsigned char, 128> t{};
  for (unsigned c = '0'; c <= '9'; ++c) t[c] = static_cast<unsigned char>(c);
  for (unsigned c = 'a'; c <= 'z'; ++c) t[c] = static_cast<unsigned char>(c);
  for (unsigned c = 'A'; c <= 'Z'; ++c) t[c] = static_cast<unsigned char>(c + 32);
  t['_'] = '_';
  return t;
}();

// Moves *i past the code point of `s` that starts there; whether it is a character of a word
// (is_word_cp), ASCII read from kAsciiWordByte.
inline bool step_word(std::string_view s, std::size_t* i) {
  const auto c = static_cast<unsigned char>(s[*i]);
  if (c < 0x80) {
    ++*i;
    return kAsciiWordByte[c] != 0;
  }
  return is_word_cp(next_cp(s, i));
}

// The tokens of a line the vocabulary weighs: its first ones, repeats counted.
constexpr std::size_t kLineTokens = 32;

// Calls f(token) for each of the first kLineTokens tokens of a lower-case text (key_of), as
// headline_tokens says, in order and repeats included; the token is in a buffer valid during
// the call.
template <class F>
void for_each_token(std::string_view lower, F f) {
  std::string digits;  // a word with digits, written with 0s
  std::size_t count = 0, i = 0;
  while (i < lower.size() && count < kLineTokens) {
    const std::size_t at = i;
    if (!step_word(lower, &i)) {
      if (lower[at] != ' ') {
        f(lower.substr(at, i - at));
        ++count;
      }
      continue;
    }
    // The word runs to the first code point that is no word character (not consumed).
    for (std::size_t next = i; next < lower.size() && step_word(lower, &next);) i = next;
    const std::string_view word = lower.substr(at, i - at);
    auto digit = [](char c) { return c >= '0' && c <= '9'; };
    if (std::none_of(word.begin(), word.end(), digit)) {
      f(word);
    } else {
      digits.assign(word);
      std::replace_if(digits.begin(), digits.end(), digit, '0');
      f(std::string_view(digits));
    }
    ++count;
  }
}

// The words of a lower-case text, as views into it.
std::vector<Word> words_in(std::string_view lower) {
  std::vector<Word> out;
  out.reserve(lower.size() / 5 + 1);
  std::size_t i = 0, start = 0;
  std::uint32_t cps = 0;
  bool digits = true;
  while (i < lower.size()) {
    const std::size_t at = i;
    if (!step_word(lower, &i)) {
      if (cps) out.push_back(Word{lower.substr(start, at - start), cps, digits});
      cps = 0;
      digits = true;
      continue;
    }
    if (cps == 0) start = at;
    ++cps;
    digits = digits && lower[at] >= '0' && lower[at] <= '9';
  }
  if (cps) out.push_back(Word{lower.substr(start), cps, digits});
  return out;
}

constexpr std::size_t kLongestStopWord = 12;  // bytes: longer words are never looked up

// Words (by WordMark::hash) to counts of distinct lines, in open addressing: the headline's
// words counted through the whole article without reading a word twice.
class WordCounter {
 public:
  // (Inlined wherever called: a page calls it for every word near its headline, and the
  // compiler's choice, made anew at each change of the reader, moved the reader's instructions
  // by a percent either way.)
  [[gnu::always_inline]] void add(std::uint64_t word) {
    if (slots_.size() < 2 * (used_ + 1)) grow();
    Slot& slot = find(word);
    if (slot.word == 0) {
      slot.word = word;
      ++used_;
    }
  }
  // Counts line `line` for `word` if the word was added and the line not counted yet.
  void count(std::uint64_t word, std::size_t line) {
    if (used_ == 0) return;
    Slot& slot = find(word);
    if (slot.word != 0 && slot.last_line != line + 1) {
      ++slot.lines;
      slot.last_line = line + 1;
    }
  }
  int lines(std::uint64_t word) {
    if (used_ == 0) return 0;
    const Slot& slot = find(word);
    return slot.word != 0 ? slot.lines : 0;
  }

 private:
  struct Slot {
    std::uint64_t word = 0;  // 0: empty (no hash is 0)
    int lines = 0;
    std::size_t last_line = 0;  // 1 + the last line counted
  };
  Slot& find(std::uint64_t w) {
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = static_cast<std::size_t>(w >> 32) & mask;; i = (i + 1) & mask)
      if (slots_[i].word == 0 || slots_[i].word == w) return slots_[i];
  }
  void grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? 256 : old.size() * 2, Slot());
    for (const Slot& s : old)
      if (s.word != 0) find(s.word) = s;
  }
  std::vector<Slot> slots_;
  std::size_t used_ = 0;
};

// A word of at most kLongestStopWord bytes held in two integers, byte k of the word in bits 8k
// to 8k+7 of `head` (k < 8) or of `tail` (8 <= k < 12), with its length in bytes: the stop table
// compares it without loading the word from memory (a word just written byte by byte and then
// loaded whole waits for those stores to retire).
struct PackedWord {
  std::uint64_t head = 0;
  std::uint32_t tail = 0;
  std::uint32_t length = 0;  // may pass kLongestStopWord: only the first bytes are kept

  void add(unsigned char byte) {
    if (length < 8)
      head |= static_cast<std::uint64_t>(byte) << (8 * length);
    else if (length < kLongestStopWord)
      tail |= static_cast<std::uint32_t>(byte) << (8 * (length - 8));
    ++length;
  }
  static PackedWord of(std::string_view word) {
    PackedWord w;
    for (char c : word.substr(0, kLongestStopWord)) w.add(static_cast<unsigned char>(c));
    w.length = static_cast<std::uint32_t>(word.size());
    return w;
  }
};

// The stop words of every language in one open-addressing table: a word to the bits of the
// lists that hold it. Looked up once per word of every file, so it avoids std::hash.
class StopTable {
 public:
  StopTable() {
    for (std::size_t k = 0; k < sizeof kStopWords / sizeof kStopWords[0]; ++k) {
      const std::string list = key_of(kStopWords[k]);
      for (const Word& w : words_in(list)) {
        if (w.lower.size() > kLongestStopWord) throw std::logic_error("a stop word is too long");
        const PackedWord packed = PackedWord::of(w.lower);
        Slot& slot = find_slot(packed);
        slot.word = packed;
        slot.bits |= static_cast<LanguageBits>(1u << k);
      }
    }
  }
  // The bits of the lists holding `word` (in lower case), or 0.
  LanguageBits bits(std::string_view word) const { return bits(PackedWord::of(word)); }
  LanguageBits bits(const PackedWord& word) const {
    if (word.length == 0 || word.length > kLongestStopWord) return 0;
    return find_slot(word).bits;
  }

 private:
  // Several times the words: most words looked up are no stop word, and a miss probes on to a
  // free slot (at 1,024 slots, 9.1 M more instructions over 1,500 generated pages).
  static constexpr int kSlotBits = 12;
  static constexpr std::size_t kSlots = std::size_t{1} << kSlotBits;
  struct Slot {
    PackedWord word;  // length 0: empty
    LanguageBits bits = 0;
  };
  static std::size_t hash(const PackedWord& w) {
    const std::uint64_t v = w.head ^ static_cast<std::uint64_t>(w.tail) << 29 ^
                            static_cast<std::uint64_t>(w.length) << 59;
    return static_cast<std::size_t>((v * 0x9E3779B97F4A7C15ull) >> (64 - kSlotBits));
  }
  // The slot holding `w`, or the empty slot where it would go.
  const Slot& find_slot(const PackedWord& w) const {
    for (std::size_t i = hash(w);; i = (i + 1) & (kSlots - 1)) {
      const Slot& slot = slots_[i];
      if (slot.word.length == 0 ||
          (slot.word.length == w.length && slot.word.head == w.head && slot.word.tail == w.tail))
        return slot;
    }
  }
  Slot& find_slot(const PackedWord& w) {
    return const_cast<Slot&>(static_cast<const StopTable*>(this)->find_slot(w));
  }
  Slot slots_[kSlots];
};

const StopTable& stop_table() {
  static const StopTable table;
  return table;
}

// The words that introduce a byline ("By", "Par", "Von", "Autor", ...), in lower case.
constexpr std::string_view kByWords[] = {"by", "par", "von",   "por",    "door",
                                         "di", "av",  "autor", "author", "de"};

bool is_by_word(std::string_view lower) {
  static const std::unordered_set<std::string_view> kBy(std::begin(kByWords), std::end(kByWords));
  return kBy.count(lower) > 0;
}

bool starts_like_byline(const std::vector<Word>& words) {
  return !words.empty() && is_by_word(words[0].lower) && words.size() >= 2;
}

// starts_like_byline of a long line's words (words_in of its key_of), told from its first
// bytes when they hold two words (the key of a text's prefix is a prefix of its key, so the
// first word is whole); nullopt when they do not, or the line is short.
std::optional<bool> byline_start_of_prefix(std::string_view line) {
  constexpr std::size_t kPrefix = 64;
  if (line.size() <= kPrefix) return std::nullopt;
  std::size_t cut = kPrefix;
  while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
  const std::string key = key_of(line.substr(0, cut));
  const std::vector<Word> words = words_in(key);
  if (words.size() < 2) return std::nullopt;
  return starts_like_byline(words);
}

// The text between the first and last non-space code points of [begin, end): only the white
// space at either end is looked at.
void trim_span(std::string_view text, std::size_t begin, std::size_t end, std::size_t* tb,
               std::size_t* te) {
  std::size_t i = begin;
  while (i < end) {
    std::size_t next = i;
    if (!is_space_cp(next_cp(text, &next))) break;
    i = next;
  }
  std::size_t e = end;
  while (e > i) {
    std::size_t start = e - 1;  // the first byte of the last code point
    while (start > i && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
    std::size_t k = start;
    if (!is_space_cp(next_cp(text, &k))) break;
    e = start;
  }
  *tb = i;
  *te = e;
}

// A word of a line, as the overlap of a candidate with the article weighs it.
struct WordMark {
  std::uint64_t hash;    // ScannedWord::hash
  std::uint32_t prefix;  // ScannedWord::prefix
  LanguageBits stops;
  bool lettered;  // three letters or more, not a number
};

// Words of a line as 128 bits, one per word (by its WordMark::hash): a line whose bits lack one
// of another's cannot hold that other's word.
struct WordBits {
  std::uint64_t bits[2] = {0, 0};
  void add(std::uint64_t hash) { bits[(hash >> 6) & 1] |= std::uint64_t{1} << (hash & 63); }
  bool covers(const WordBits& o) const {
    return (bits[0] & o.bits[0]) == o.bits[0] && (bits[1] & o.bits[1]) == o.bits[1];
  }
  bool operator==(const WordBits& o) const { return bits[0] == o.bits[0] && bits[1] == o.bits[1]; }
};
// An order of lines by their bits, then by number.
inline std::tuple<std::uint64_t, std::uint64_t, std::uint32_t> bits_order(const WordBits& b,
                                                                          std::uint32_t line) {
  return {b.bits[0], b.bits[1], line};
}

// A word's prefix as a WordCounter key (never 0, its high bits the hash).
std::uint64_t stem_key(const WordMark& w) {
  return static_cast<std::uint64_t>(w.prefix) << 32 | 1;
}

// A line of a page, kept small: a hostile file may hold millions (its key and words live in
// Reader::expansions_, for the lines the rules look at).
struct Line {
  std::uint32_t number;
  std::uint32_t offset, length;            // the trimmed text
  std::uint32_t n = 0;                     // words
  std::uint32_t marks = 0, marks_end = 0;  // its words in Reader::marks_
  std::uint32_t expansion = 0;             // 1 + its index in Reader::expansions_, once keyed
  std::string_view key;                    // that expansion's key, once keyed
  double stop_share = 0;                   // of the page's language
  bool bullet = false;
  bool ends_period = false;
  bool lower_start = false;
  bool prose = false;
  std::int8_t byline_start = -1, meta = -1;  // Reader::byline_start and is_meta, once known
  int copies = 0;                            // lines of the same text, once Reader::copies ran
};

// The key and words of a line, made when a rule first asks for them.
struct Expansion {
  std::string key;          // lower case, white space collapsed
  std::vector<Word> words;  // views into key
  bool expanded = false;    // words filled
};

// Scripts written without spaces between words (Chinese, Japanese kana, Thai, Lao, Khmer,
// Myanmar): a run of their letters is one "word" to a split at spaces, so a line of them
// counts its letters instead, two to a word.
inline bool is_unspaced_cp(std::uint32_t cp) {
  return (cp >= 0x0E00 && cp <= 0x0EFF) || (cp >= 0x1000 && cp <= 0x109F) ||
         (cp >= 0x1780 && cp <= 0x17FF) || (cp >= 0x3040 && cp <= 0x30FF) ||
         (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
         (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFF66 && cp <= 0xFF9F);
}

// The letters of a word's prefix: words that share theirs share a stem in most of the
// languages of the pages ("Mineralöl" in "Mineralölabsatz", "Wahl" and "Wahlen"), as a
// stemmer by truncation takes it. (At most kLongestStopWord bytes of them: four letters of a
// script of three bytes a letter.)
constexpr std::uint32_t kPrefixLetters = 5;

// A word as describe_lines reads it, once for the whole reading: packed for the stop-word
// table, and hashed whole and by its prefix for the overlap of a headline with its article
// (WordCounter).
struct ScannedWord {
  PackedWord packed;       // its first kLongestStopWord bytes in lower case, its length in bytes
  std::uint64_t rest = 0;  // FNV-1a of the bytes past those
  std::uint32_t cps = 0;
  std::uint32_t wide = 0;  // the bytes past the first of each letter of its prefix
  bool digits = true;      // only ASCII digits

  void add(unsigned char byte) {
    if (packed.length >= kLongestStopWord) rest = (rest ^ byte) * 0x100000001B3ull;
    packed.add(byte);
  }
  // A letter of `bytes` bytes was added (an ASCII letter is counted by ++cps alone).
  void added_wide(std::size_t bytes) {
    if (cps < kPrefixLetters) wide += static_cast<std::uint32_t>(bytes - 1);
    ++cps;
  }
  // A hash of its first kPrefixLetters letters in lower case (all of a shorter word): their
  // bytes, their number in the top byte when they fit in 7, multiplied.
  std::uint32_t prefix() const {
    const std::uint32_t bytes =
        std::min<std::uint32_t>(std::min(cps, kPrefixLetters) + wide, kLongestStopWord);
    std::uint64_t key;
    if (bytes < 8) {
      key = (packed.head & ((std::uint64_t{1} << (8 * bytes)) - 1)) |
            static_cast<std::uint64_t>(bytes) << 56;
    } else {
      const std::uint64_t tail = packed.tail & ((std::uint64_t{1} << (8 * (bytes - 8))) - 1);
      key = packed.head ^ (tail << 8 | bytes) * 0x9E3779B97F4A7C15ull;
    }
    return static_cast<std::uint32_t>((key * 0xBF58476D1CE4E5B9ull) >> 32);
  }
  // The lower-case word's hash: never 0, and the same for the same word (words_in of its line's
  // key_of finds the same words).
  std::uint64_t hash() const {
    auto mix = [](std::uint64_t x) {  // splitmix64's finaliser, a bijection
      x ^= x >> 30;
      x *= 0xBF58476D1CE4E5B9ull;
      x ^= x >> 27;
      x *= 0x94D049BB133111EBull;
      return x ^ (x >> 31);
    };
    const std::uint64_t h = mix(
        packed.head ^ mix((static_cast<std::uint64_t>(packed.tail) << 32 | packed.length) ^ rest));
    return h ? h : 1;
  }
};

// The ASCII word bytes (kAsciiWordByte) that eight bytes `x` (in memory order, little-endian)
// start with: how many, their lower case packed as ScannedWord packs a word's first bytes (the
// bytes past them 0), and whether they are all digits.
struct AsciiRun {
  std::uint64_t head;
  std::uint32_t bytes;
  bool digits;
};
inline AsciiRun ascii_word_run(std::uint64_t x) {
  // On the low seven bits of each byte (a byte past ASCII is then no word byte).
  const std::uint64_t v = x & ~kByteHighs;
  const std::uint64_t lower = v | bytes_within(v, 'A', 'Z') >> 2;
  const std::uint64_t digit = bytes_within(v, '0', '9');
  const std::uint64_t word =
      (bytes_within(lower, 'a', 'z') | digit | zero_bytes(v ^ kByteOnes * '_')) & ~x & kByteHighs;
  const std::uint64_t ends = ~word & kByteHighs;
  const auto bytes = static_cast<std::uint32_t>(ends ? __builtin_ctzll(ends) / 8 : 8);
  const std::uint64_t kept = bytes == 8 ? ~std::uint64_t{0} : (std::uint64_t{1} << (8 * bytes)) - 1;
  const std::uint64_t run = kept & kByteHighs;
  return AsciiRun{lower & kept, bytes, (digit & run) == run};
}

// Calls f(word) for each word of `s` (a ScannedWord): the words words_in finds in the line's
// key_of, without writing them anywhere. Counts the letters of unspaced scripts in *unspaced.
template <class F>
void for_each_scanned_word(std::string_view s, F f, std::size_t* unspaced) {
  ScannedWord w;
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      const unsigned char lower = kAsciiWordByte[c];
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
      // A word's first eight bytes at once where they are ASCII, as the bytes one by one below
      // would leave it (most words end within them; a longer one goes on below).
      if (lower && w.cps == 0 && i + 8 <= s.size()) {
        std::uint64_t x;
        std::memcpy(&x, s.data() + i, 8);
        const AsciiRun run = ascii_word_run(x);
        w.packed.head = run.head;
        w.packed.length = run.bytes;
        w.cps = run.bytes;
        w.digits = run.digits;
        i += run.bytes;
        continue;
      }
#endif
      ++i;
      if (lower) {
        w.add(lower);
        ++w.cps;
        w.digits &= static_cast<unsigned>(c - '0') < 10u;
        continue;
      }
    } else {
      const std::uint32_t cp = next_cp(s, &i);
      if (is_word_cp(cp)) {
        *unspaced += is_unspaced_cp(cp);
        char bytes[4];
        const std::size_t n = encode_cp(lower_cp(cp), bytes);
        for (std::size_t k = 0; k < n; ++k) w.add(static_cast<unsigned char>(bytes[k]));
        w.added_wide(n);
        w.digits = false;
        continue;
      }
    }
    if (w.cps) {
      f(w);
      w = ScannedWord();
    }
  }
  if (w.cps) f(w);
}

// Whether a word whose WordMark::hash is `hash` may be one of kByWords: false when it is none
// (equal words hash alike); true is to be checked on the word (another may share its hash).
bool may_be_by_word(std::uint64_t hash) {
  static const std::vector<std::uint64_t> kHashes = [] {
    std::vector<std::uint64_t> out;
    std::size_t unspaced = 0;
    for (std::string_view w : kByWords)
      for_each_scanned_word(
          w, [&](const ScannedWord& s) { out.push_back(s.hash()); }, &unspaced);
    return out;
  }();
  return std::find(kHashes.begin(), kHashes.end(), hash) != kHashes.end();
}

// The non-blank lines of `text`, at most `limit`; the non-blank text after them, if any, in
// *rest (a block whose kind the reader sets).
std::vector<Line> split_lines(std::string_view text, std::size_t limit,
                              std::optional<TextBlock>* rest) {
  std::vector<Line> lines;
  // As many as the text has lines at most, reserved at once: the vector's doubling would
  // hold one and a half times a hostile file's millions of lines.
  std::size_t newlines = 0;
  for (std::size_t at = text.find('\n'); at != std::string_view::npos && newlines < limit;
       at = text.find('\n', at + 1))
    ++newlines;
  lines.reserve(std::min(newlines + 1, limit));
  std::size_t pos = 0;
  std::uint32_t number = 0;
  while (pos < text.size()) {
    ++number;
    std::size_t nl = text.find('\n', pos);
    std::size_t end = nl == std::string_view::npos ? text.size() : nl;
    std::size_t tb, te;
    trim_span(text, pos, end, &tb, &te);
    if (te > tb) {
      if (lines.size() == limit) {  // the first line past the limit: it and all after it
        std::size_t b, e;
        trim_span(text, tb, text.size(), &b, &e);
        while (e > b && (text[e - 1] == '\n' || text[e - 1] == '\r'))
          trim_span(text, b, e - 1, &b, &e);
        *rest = TextBlock{number, BlockKind::Boilerplate, static_cast<std::uint32_t>(b),
                          static_cast<std::uint32_t>(e - b)};
        break;
      }
      Line l;
      l.number = number;
      l.offset = static_cast<std::uint32_t>(tb);
      l.length = static_cast<std::uint32_t>(te - tb);
      lines.push_back(std::move(l));
    }
    pos = nl == std::string_view::npos ? text.size() : nl + 1;
  }
  return lines;
}

// ---- Headline features ---------------------------------------------------------------------

// The share of a line's words that start with a capital letter (a title is often in title case).
double capital_share(std::string_view s) {
  std::size_t words = 0, capitals = 0, i = 0;
  bool in_word = false;
  while (i < s.size()) {
    const std::uint32_t cp = next_cp(s, &i);
    const bool word = is_word_cp(cp);
    if (word && !in_word) {
      ++words;
      if (lower_cp(cp) != cp) ++capitals;
    }
    in_word = word;
  }
  return words ? static_cast<double>(capitals) / static_cast<double>(words) : 0;
}

// " | ", " - ", " – " or " — ": what joins a page's title to its site's name.
bool has_title_separator(std::string_view s) {
  // " | ", " - ", " \u2013 " or " \u2014 ": one pass over the spaces.
  for (std::size_t i = 0; i + 2 < s.size(); ++i) {
    if (s[i] != ' ') continue;
    if ((s[i + 1] == '|' || s[i + 1] == '-') && s[i + 2] == ' ') return true;
    if (i + 4 < s.size() && s[i + 1] == '\xE2' && s[i + 2] == '\x80' &&
        (s[i + 3] == '\x93' || s[i + 3] == '\x94') && s[i + 4] == ' ')
      return true;
  }
  return false;
}

double digit_share(std::string_view s) {
  std::size_t digits = 0;
  for (char c : s) digits += c >= '0' && c <= '9';
  return s.empty() ? 0 : static_cast<double>(digits) / static_cast<double>(s.size());
}

// ---- The reading ---------------------------------------------------------------------------

// A file whose first line is a title and whose text starts within this many lines keeps it.
constexpr std::size_t kTitledFileLines = 8;
// Running prose: at least 10 words, a fifth of them stop words, not a list item, and ending
// like a sentence unless it has kProseWords words or more (a headline can be as long as 13
// words and as full of function words as a sentence); or 20 words and more, with 15% stop words.
constexpr std::size_t kProseWords = 14;
// A page of this many words or more whose stop words (of its best list) are fewer than one in
// kUnlistedShare is in a language no list covers.
constexpr std::size_t kUnlistedWords = 50, kUnlistedShare = 30;
// What separates prose costs this share in the second reading of the main run.
constexpr double kRelaxedCost = 0.5;
// Headline features (scraped.hpp): a date or byline line has at most kMetaWords words; the
// opening names a line at most kNamedDistance lines above it; a byline up to kBylineReach lines
// above a line makes it `below_byline`. Their weights are the model's (headline_model.inc).
constexpr std::size_t kMetaWords = 8, kNamedDistance = 10, kBylineReach = 10;
constexpr std::size_t kFeedReach = 10;
// How far above the candidates near the run a repeated line is still one.
constexpr std::size_t kFarReach = 200;
// The candidates near the run: from this many lines above its start to this many below.
constexpr std::size_t kCandidatesAbove = 200, kCandidatesBelow = 12;
// And the lines that are not prose down to this many below its start.
constexpr std::size_t kShortBelow = 30;
constexpr int kFeedItems = 3;
// A `sentence`: 12 words or more, this share of them stop words.
constexpr double kSentenceStopShare = 0.3;
// Copies of a line that make it a template (a caption repeated under every image).
constexpr int kTemplateCopies = 3;
// Lines of more words, or of more bytes, are no candidates (the longest headline of the
// labelled pages has 226 bytes): the searches for a candidate's text in other lines stay short.
constexpr std::size_t kCandidateWords = 35, kCandidateBytes = 1000;
// Where a candidate's text is looked for on the page: the lines within 300 of it that lie
// within this many bytes of it, and the first bytes of each opening line. A hostile page's
// lines of megabytes around hundreds of candidates would be searched for each.
constexpr std::size_t kRepeatReach = 300, kRepeatBytes = 128 * 1024, kOpeningBytes = 16 * 1024;
// The non-blank lines the reader weighs, some hundred bytes of its memory each: a text of more
// (a log, a table of short rows, a hostile file) is weighed on its first kReaderLines, and the
// rest is one block (docs/format.md, "Plain text").
constexpr std::size_t kReaderLines = 100000;
// A line of at most kNameWords words is a name that a longer candidate may extend.
constexpr std::size_t kNameWords = 4;

// Equal texts among a page's lines, counted in open addressing (a std::unordered_map would
// allocate a node for every line). The texts must outlive it.
class TextCounts {
 public:
  explicit TextCounts(std::size_t texts) {
    std::size_t size = 16;
    while (size < 2 * texts) size *= 2;
    slots_.resize(size);
  }
  // Counts `text` once more; returns where its count is kept (as long as this table lives).
  const int& add(std::string_view text) {
    Slot& slot = find(text);
    slot.text = text;
    ++slot.count;
    return slot.count;
  }
  int count(std::string_view text) const { return find(text).count; }

 private:
  struct Slot {
    std::string_view text;
    int count = 0;  // 0: free
  };
  // The slot holding `text`, or the free slot where it would go.
  const Slot& find(std::string_view text) const {
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = slot_of(text) & mask;; i = (i + 1) & mask)
      if (slots_[i].count == 0 || slots_[i].text == text) return slots_[i];
  }
  Slot& find(std::string_view text) {
    return const_cast<Slot&>(static_cast<const TextCounts*>(this)->find(text));
  }
  // Every byte of the text: a hash of a few of its words would put a page's lines of one
  // length that differ elsewhere (a log, a table) in one chain, a time quadratic in the lines.
  static std::size_t slot_of(std::string_view text) {
    return static_cast<std::size_t>(word_hash(text));
  }
  std::vector<Slot> slots_;
};

class Reader {
 public:
  explicit Reader(std::string_view text)
      : text_(text), lines_(split_lines(text, kReaderLines, &rest_)) {}

  HeadlineCandidates headline_candidates() {
    HeadlineCandidates out;
    if (lines_.empty()) return out;
    describe_lines();
    std::size_t first = 0, last = 0, body_start = 0, early = 0;
    if (!region(&first, &last, &body_start, &early)) {
      out.fixed = 0;
    } else if (titled(body_start)) {
      out.fixed = 0;
      out.titled = true;
    } else {
      out.candidates = candidates(body_start, early, first, last);
    }
    return out;
  }

  ScrapedReading read() {
    ScrapedReading r;
    if (lines_.empty()) return r;
    describe_lines();
    r.blocks.reserve(lines_.size());
    for (const Line& l : lines_)
      r.blocks.push_back(TextBlock{l.number, BlockKind::Boilerplate, l.offset, l.length});
    std::size_t first = 0, last = 0, body_start = 0, early = 0;
    if (!region(&first, &last, &body_start, &early)) {
      // No run of prose: a short note, a list, or a script without spaces between words. The
      // first line is the headline, unless it has more words than any candidate may, and
      // every other line is kept.
      const bool headed = lines_[0].n <= kCandidateWords;
      if (headed) {
        r.headline = 0;
        r.headline_confidence = kUntextedConfidence;
        r.blocks[0].kind = BlockKind::Headline;
      }
      for (std::size_t i = headed ? 1 : 0; i < lines_.size(); ++i)
        r.blocks[i].kind = lines_[i].bullet ? BlockKind::ListItem : BlockKind::Paragraph;
      add_rest(&r, BlockKind::Paragraph);
      return r;
    }
    double confidence = kTitledConfidence;
    std::optional<std::size_t> h =
        titled(body_start) ? 0 : choose_headline(body_start, early, first, last, &confidence);
    // A prose line with none of the article's prose after it is the article, not its headline
    // (a note of one paragraph).
    if (h && lines_[*h].prose && *h >= last) h.reset();
    std::size_t start = first;
    if (h) {
      r.headline = h;
      r.headline_confidence = confidence;
      r.blocks[*h].kind = BlockKind::Headline;
      if (*h < first && first - *h <= 15) start = *h + 1;
      mark_byline_and_date(*h, start, &r);
    }
    // A paragraph that says again what the article said word for word (a pull quote, a caption
    // template under every photo, a page that prints its text twice) is boilerplate.
    std::optional<TextCounts> said;
    for (std::size_t i = start; i <= last; ++i) {
      const Line& l = lines_[i];
      if (r.blocks[i].kind != BlockKind::Boilerplate) continue;
      // (Lines of the same text are all prose or none.)
      BlockKind kind = body_kind(l, !l.prose && copies(i) > 1);
      if (kind != BlockKind::Boilerplate && copies(i) > 1) {
        if (!said) said.emplace(last - start + 1);
        if (said->add(line_text(l)) > 1) kind = BlockKind::Boilerplate;
      }
      r.blocks[i].kind = kind;
    }
    // The rest continues the article when its run of prose reaches the last line weighed.
    add_rest(&r, last + 1 == lines_.size() ? BlockKind::Paragraph : BlockKind::Boilerplate);
    return r;
  }

 private:
  std::string_view line_text(const Line& l) const { return text_.substr(l.offset, l.length); }

  // The text past the lines weighed, if any, as the last block, of kind `kind`.
  void add_rest(ScrapedReading* r, BlockKind kind) const {
    if (!rest_) return;
    r->blocks.push_back(*rest_);
    r->blocks.back().kind = kind;
  }

  // The article's main run of prose, from `first` to `last`, its first prose line
  // `body_start`, and `early`, where a second reading that lets more separate prose finds
  // its start (above a code listing, a table or a gallery that split the run). False when
  // the text has no run of prose.
  bool region(std::size_t* first, std::size_t* last, std::size_t* body_start,
              std::size_t* early) const {
    if (!main_region(first, last)) return false;
    *body_start = *first;
    while (!lines_[*body_start].prose) ++*body_start;
    end_before_feed(*body_start, last);
    *early = *body_start;
    std::size_t early_last = *last;
    if (main_region(early, &early_last, kRelaxedCost) && *early < *body_start)
      while (!lines_[*early].prose) ++*early;
    else
      *early = *body_start;
    return true;
  }

  // A file that starts with a title and goes straight on to its text keeps that title.
  bool titled(std::size_t body_start) const {
    const Line& top = lines_[0];
    return body_start > 0 && body_start <= kTitledFileLines && !top.bullet && !top.prose &&
           !top.ends_period && !top.lower_start && top.n >= 5 && top.n <= 25;
  }

  void describe_lines() {
    const StopTable& table = stop_table();
    std::size_t hits[kLanguages] = {};
    std::size_t words = 0;
    marks_.reserve((rest_ ? rest_->offset : text_.size()) / 6);
    word_bits_.assign(lines_.size(), WordBits());
    for (Line& l : lines_) {
      std::size_t unspaced = 0;
      l.marks = static_cast<std::uint32_t>(marks_.size());
      WordBits& line_bits = word_bits_[static_cast<std::size_t>(&l - lines_.data())];
      for_each_scanned_word(
          line_text(l),
          [&](const ScannedWord& word) {
            ++l.n;
            const LanguageBits stops = table.bits(word.packed);
            for (unsigned bits = stops; bits; bits &= bits - 1)
              ++hits[static_cast<unsigned>(__builtin_ctz(bits))];
            const bool lettered = word.cps > 2 && !word.digits;
            marks_.push_back(WordMark{word.hash(), lettered ? word.prefix() : 0, stops, lettered});
            line_bits.add(marks_.back().hash);
          },
          &unspaced);
      l.marks_end = static_cast<std::uint32_t>(marks_.size());
      l.n += static_cast<std::uint32_t>(unspaced / 2);
      words += l.n;
    }
    language_ = static_cast<unsigned>(std::max_element(std::begin(hits), std::end(hits)) -
                                      std::begin(hits));
    // A page in none of the languages of the stop-word lists: prose is told by length and a
    // sentence's end alone.
    const bool unlisted = words >= kUnlistedWords && hits[language_] * kUnlistedShare < words;
    for (Line& l : lines_) {
      std::string_view s = line_text(l);
      std::size_t stops = 0;  // of the page's language, told by each word's bits
      for (std::uint32_t k = l.marks; k < l.marks_end; ++k)
        stops += (marks_[k].stops >> language_) & 1u;
      const std::size_t n = l.n;
      l.stop_share = n ? static_cast<double>(stops) / static_cast<double>(n) : 0;
      l.bullet = starts_bullet(s);
      l.ends_period = s.back() == '.';
      std::size_t i = 0;
      l.lower_start = is_lower_cp(next_cp(s, &i));
      const double share = unlisted ? 1 : l.stop_share;
      l.prose = (n >= 10 && share >= 0.2 && !l.bullet && (n >= kProseWords || ends_sentence(s))) ||
                (n >= 20 && share >= 0.15);
    }
  }

  // The run of lines with the most prose: prose lines count their words, other lines cost
  // 3 plus half their words (at most 12), blank lines nothing. False when there is no prose.
  bool main_region(std::size_t* first, std::size_t* last, double cost_scale = 1) const {
    double best = 0, current = 0;
    std::size_t start = 0;
    bool found = false;
    for (std::size_t i = 0; i < lines_.size(); ++i) {
      const Line& l = lines_[i];
      const double n = static_cast<double>(l.n);
      const double w = l.prose ? n : -cost_scale * std::min(12.0, 3 + 0.5 * n);
      if (current <= 0) {
        current = w;
        start = i;
      } else {
        current += w;
      }
      if (current > best) {
        best = current;
        *first = start;
        *last = i;
        found = true;
      }
    }
    return found;
  }

  // A news feed (list items that each start with a time of day, three within ten lines) ends the
  // article: `last` moves to the last prose line above it.
  void end_before_feed(std::size_t body_start, std::size_t* last) const {
    for (std::size_t i = body_start + 1; i <= *last; ++i) {
      if (!is_timed_item(i)) continue;
      int timed = 0;
      for (std::size_t j = i; j <= *last && j < i + kFeedReach; ++j) timed += is_timed_item(j);
      if (timed < kFeedItems) continue;
      std::size_t end = i - 1;
      while (end > body_start && !lines_[end].prose) --end;
      *last = end;
      return;
    }
  }

  // A list item whose text starts with a time of day (`• 14:44 ...`).
  bool is_timed_item(std::size_t i) const {
    if (!lines_[i].bullet) return false;
    std::string_view s = line_text(lines_[i]);
    std::size_t k = 0;
    next_cp(s, &k);  // the bullet
    while (k < s.size() && (s[k] == ' ' || static_cast<unsigned char>(s[k]) == 0xC2 ||
                            static_cast<unsigned char>(s[k]) == 0xA0))
      ++k;
    auto digit = [&](std::size_t p) { return p < s.size() && s[p] >= '0' && s[p] <= '9'; };
    if (!digit(k)) return false;
    const std::size_t colon = digit(k + 1) ? k + 2 : k + 1;
    return colon < s.size() && (s[colon] == ':' || s[colon] == 'h') && digit(colon + 1) &&
           digit(colon + 2);
  }

  // The expansion of line i, made (with its key) once: what the repetitions of a page compare.
  // (A deque: what it returned stays where it is as more lines are keyed.)
  Expansion& expansion(std::size_t i) const {
    Line& l = lines_[i];
    if (!l.expansion) {
      expansions_.push_back(Expansion{key_of(line_text(l)), {}, false});
      l.expansion = static_cast<std::uint32_t>(expansions_.size());
      l.key = expansions_.back().key;
    }
    return expansions_[l.expansion - 1];
  }
  std::string_view line_key(std::size_t i) const {
    return lines_[i].expansion ? lines_[i].key : std::string_view(expansion(i).key);
  }

  // The words of line i, in its key: made once.
  const std::vector<Word>& words(std::size_t i) const {
    Expansion& e = expansion(i);
    if (!e.expanded) {
      e.words = words_in(e.key);
      e.expanded = true;
    }
    return e.words;
  }
  bool expanded(std::size_t i) const {
    return lines_[i].expansion && expansions_[lines_[i].expansion - 1].expanded;
  }

  // States a date or a time, or starts like a byline.
  bool is_meta(std::size_t i) const {
    Line& l = lines_[i];
    if (l.meta < 0) l.meta = has_clock_or_year(line_text(l)) || byline_start(i);
    return l.meta;
  }

  // Starts like a byline. Both are asked of a line by every candidate within ten lines of it:
  // answered once.
  bool byline_start(std::size_t i) const {
    Line& l = lines_[i];
    if (l.byline_start < 0 && (l.marks == l.marks_end || !may_be_by_word(marks_[l.marks].hash)))
      l.byline_start = 0;  // its first word is no by-word
    if (l.byline_start < 0) {
      const std::optional<bool> told =
          expanded(i) ? std::nullopt : byline_start_of_prefix(line_text(l));
      l.byline_start = told ? *told : starts_like_byline(words(i));
    }
    return l.byline_start;
  }

  // A word that can tie a headline to its article: three letters or more, not a number, not a
  // stop word.
  bool is_content(const WordMark& w) const { return w.lettered && !((w.stops >> language_) & 1u); }

  // Calls f(mark) for each content word of line i, in order.
  template <class F>
  void for_each_content_word(std::size_t i, F f) const {
    for (std::uint32_t k = lines_[i].marks; k < lines_[i].marks_end; ++k)
      if (is_content(marks_[k])) f(marks_[k]);
  }

  // The candidates for the headline: the lines from kCandidatesAbove above the main run to
  // kCandidatesBelow below its start, those further down to kShortBelow that are not prose, and
  // further up, a line that stands alone twice (a title above an infobox or a player that
  // repeats it); each with the features the model weighs (headline_model.hpp) and the other
  // candidates it holds or that extend it.
  std::vector<HeadlineCandidate> candidates(std::size_t body_start, std::size_t early,
                                            std::size_t first, std::size_t last) const {
    const std::size_t from = early > kCandidatesAbove ? early - kCandidatesAbove : 0;
    const std::size_t to = std::min(lines_.size(), body_start + kCandidatesBelow);
    // Further below, the lines that are not prose (a headline under a long standfirst).
    std::vector<std::size_t> further;
    for (std::size_t i = to; i < std::min(lines_.size(), body_start + kShortBelow); ++i)
      if (!lines_[i].prose) further.push_back(i);
    // For each content word of a candidate line: the prose lines of the region that hold it,
    // and those that hold a word of its prefix.
    WordCounter vocab, stems;
    auto add = [&](const WordMark& w) {
      vocab.add(w.hash);
      stems.add(stem_key(w));
    };
    for (std::size_t i = from; i < to; ++i) for_each_content_word(i, add);
    for (std::size_t i : further) for_each_content_word(i, add);
    // (A stop word is never among them: looking it up costs no more than telling it.)
    for (std::size_t i = first; i <= last; ++i) {
      if (!lines_[i].prose) continue;
      for (std::uint32_t k = lines_[i].marks; k < lines_[i].marks_end; ++k)
        if (marks_[k].lettered) {
          vocab.count(marks_[k].hash, i);
          stems.count(stem_key(marks_[k]), i);
        }
    }
    // The lines that are not running prose (menus, breadcrumbs, captions), by their words' bits.
    ShortLines shorts;
    for (std::size_t i = 0; i < lines_.size(); ++i)
      if (!lines_[i].prose) shorts.by_bits.push_back(static_cast<std::uint32_t>(i));
    std::sort(shorts.by_bits.begin(), shorts.by_bits.end(),
              [this](std::uint32_t a, std::uint32_t b) {
                return bits_order(word_bits_[a], a) < bits_order(word_bits_[b], b);
              });

    std::vector<std::size_t> lines;
    for (std::size_t i = from > kFarReach ? from - kFarReach : 0; i < from; ++i)
      if (!lines_[i].prose && lines_[i].n <= 12 && copies(i) >= 2) lines.push_back(i);
    for (std::size_t i = from; i < to; ++i) lines.push_back(i);
    lines.insert(lines.end(), further.begin(), further.end());
    std::vector<HeadlineCandidate> out;
    out.reserve(lines.size());
    for (std::size_t i : lines) {
      const std::size_t n = lines_[i].n;
      if (n < 1 || n > kCandidateWords || lines_[i].length > kCandidateBytes || byline_start(i) ||
          is_image_name(i))
        continue;
      const bool own = lines_[i].prose && i >= first && i <= last;
      double overlap = 0, stem_overlap = 0;
      std::size_t words = 0;
      // Up to 1 for a word in 3 prose lines or more; the candidate's own line does not vouch
      // for it.
      auto presence = [own](int in_lines) {
        return std::min(1.0, std::log(1.0 + std::max(0, in_lines - own)) / std::log(4.0));
      };
      for_each_content_word(i, [&](const WordMark& w) {
        overlap += presence(vocab.lines(w.hash));
        stem_overlap += presence(stems.lines(stem_key(w)));
        ++words;
      });
      if (words == 0) continue;
      const double scale =
          std::min(1.0, static_cast<double>(words + 1) / 4.0) / static_cast<double>(words);
      overlap *= scale;
      stem_overlap *= scale;
      const Line& l = lines_[i];
      HeadlineCandidate& c = out.emplace_back();  // (in place: its features span a kilobyte)
      c.block = i;
      auto& f = c.features;
      const std::size_t anchor = i < early ? early : body_start;
      const double distance = static_cast<double>(anchor) - static_cast<double>(i);
      // Named in the opening: near the text, or anywhere above it when the line stands alone
      // twice (a title above an infobox that repeats it).
      const bool named = i < anchor && n <= 12 &&
                         (anchor - i <= kNamedDistance || copies(i) >= 2) &&
                         named_in_opening(i, anchor);
      const bool shaped = (n >= 5 || named) && n <= 20;
      f[kOverlap] = overlap;
      f[kStemOverlap] = stem_overlap;
      f[kDistance] = std::log2(1 + std::max(0.0, distance));
      f[kBelowText] = distance < 0;
      f[kProsePeriod] = l.prose && l.ends_period;
      f[kOwnProse] = own;
      f[kRepeated] = n >= 4 && is_repeated(i, shorts);
      f[kTitleLength] = shaped;
      f[kShortLength] = !shaped && n >= 3;
      f[kTinyLength] = !shaped && n < 3;
      f[kEndsPeriod] = l.ends_period;
      f[kLowerStart] = l.lower_start;
      f[kMeta] =
          n <= kMetaWords && is_meta(i);  // a dateline or a byline, not a title naming a year
      f[kSentence] = n >= 12 && l.stop_share >= kSentenceStopShare;
      f[kSentenceBreak] = has_sentence_break(line_text(l));
      f[kCaption] = is_alt_and_caption(i) || (i > 0 && is_image_name(i - 1));
      f[kColumns] = line_text(l).find("   ") != std::string_view::npos;  // table cells
      f[kNamed] = named;
      for (std::size_t j = i > kBylineReach ? i - kBylineReach : 0; j < i; ++j)
        if (lines_[j].n <= 16 && byline_start(j)) {
          f[kBelowByline] = 1;  // below the byline: a caption, a gallery, a heading
          break;
        }
      for (std::size_t j = i + 1; j < lines_.size() && j <= i + 5; ++j)
        if (is_meta(j)) {
          (j == i + 1 && byline_start(j) ? f[kAboveByline] : f[kAboveMeta]) = 1;
          break;
        }
      f[kFar] = i < from;
      f[kCopies] = std::min(4, copies(i)) / 4.0;
      f[kWords] = std::min<double>(static_cast<double>(n), 30) / 30;
      f[kStopShare] = l.stop_share;
      f[kCapitals] = capital_share(line_text(l));
      f[kSeparator] = has_title_separator(line_text(l));
      f[kDigits] = digit_share(line_text(l));
      f[kPosition] = std::log2(1.0 + static_cast<double>(i)) / 10;
      f[kBullet] = l.bullet;
      surroundings(i, f);
    }
    // Which candidates each one holds (a breadcrumb or a caption around the headline), and
    // which extend it (a short name, and a longer title beginning with it: "X" under "X review:
    // ...", not "X | Site").
    // (Every pair: the candidates' lines apart, as a candidate with its features spans a
    // kilobyte and more.)
    // (Each candidate's line, key and words side by side: the pairs read them over and over.)
    struct Brief {
      std::size_t line;
      std::string_view key;
      std::uint32_t n;
      WordBits inner;  // inner_bits of its line
    };
    // Only a line of 4 words or more is held or extends a name.
    std::vector<Brief> briefs(out.size());
    std::vector<std::size_t> longer;  // those candidates, in order
    for (std::size_t k = 0; k < out.size(); ++k) {
      briefs[k] = Brief{out[k].block, line_key(out[k].block), lines_[out[k].block].n,
                        inner_bits(out[k].block)};
      if (briefs[k].n >= 4) longer.push_back(k);
    }
    for (std::size_t ci = 0; ci < out.size(); ++ci) {
      HeadlineCandidate& c = out[ci];
      const Brief& me = briefs[ci];
      const bool template_line = copies(me.line) >= kTemplateCopies;
      const bool name = me.n <= kNameWords;
      const std::string_view text = me.key;
      for (const std::size_t k : longer) {
        if (k == ci) continue;
        const Brief& other = briefs[k];
        if (text.size() > other.key.size() &&
            ((word_bits_[me.line].covers(other.inner) && holds(me.line, other.line, false)) ||
             (template_line && holds(me.line, other.line, true))))
          c.holds.push_back(k);
        if (name && other.n >= me.n + 3 && other.key.size() > text.size() &&
            other.key[text.size()] == ' ' && other.key.compare(0, text.size(), text) == 0 &&
            !starts_with_separator(other.key.substr(text.size() + 1)))
          c.extended_by.push_back(k);
      }
    }
    for (HeadlineCandidate& c : out) {
      c.features[kHolds] = !c.holds.empty();
      for (std::size_t k : c.holds) out[k].features[kHeld] = 1;
    }
    // Features relative to the page's other candidates.
    double top_overlap = 0;
    for (const HeadlineCandidate& c : out)
      top_overlap = std::max(top_overlap, c.features[kOverlap]);
    std::optional<std::size_t> nearest;  // the title-shaped candidate closest above the text
    for (std::size_t k = 0; k < out.size(); ++k) {
      HeadlineCandidate& c = out[k];
      c.features[kBestOverlap] = top_overlap > 0 && c.features[kOverlap] == top_overlap;
      c.features[kOverlapGap] = top_overlap - c.features[kOverlap];
      if (c.block < body_start && c.features[kTitleLength] > 0 && c.features[kMeta] == 0 &&
          c.features[kBullet] == 0)
        nearest = k;
    }
    if (nearest) out[*nearest].features[kNearestShaped] = 1;
    // The line features of the lines around each candidate (the candidates are in line order).
    for (HeadlineCandidate& c : out)
      for (int slot = 0; slot < kContextLines; ++slot) {
        const std::ptrdiff_t at = static_cast<std::ptrdiff_t>(c.block) + kContextOffsets[slot];
        const auto it = std::lower_bound(out.begin(), out.end(), at,
                                         [](const HeadlineCandidate& o, std::ptrdiff_t line) {
                                           return static_cast<std::ptrdiff_t>(o.block) < line;
                                         });
        if (it == out.end() || static_cast<std::ptrdiff_t>(it->block) != at)
          c.features[context_none(slot)] = 1;
        else
          std::copy(it->features, it->features + kLineFeatures,
                    c.features + context_feature(slot, 0));
      }
    // The learned vocabulary over each candidate's lines: a line's tokens weighed once, for
    // every slot it may fill.
    // (Each token once: the vocabulary's entry tells a repeat, in the order of first sight.)
    // (The lines weighed lie between the first candidate's and the last one's, widened by the
    // slots' offsets.)
    struct Weighed {
      bool done = false;
      std::array<double, kTokenSlots> sums{};
    };
    std::ptrdiff_t low = 0, high = -1;
    for (std::size_t k = 0; k < out.size(); ++k) {
      const auto block = static_cast<std::ptrdiff_t>(out[k].block);
      low = k ? std::min(low, block) : block;
      high = k ? std::max(high, block) : block;
    }
    low += *std::min_element(std::begin(kTokenOffsets), std::end(kTokenOffsets));
    high += *std::max_element(std::begin(kTokenOffsets), std::end(kTokenOffsets));
    std::vector<Weighed> weighed(out.empty() ? 0 : static_cast<std::size_t>(high - low + 1));
    std::vector<const double*> seen;
    for (HeadlineCandidate& c : out)
      for (int slot = 0; slot < kTokenSlots; ++slot) {
        const std::ptrdiff_t at = static_cast<std::ptrdiff_t>(c.block) + kTokenOffsets[slot];
        if (at < 0 || at >= static_cast<std::ptrdiff_t>(lines_.size())) continue;
        const auto line = static_cast<std::size_t>(at);
        Weighed& entry = weighed[static_cast<std::size_t>(at - low)];
        std::array<double, kTokenSlots>& sums = entry.sums;
        if (!entry.done) {
          entry.done = true;
          seen.clear();
          for_each_token(line_key(line), [&](std::string_view token) {
            const double* w = token_weights(token);
            if (!w || std::find(seen.begin(), seen.end(), w) != seen.end()) return;
            seen.push_back(w);
            for (int s = 0; s < kTokenSlots; ++s) sums[s] += w[s];
          });
        }
        c.vocabulary += sums[slot];
      }
    return out;
  }

  // The line features that describe where line `i` stands among menus and lists (a headline
  // often comes right after a site's menu).
  void surroundings(std::size_t i, double* f) const {
    auto is_short = [&](std::size_t j) { return lines_[j].n <= 3; };
    const std::size_t above = std::min<std::size_t>(i, 10);
    std::size_t bullets = 0, shorts = 0;
    for (std::size_t j = i - above; j < i; ++j) {
      bullets += lines_[j].bullet;
      shorts += is_short(j);
    }
    f[kMenuAbove] = above ? static_cast<double>(bullets) / static_cast<double>(above) : 0;
    f[kShortAbove] = above ? static_cast<double>(shorts) / static_cast<double>(above) : 0;
    const std::size_t below = std::min<std::size_t>(lines_.size() - 1 - i, 5);
    bullets = 0;
    for (std::size_t j = i + 1; j <= i + below; ++j) bullets += lines_[j].bullet;
    f[kMenuBelow] = below ? static_cast<double>(bullets) / static_cast<double>(below) : 0;
    bool menu = i >= 3, short_lines = i >= 3;
    for (std::size_t j = i >= 3 ? i - 3 : i; j < i; ++j) {
      menu = menu && lines_[j].bullet;
      short_lines = short_lines && is_short(j);
    }
    f[kAfterMenu] = menu;
    f[kAfterShorts] = short_lines;
    f[kLongerThanAbove] = i > 0 && (lines_[i - 1].bullet || is_short(i - 1)) && !is_short(i);
  }

  // The headline: the candidate the model scores best, unless it holds a candidate scoring
  // within the model's contained gap of it (which takes its place), or is a short name that a
  // candidate within its extended gap extends (pick_headline); none without candidates. Sets
  // *confidence to the chosen one's calibrated probability.
  std::optional<std::size_t> choose_headline(std::size_t body_start, std::size_t early,
                                             std::size_t first, std::size_t last,
                                             double* confidence) const {
    std::vector<HeadlineCandidate> cs = candidates(body_start, early, first, last);
    *confidence = 0;
    if (cs.empty()) return std::nullopt;
    const std::size_t k = pick_headline(cs);
    *confidence = headline_confidence(cs, k);
    return cs[k].block;
  }

  // Line `outer` holds line `inner`: its text whole, or when `loosely`, its words in order where
  // a word may sit inside a longer one (markup left in a caption, "emMetroid/em"; an apostrophe
  // dropped, "Gamings") and single letters ("s" of "Gaming's") are passed over.
  bool holds(std::size_t outer, std::size_t inner, bool loosely) const {
    if (find_text(line_key(outer), line_key(inner)) != std::string_view::npos) return true;
    if (!loosely) return false;
    const std::vector<Word>& out = words(outer);
    std::size_t at = 0;
    for (const Word& w : words(inner)) {
      if (w.cps < 2) continue;
      while (at < out.size() &&
             !(out[at].lower == w.lower ||
               (w.cps >= 4 && find_text(out[at].lower, w.lower) != std::string_view::npos)))
        ++at;
      if (at == out.size()) return false;
      ++at;
    }
    return true;
  }

  // How many lines of the page have the text of line i (counted for every line on first use).
  int copies(std::size_t i) const {
    if (!counted_copies_) {
      TextCounts count(lines_.size());
      std::vector<const int*> counts(lines_.size());  // (each line's text hashed once)
      for (std::size_t k = 0; k < lines_.size(); ++k) counts[k] = &count.add(line_text(lines_[k]));
      for (std::size_t k = 0; k < lines_.size(); ++k) lines_[k].copies = *counts[k];
      counted_copies_ = true;
    }
    return lines_[i].copies;
  }

  // The text of line i appears, as a phrase, in the first two prose lines from body_start:
  // articles often name their subject in the opening sentence ("X is ...").
  bool named_in_opening(std::size_t i, std::size_t body_start) const {
    const std::string_view key = line_key(i);
    if (key.size() < 3) return false;
    int seen = 0;
    for (std::size_t j = body_start; j < lines_.size() && seen < 2; ++j) {
      if (!lines_[j].prose) continue;
      ++seen;
      const std::string_view text = line_key(j).substr(0, kOpeningBytes);
      for (std::size_t at = find_text(text, key); at != std::string_view::npos;) {
        const std::size_t end = at + key.size();
        if ((at == 0 || !word_byte(text[at - 1])) && (end == text.size() || !word_byte(text[end])))
          return true;
        // The next place a word starts: a search from every byte would take time proportional
        // to both sizes ("aa" all over "aaaa...").
        while (at < text.size() && word_byte(text[at])) ++at;
        at = find_text(text, key, at + 1);
      }
    }
    return false;
  }

  // A byte that may belong to a word: ASCII letters and digits, and any byte of a multi-byte
  // code point (letters of other scripts).
  static bool word_byte(char c) {
    const auto u = static_cast<unsigned char>(c);
    return u >= 0x80 || std::isalnum(u);
  }

  // The same text again within three lines, maybe followed by more (a photo credit): an
  // image's alternative text and its caption. Lines of four words or more.
  bool is_alt_and_caption(std::size_t i) const {
    if (lines_[i].n < 4) return false;
    const std::string_view head = line_text(lines_[i]).substr(0, 12);
    const std::size_t from = i > 3 ? i - 3 : 0;
    for (std::size_t j = from; j < lines_.size() && j <= i + 3; ++j) {
      if (j == i || lines_[j].n < 4 || line_text(lines_[j]).substr(0, head.size()) != head)
        continue;
      const std::string_view key = line_key(i);
      const std::string_view other = line_key(j);
      const std::string_view shorter = other.size() < key.size() ? other : key;
      const std::string_view longer = other.size() < key.size() ? key : other;
      if (longer.compare(0, shorter.size(), shorter) == 0) return true;
    }
    return false;
  }

  // A line that is only an image's file name (its alternative text when it has none).
  bool is_image_name(std::size_t i) const {
    const std::string_view s = line_text(lines_[i]);
    if (s.find(' ') != std::string_view::npos) return false;
    const std::size_t dot = s.rfind('.');
    if (dot == std::string_view::npos || dot == 0) return false;
    std::string ext(s.substr(dot + 1));
    for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return ext == "jpg" || ext == "jpeg" || ext == "png" || ext == "gif" || ext == "webp" ||
           ext == "svg" || ext == "avif";
  }

  // The words of line i but its first and last: a line that holds its text (or its key) has
  // each of them as a word of its own (the first and last may be parts of longer words there).
  WordBits inner_bits(std::size_t i) const {
    WordBits inner;
    for (std::uint32_t k = lines_[i].marks + 1; k + 1 < lines_[i].marks_end; ++k)
      inner.add(marks_[k].hash);
    return inner;
  }

  // The lines that are not prose, in bits_order; the count of each key among them, made when
  // the lines of one word-bits set are too many to compare one by one.
  struct ShortLines {
    std::vector<std::uint32_t> by_bits;
    std::optional<TextCounts> keys;
  };
  static constexpr std::ptrdiff_t kComparedLines = 32;

  // The line appears again on the page, alone or inside a longer line.
  bool is_repeated(std::size_t i, ShortLines& shorts) const {
    const std::string_view key = line_key(i);
    // Another line that is not prose has its key, and so its words' bits.
    const WordBits& bits = word_bits_[i];
    const auto& lines = shorts.by_bits;
    const auto set = std::partition_point(lines.begin(), lines.end(), [&](std::uint32_t line) {
      return bits_order(word_bits_[line], line) < bits_order(bits, 0);
    });
    const auto set_end = std::partition_point(
        set, lines.end(), [&](std::uint32_t line) { return word_bits_[line] == bits; });
    if (set_end - set <= kComparedLines) {
      for (auto it = set; it != set_end; ++it)
        if (*it != i && line_key(*it) == key) return true;
    } else {
      if (!shorts.keys) {
        shorts.keys.emplace(lines.size());
        for (std::uint32_t line : lines) shorts.keys->add(line_key(line));
      }
      if (shorts.keys->count(key) > (lines_[i].prose ? 0 : 1)) return true;
    }
    // The lines within kRepeatReach of it that lie within kRepeatBytes of it.
    const Line& me = lines_[i];
    std::size_t from = i > kRepeatReach ? i - kRepeatReach : 0;
    while (from < i && me.offset - lines_[from].offset > kRepeatBytes) ++from;
    std::size_t to = std::min(lines_.size(), i + kRepeatReach);
    while (to > i + 1 && lines_[to - 1].offset + lines_[to - 1].length - me.offset > kRepeatBytes)
      --to;
    // Only the lines that have its inner words may hold its text or key.
    const WordBits inner = inner_bits(i);
    // (Up to 600 searches for the same text; made at the first, as most lines have none.)
    std::optional<TextSearch> as_written, as_key;
    for (std::size_t j = from; j < to; ++j) {
      if (j == i || !word_bits_[j].covers(inner)) continue;
      if (lines_[j].prose) {  // prose lines have no key: their text as written
        if (!as_written) as_written.emplace(line_text(me));
        if (as_written->in(line_text(lines_[j]))) return true;
        continue;
      }
      const std::string_view other = line_key(j);
      if (other.size() <= key.size()) continue;
      if (!as_key) as_key.emplace(key);
      if (as_key->in(other)) return true;
    }
    return false;
  }

  // Within 8 lines after the headline: the first line that starts like a byline, and the first
  // that states a date.
  void mark_byline_and_date(std::size_t h, std::size_t start, ScrapedReading* r) const {
    const std::size_t end = std::min(lines_.size(), std::max(start, h + 1) + 8);
    for (std::size_t i = h + 1; i < end; ++i) {
      const Line& l = lines_[i];
      if (l.prose && i >= start) break;
      std::string_view s = line_text(l);
      if (!r->byline && byline_start(i) && l.n <= 16) {
        r->byline = strip_by(s);
        r->blocks[i].kind = BlockKind::Byline;
        if (!r->published_at) r->published_at = find_text_date(s);
        continue;
      }
      if (!r->published_at && l.n <= 16) {
        if (auto date = find_text_date(s)) {
          r->published_at = std::move(date);
          r->blocks[i].kind = BlockKind::Dateline;
        }
      }
    }
  }

  // The byline without its leading byline word, and without what a page glues after the
  // names: a link address, a handle (`@name`), a date or time, or what follows a separator
  // (`|`, `·`, `•`, `–`, `—`, ` - `).
  static std::string strip_by(std::string_view s) {
    std::size_t i = 0;
    for (bool first = true;; first = false) {  // "Autor von: X"
      std::size_t word = i;
      while (i < s.size() && s[i] != ' ' && s[i] != ':') ++i;
      if (!first && !is_by_word(key_of(s.substr(word, i - word)))) {
        i = word;
        break;
      }
      while (i < s.size() && (s[i] == ' ' || s[i] == ':')) ++i;
    }
    std::string_view name = i < s.size() ? s.substr(i) : s;
    std::size_t end = name.size();
    for (std::string_view mark : {"https://", "http://", " | ", " \u00b7 ", " \u2022 ", " \u2013 ",
                                  " \u2014 ", " - ", " @"}) {
      const std::size_t at = name.find(mark);
      if (at != std::string_view::npos && at > 0) end = std::min(end, at);
    }
    // A word that starts with a digit, or a month's name before one, starts a date.
    std::size_t at = 0, month_at = 0;
    bool after_month = false;
    while (at < end) {
      while (at < end && name[at] == ' ') ++at;
      std::size_t stop = name.find(' ', at);
      if (stop == std::string_view::npos || stop > end) stop = end;
      if (at == stop) break;
      const std::string_view word = name.substr(at, stop - at);
      if (at > 0 && word[0] >= '0' && word[0] <= '9') {
        end = after_month ? month_at : at;
        break;
      }
      std::string lower = key_of(word);
      while (!lower.empty() && (lower.back() == '.' || lower.back() == ',')) lower.pop_back();
      after_month = at > 0 && month_number(lower) != 0;
      month_at = at;
      at = stop;
    }
    name = name.substr(0, end);
    while (!name.empty() && (name.back() == ' ' || name.back() == ',' || name.back() == ':' ||
                             name.back() == ';' || name.back() == '-'))
      name.remove_suffix(1);
    return std::string(name.empty() ? s.substr(i < s.size() ? i : 0) : name);
  }

  // A line of the main region: article text, or boilerplate inside it (short fragments,
  // lines the page repeats elsewhere, empty bullets).
  static BlockKind body_kind(const Line& l, bool repeated) {
    const std::size_t n = l.n;
    if (l.prose) return BlockKind::Paragraph;
    if (repeated || n < 4) return BlockKind::Boilerplate;
    if (l.bullet) return BlockKind::ListItem;
    if (n <= 15 && !l.ends_period) return BlockKind::Heading;
    return BlockKind::Paragraph;
  }

  std::string_view text_;
  std::optional<TextBlock> rest_;             // the text past kReaderLines lines, if any
  mutable std::vector<Line> lines_;           // the rules fill some fields lazily
  mutable std::deque<Expansion> expansions_;  // of the lines keyed, in the order keyed
  std::vector<WordMark> marks_;               // the words of every line, in order (describe_lines)
  mutable bool counted_copies_ = false;       // Line::copies filled, by copies()
  std::vector<WordBits> word_bits_;           // of every line (describe_lines)
  unsigned language_ = 0;                     // the bit of the stop list that matches the text best
};

// ---- Dates in text -------------------------------------------------------------------------

int month_number(const std::string& w) {
  // Month names and abbreviations: English, French, German, Spanish, Portuguese, Czech,
  // Italian, Dutch, Danish, Norwegian, Swedish, and Polish and Russian with the forms a date
  // takes ("5 stycznia", "5 января").
  static const std::vector<std::string> kNames = [] {
    std::vector<std::string> out;
    for (const char* names : {
             "january jan janvier janv januar enero janeiro leden ledna gennaio gen januari "
             "styczeń stycznia январь января янв",
             "february feb février févr februar febrero fevereiro fev únor února febbraio "
             "februari luty lutego февраль февраля фев",
             "march mar mars märz marzo março březen března maart mrt marts marzec marca март "
             "марта",
             "april apr avril abril duben dubna aprile kwiecień kwietnia апрель апреля апр",
             "may mai mayo maio květen května maggio mag mei maj maja май мая",
             "june jun juin juni junio junho červen června giugno giu czerwiec czerwca июнь июня "
             "июн",
             "july jul juillet juil juli julio julho červenec července luglio lug lipiec lipca "
             "июль июля июл",
             "august aug août agosto srpen srpna ago augustus augusti sierpień sierpnia август "
             "августа авг",
             "september sep sept septembre septiembre setembro set září settembre wrzesień "
             "września сентябрь сентября сен сент",
             "october oct octobre oktober octubre outubro out říjen října ottobre ott okt "
             "październik października октябрь октября окт",
             "november nov novembre noviembre novembro listopad listopadu listopada ноябрь ноября "
             "ноя",
             "december dec décembre déc dezember diciembre dezembro dez prosinec prosince dic "
             "dicembre grudzień grudnia декабрь декабря дек",
         })
      out.push_back(key_of(names));
    return out;
  }();
  static const std::unordered_map<std::string_view, int> kMonths = [] {
    std::unordered_map<std::string_view, int> m;
    for (std::size_t k = 0; k < kNames.size(); ++k)
      for (const Word& name : words_in(kNames[k])) m.emplace(name.lower, static_cast<int>(k) + 1);
    return m;
  }();
  auto it = kMonths.find(w);
  return it == kMonths.end() ? 0 : it->second;
}

struct Token {
  std::string text;  // lower case
  bool number;
  char after;  // the character right after the token, or 0
};

std::vector<Token> date_tokens(std::string_view s) {
  std::vector<Token> out;
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t at = i;
    std::uint32_t cp = next_cp(s, &i);
    if (!is_word_cp(cp)) continue;
    Token t{std::string(), cp >= '0' && cp <= '9', 0};
    std::size_t j = at;
    while (j < s.size()) {
      std::size_t k = j;
      std::uint32_t c = next_cp(s, &k);
      if (!is_word_cp(c) || ((c >= '0' && c <= '9') != t.number)) break;
      append_code_point(t.text, lower_cp(c));
      j = k;
    }
    t.after = j < s.size() ? s[j] : 0;
    i = j;
    out.push_back(std::move(t));
  }
  return out;
}

int to_int(const Token& t) {
  return t.number && t.text.size() <= 4 ? std::stoi(t.text) : -1;
}

bool is_year(const Token& t) {
  return t.number && t.text.size() == 4 && (t.text[0] == '1' || t.text[0] == '2');
}

// The offset of the zone `w` names in a dateline (find_zone), as normalize_date reads it ("Z",
// "-05:00"); "" when it names none. A seasonal zone only after a 12-hour time (`3:15 p.m. ET`,
// never French `10h15 et ...`), by the season of the date.
std::string zone_of(std::string_view w, bool twelve_hour, int year, int month, int day) {
  const ZoneName* z = find_zone(w);
  if (!z || !z->in_text || (z->seasonal && !twelve_hour)) return "";
  const int minutes = z->minutes + (z->seasonal && us_daylight_saving(year, month, day) ? 60 : 0);
  if (minutes == 0) return "Z";
  char offset[16];
  std::snprintf(offset, sizeof offset, "%c%02d:%02d", minutes < 0 ? '-' : '+',
                std::abs(minutes) / 60, std::abs(minutes) % 60);
  return offset;
}

// The first time of day in the tokens: HH:MM[:SS] [am|pm] [zone], the zone a name (UTC, EST,
// ...) or a numeric offset (`+08:00`, `-0500`, `+08`, `Z`), as normalize_date reads it; an
// American zone without its season (`ET`) takes it from the date the tokens state.
std::string find_time(const std::vector<Token>& t, int year, int month, int day) {
  for (std::size_t i = 0; i + 1 < t.size(); ++i) {
    if (!t[i].number) continue;
    std::size_t m = i + 1;  // the minutes: `10:15`, or `10h15` as French writes it
    if (t[i].after == 'h' && t[m].text == "h")
      ++m;
    else if (t[i].after != ':')
      continue;
    if (m >= t.size() || !t[m].number || t[m].text.size() != 2) continue;
    int hour = to_int(t[i]), minute = to_int(t[m]), second = 0;
    std::size_t k = m + 1;
    if (hour < 0 || hour > 23 || minute > 59) continue;
    if (t[m].after == ':' && k < t.size() && t[k].number && t[k].text.size() == 2) {
      second = to_int(t[k]);
      if (second > 59) continue;
      ++k;
    }
    // `am`, `pm`, or `a.m.`, `p.m.` as American papers write it.
    std::size_t past = k;
    if (k < t.size() && (t[k].text == "am" || t[k].text == "pm"))
      past = k + 1;
    else if (k + 1 < t.size() && (t[k].text == "a" || t[k].text == "p") && t[k].after == '.' &&
             t[k + 1].text == "m")
      past = k + 2;
    const bool twelve_hour = past > k;
    if (twelve_hour) {
      if (hour < 1 || hour > 12) continue;
      hour = hour % 12 + (t[k].text[0] == 'p' ? 12 : 0);
      k = past;
    }
    std::string zone;
    const char sign = t[k - 1].after;
    if ((sign == '+' || sign == '-') && k < t.size() && t[k].number && t[k].text.size() <= 4) {
      // A numeric offset right after the time: `+08:00`, `+0800`, `+08`.
      zone = std::string(1, sign) + t[k].text;
      if (t[k].text.size() <= 2 && t[k].after == ':' && k + 1 < t.size() && t[k + 1].number &&
          t[k + 1].text.size() == 2)
        zone += ":" + t[k + 1].text;
    } else if (k < t.size()) {
      zone = zone_of(t[k].text, twelve_hour, year, month, day);
    }
    char buf[32];
    std::snprintf(buf, sizeof buf, "%02d:%02d:%02d", hour, minute, second);
    return std::string(buf) + zone;
  }
  return "";
}

}  // namespace

const char* block_kind_name(BlockKind kind) {
  switch (kind) {
    case BlockKind::Headline:
      return "headline";
    case BlockKind::Byline:
      return "byline";
    case BlockKind::Dateline:
      return "dateline";
    case BlockKind::Paragraph:
      return "paragraph";
    case BlockKind::ListItem:
      return "list_item";
    case BlockKind::Heading:
      return "heading";
    case BlockKind::Boilerplate:
      return "boilerplate";
  }
  return "boilerplate";
}

ScrapedReading read_scraped_text(std::string_view text) {
  return Reader(text).read();
}

std::vector<std::string> headline_tokens(std::string_view line) {
  std::vector<std::string> out;
  for_each_token(key_of(line), [&](std::string_view token) {
    if (std::find(out.begin(), out.end(), token) == out.end()) out.emplace_back(token);
  });
  return out;
}

HeadlineCandidates headline_candidates(std::string_view text) {
  return Reader(text).headline_candidates();
}

const char* headline_feature_name(int feature) {
  static const char* const kNames[kLineFeatures] = {"overlap",      "distance",
                                                    "below_text",   "prose_period",
                                                    "own_prose",    "repeated",
                                                    "title_length", "short_length",
                                                    "tiny_length",  "ends_period",
                                                    "lower_start",  "meta",
                                                    "sentence",     "sentence_break",
                                                    "caption",      "columns",
                                                    "named",        "below_byline",
                                                    "above_byline", "above_meta",
                                                    "far",          "copies",
                                                    "words",        "stop_share",
                                                    "capitals",     "separator",
                                                    "digits",       "position",
                                                    "bullet",       "best_overlap",
                                                    "overlap_gap",  "nearest_shaped",
                                                    "menu_above",   "short_above",
                                                    "menu_below",   "after_menu",
                                                    "after_shorts", "longer_than_above",
                                                    "holds",        "held",
                                                    "stem_overlap"};
  static const std::vector<std::string> kAll = [] {
    static const char* const kSlots[kContextLines] = {"above.", "below.", "below2."};
    std::vector<std::string> all(kNames, kNames + kLineFeatures);
    for (int slot = 0; slot < kContextLines; ++slot) {
      for (const char* name : kNames) all.push_back(std::string(kSlots[slot]) + name);
      all.push_back(std::string(kSlots[slot]) + "none");
    }
    return all;
  }();
  return feature >= 0 && feature < kHeadlineFeatures
             ? kAll[static_cast<std::size_t>(feature)].c_str()
             : "";
}

std::string clean_body_of(std::string_view text, const std::vector<TextBlock>& blocks) {
  std::string out;
  for (const TextBlock& b : blocks) {
    if (b.kind != BlockKind::Paragraph && b.kind != BlockKind::ListItem &&
        b.kind != BlockKind::Heading)
      continue;
    if (!out.empty()) out += "\n\n";
    out.append(text.substr(b.offset, b.length));
  }
  return out;
}

std::optional<std::string> find_text_date(std::string_view line) {
  std::vector<Token> t = date_tokens(line);
  for (std::size_t i = 0; i < t.size(); ++i) {
    int year = 0, month = 0, day = 0;
    if (!t[i].number && (month = month_number(t[i].text)) != 0) {
      // Month Day[,] Year
      if (i + 2 < t.size() && t[i + 1].number && is_year(t[i + 2])) {
        day = to_int(t[i + 1]);
        year = to_int(t[i + 2]);
      }
    } else if (t[i].number && t[i].text.size() <= 2) {
      // Day [de] Month [de] Year, or Day.Month.Year
      std::size_t k = i + 1;
      if (k < t.size() && t[k].text == "de") ++k;
      if (k < t.size() && !t[k].number && (month = month_number(t[k].text)) != 0) {
        ++k;
        if (k < t.size() && t[k].text == "de") ++k;
        if (k < t.size() && is_year(t[k])) {
          day = to_int(t[i]);
          year = to_int(t[k]);
        } else {
          month = 0;
        }
      } else if (t[i].after == '.' && i + 2 < t.size() && t[i + 1].number &&
                 t[i + 1].text.size() <= 2 && t[i + 1].after == '.' && is_year(t[i + 2])) {
        day = to_int(t[i]);
        month = to_int(t[i + 1]);
        year = to_int(t[i + 2]);
      }
    } else if (is_year(t[i]) && i + 5 < t.size() &&
               (t[i + 1].text == "年" || t[i + 1].text == "년") && t[i + 2].number &&
               (t[i + 3].text == "月" || t[i + 3].text == "월") && t[i + 4].number &&
               (t[i + 5].text.rfind("日", 0) == 0 || t[i + 5].text.rfind("일", 0) == 0)) {
      // Year年Month月Day日 (Chinese, Japanese), Year년 Month월 Day일 (Korean)
      year = to_int(t[i]);
      month = to_int(t[i + 2]);
      day = to_int(t[i + 4]);
    } else if (is_year(t[i]) && (t[i].after == '-' || t[i].after == '/') && i + 2 < t.size() &&
               t[i + 1].number && t[i + 1].after == t[i].after && t[i + 2].number) {
      // Year-Month-Day, or Year/Month/Day
      year = to_int(t[i]);
      month = to_int(t[i + 1]);
      day = to_int(t[i + 2]);
    }
    if (year == 0 || month < 1 || month > 12 || day < 1 || day > 31) continue;
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
    std::string time = find_time(t, year, month, day);
    std::optional<std::string> normal =
        normalize_date(time.empty() ? std::string(buf) : std::string(buf) + " " + time);
    if (normal) return normal;
  }
  return std::nullopt;
}

}  // namespace articles
