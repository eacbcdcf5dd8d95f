#include "core/scraped.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <unordered_map>
#include <unordered_set>

#include "core/dates.hpp"

namespace articles {

namespace {

// ---- Characters and words ----------------------------------------------------------------

// The code point at s[*i] (valid UTF-8), advancing *i.
std::uint32_t next_cp(std::string_view s, std::size_t* i) {
  const auto c = static_cast<unsigned char>(s[*i]);
  std::size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  if (*i + n > s.size()) n = s.size() - *i;
  std::uint32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
  for (std::size_t k = 1; k < n; ++k)
    cp = (cp << 6) | (static_cast<unsigned char>(s[*i + k]) & 0x3F);
  *i += n;
  return cp;
}

void append_cp(std::string& out, std::uint32_t cp) {
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

// A letter, digit or '_' (what a word is made of); other code points separate words.
bool is_word_cp(std::uint32_t cp) {
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

std::uint32_t lower_cp(std::uint32_t cp) {
  if (cp >= 'A' && cp <= 'Z') return cp + 32;
  if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) return cp + 32;
  if (cp >= 0x100 && cp <= 0x17F && cp % 2 == 0 && cp != 0x138) return cp + 1;
  if (cp >= 0x391 && cp <= 0x3A9) return cp + 32;
  if (cp >= 0x410 && cp <= 0x42F) return cp + 32;
  return cp;
}

bool is_lower_cp(std::uint32_t cp) {
  return (cp >= 'a' && cp <= 'z') || (cp >= 0xDF && cp <= 0xFF && cp != 0xF7) ||
         (cp >= 0x100 && cp <= 0x17F && cp % 2 == 1);
}

struct Word {
  std::string lower;
  std::size_t cps;  // code points
  bool digits;      // only ASCII digits
};

std::vector<Word> words_of(std::string_view s) {
  std::vector<Word> out;
  std::size_t i = 0;
  Word w{std::string(), 0, true};
  auto flush = [&] {
    if (w.cps) out.push_back(std::move(w));
    w = Word{std::string(), 0, true};
  };
  while (i < s.size()) {
    std::uint32_t cp = next_cp(s, &i);
    if (!is_word_cp(cp)) {
      flush();
      continue;
    }
    append_cp(w.lower, lower_cp(cp));
    ++w.cps;
    if (cp < '0' || cp > '9') w.digits = false;
  }
  flush();
  return out;
}

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
};

using StopSet = std::unordered_set<std::string>;

const std::vector<StopSet>& stop_sets() {
  static const std::vector<StopSet> sets = [] {
    std::vector<StopSet> out;
    for (const char* list : kStopWords) {
      StopSet set;
      for (Word& w : words_of(list)) set.insert(std::move(w.lower));
      out.push_back(std::move(set));
    }
    return out;
  }();
  return sets;
}

// ---- Lines ---------------------------------------------------------------------------------

struct Line {
  std::uint32_t number;
  std::uint32_t offset, length;  // the trimmed text
  std::vector<Word> words;
  double stop_share = 0;
  bool bullet = false;
  bool ends_period = false;
  bool lower_start = false;
  bool prose = false;
  bool meta = false;  // states a date or starts like a byline
  std::string key;    // lower case, white space collapsed: to find repetitions
};

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

bool starts_like_byline(const std::vector<Word>& words) {
  static const std::unordered_set<std::string> kBy = {"by", "par", "von",   "por",    "door",
                                                      "di", "av",  "autor", "author", "de"};
  return !words.empty() && kBy.count(words[0].lower) && words.size() >= 2;
}

bool has_clock_or_year(std::string_view s) {
  for (std::size_t i = 0; i + 3 < s.size(); ++i) {
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
  return c == '.' || c == '!' || c == '?' || c == ':' ||
         (end >= 3 && s.substr(end - 3, 3) == "\xE2\x80\xA6");
}

std::string key_of(std::string_view s) {
  std::string out;
  std::size_t i = 0;
  bool space = false;
  while (i < s.size()) {
    std::uint32_t cp = next_cp(s, &i);
    if (is_space_cp(cp)) {
      space = true;
      continue;
    }
    if (space && !out.empty()) out.push_back(' ');
    space = false;
    append_cp(out, lower_cp(cp));
  }
  return out;
}

// The text between the first and last non-space code points of [begin, end).
void trim_span(std::string_view text, std::size_t begin, std::size_t end, std::size_t* tb,
               std::size_t* te) {
  std::size_t i = begin, first = end, last = begin;
  while (i < end) {
    std::size_t at = i;
    std::uint32_t cp = next_cp(text, &i);
    if (is_space_cp(cp)) continue;
    if (first == end) first = at;
    last = i;
  }
  *tb = first == end ? end : first;
  *te = first == end ? end : last;
}

std::vector<Line> split_lines(std::string_view text) {
  std::vector<Line> lines;
  std::size_t pos = 0;
  std::uint32_t number = 0;
  while (pos < text.size()) {
    ++number;
    std::size_t nl = text.find('\n', pos);
    std::size_t end = nl == std::string_view::npos ? text.size() : nl;
    std::size_t tb, te;
    trim_span(text, pos, end, &tb, &te);
    if (te > tb) {
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

// ---- The reading ---------------------------------------------------------------------------

// Headline penalties (docs/format.md): a long line as dense in stop words as running prose; a
// line holding a sentence break; a line of table cells (w3m lays columns out with spaces). And
// how far below the best a candidate held inside it may score and still take its place.
constexpr std::size_t kTitledFileLines = 8;
// Running prose: at least 10 words, a fifth of them stop words, not a list item, and ending
// like a sentence unless it has kProseWords words or more (a headline can be as long as 13
// words and as full of function words as a sentence); or 20 words and more, with 15% stop words.
constexpr std::size_t kProseWords = 14;
constexpr double kSentencePenalty = 1, kSentenceStopShare = 0.3, kBreakPenalty = 1,
                 kColumnsPenalty = 1, kContainedGap = 3;

class Reader {
 public:
  explicit Reader(std::string_view text) : text_(text), lines_(split_lines(text)) {}

  ScrapedReading read() {
    ScrapedReading r;
    if (lines_.empty()) return r;
    describe_lines();
    r.blocks.reserve(lines_.size());
    for (const Line& l : lines_)
      r.blocks.push_back(TextBlock{l.number, BlockKind::Boilerplate, l.offset, l.length});
    std::size_t first = 0, last = 0;
    if (!main_region(&first, &last)) {
      // No run of prose: a short note, a list, or a script without spaces between words. The
      // first line is the headline and every other line is kept.
      r.headline = 0;
      r.blocks[0].kind = BlockKind::Headline;
      for (std::size_t i = 1; i < lines_.size(); ++i)
        r.blocks[i].kind = lines_[i].bullet ? BlockKind::ListItem : BlockKind::Paragraph;
      return r;
    }
    std::size_t body_start = first;
    while (!lines_[body_start].prose) ++body_start;
    // A file that starts with a title and goes straight on to its text keeps that title.
    const Line& top = lines_[0];
    const bool titled = body_start > 0 && body_start <= kTitledFileLines && !top.bullet &&
                        !top.prose && !top.ends_period && !top.lower_start &&
                        top.words.size() >= 5 && top.words.size() <= 25;
    std::size_t h = titled ? 0 : choose_headline(body_start, first, last);
    r.headline = h;
    r.blocks[h].kind = BlockKind::Headline;
    std::size_t start = first;
    if (h < first && first - h <= 15) start = h + 1;
    mark_byline_and_date(h, start, &r);
    std::unordered_map<std::string_view, int> seen;
    for (const Line& l : lines_) ++seen[line_text(l)];
    for (std::size_t i = start; i <= last; ++i) {
      const Line& l = lines_[i];
      if (i == h || r.blocks[i].kind != BlockKind::Boilerplate) continue;
      r.blocks[i].kind = body_kind(l, seen[line_text(l)] > 1);
    }
    return r;
  }

 private:
  std::string_view line_text(const Line& l) const { return text_.substr(l.offset, l.length); }

  void describe_lines() {
    std::vector<std::size_t> hits(stop_sets().size(), 0);
    for (Line& l : lines_) {
      l.words = words_of(line_text(l));
      for (std::size_t k = 0; k < stop_sets().size(); ++k)
        for (const Word& w : l.words) hits[k] += stop_sets()[k].count(w.lower);
    }
    stop_ = &stop_sets()[static_cast<std::size_t>(std::max_element(hits.begin(), hits.end()) -
                                                  hits.begin())];
    for (Line& l : lines_) {
      std::string_view s = line_text(l);
      std::size_t stops = 0;
      for (const Word& w : l.words) stops += stop_->count(w.lower);
      const std::size_t n = l.words.size();
      l.stop_share = n ? static_cast<double>(stops) / static_cast<double>(n) : 0;
      l.bullet = starts_bullet(s);
      l.ends_period = s.back() == '.';
      std::size_t i = 0;
      l.lower_start = is_lower_cp(next_cp(s, &i));
      l.prose =
          (n >= 10 && l.stop_share >= 0.2 && !l.bullet && (n >= kProseWords || ends_sentence(s))) ||
          (n >= 20 && l.stop_share >= 0.15);
      l.meta = has_clock_or_year(s) || starts_like_byline(l.words);
      l.key = key_of(s);
    }
  }

  // The run of lines with the most prose: prose lines count their words, other lines cost
  // 3 plus half their words (at most 12), blank lines nothing. False when there is no prose.
  bool main_region(std::size_t* first, std::size_t* last) const {
    double best = 0, current = 0;
    std::size_t start = 0;
    bool found = false;
    for (std::size_t i = 0; i < lines_.size(); ++i) {
      const Line& l = lines_[i];
      const double n = static_cast<double>(l.words.size());
      const double w = l.prose ? n : -std::min(12.0, 3 + 0.5 * n);
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

  std::vector<std::string> content_words(const Line& l) const {
    std::vector<std::string> out;
    for (const Word& w : l.words)
      if (w.cps > 2 && !w.digits && !stop_->count(w.lower)) out.push_back(w.lower);
    return out;
  }

  // The headline: the line before the article's first paragraph that is shaped like a title,
  // shares its words with the article, sits close above it, and is often repeated elsewhere on
  // the page (a breadcrumb, a share bar). Scores are documented in docs/format.md.
  std::size_t choose_headline(std::size_t body_start, std::size_t first, std::size_t last) const {
    std::unordered_map<std::string, int> vocab;  // content word -> prose lines of the region
    for (std::size_t i = first; i <= last; ++i) {
      if (!lines_[i].prose) continue;
      std::vector<std::string> words = content_words(lines_[i]);
      std::sort(words.begin(), words.end());
      words.erase(std::unique(words.begin(), words.end()), words.end());
      for (auto& w : words) ++vocab[w];
    }
    std::unordered_map<std::string_view, int> repeats;
    for (const Line& l : lines_) ++repeats[l.key];

    const std::size_t from = body_start > 60 ? body_start - 60 : 0;
    const std::size_t to = std::min(lines_.size(), body_start + 4);
    double best = -1e300;
    std::size_t chosen = 0;
    bool any = false;
    std::vector<std::pair<double, std::size_t>> scored;
    for (std::size_t i = from; i < to; ++i) {
      const Line& l = lines_[i];
      const std::size_t n = l.words.size();
      if (l.bullet || n < 2 || n > 35 || starts_like_byline(l.words)) continue;
      std::vector<std::string> words = content_words(l);
      if (words.empty()) continue;
      const bool own = l.prose && i >= first && i <= last;
      double overlap = 0;
      for (const auto& w : words) {
        auto it = vocab.find(w);
        int lines = it == vocab.end() ? 0 : it->second;
        if (own) {
          // the candidate's own line does not vouch for it
          --lines;
        }
        overlap += std::min(1.0, std::log(1.0 + std::max(0, lines)) / std::log(4.0));
      }
      overlap /= static_cast<double>(words.size());
      overlap *= std::min(1.0, static_cast<double>(words.size() + 1) / 4.0);
      const double distance = static_cast<double>(body_start) - static_cast<double>(i);
      double score = 3 * overlap - 0.35 * std::log2(1 + std::max(0.0, distance));
      if (distance < 0) score -= 2.5;
      if (l.prose && l.ends_period) score -= 1;
      if (n >= 4 && is_repeated(i, repeats)) score += 1.5;
      score += n >= 5 && n <= 20 ? 1 : n >= 3 ? 0.5 : -1;
      if (l.ends_period) score -= 1;
      if (l.lower_start) score -= 1.5;
      if (l.meta) score -= 1;
      if (n >= 12 && l.stop_share >= kSentenceStopShare) score -= kSentencePenalty;
      if (has_sentence_break(line_text(l))) score -= kBreakPenalty;
      if (line_text(l).find("   ") != std::string_view::npos)
        score -= kColumnsPenalty;  // table cells
      if (i == 0 && n >= 3 && !l.ends_period) score += 1.5;
      for (std::size_t j = i + 1; j < lines_.size() && j <= i + 5; ++j)
        if (lines_[j].meta) {
          score += 0.5;
          break;
        }
      scored.emplace_back(score, i);
      if (!any || score > best) {
        best = score;
        chosen = i;
        any = true;
      }
    }
    if (!any) return 0;
    // A line that holds another candidate whole (a breadcrumb or a caption around the
    // headline) gives way to it.
    double inner_best = -1e300;
    std::size_t inner = chosen;
    for (const auto& [score, i] : scored) {
      if (i == chosen || lines_[i].words.size() < 4 || score < best - kContainedGap) continue;
      if (lines_[chosen].key.size() > lines_[i].key.size() &&
          lines_[chosen].key.find(lines_[i].key) != std::string::npos && score > inner_best) {
        inner_best = score;
        inner = i;
      }
    }
    return inner;
  }

  // The line appears again on the page, alone or inside a longer line.
  bool is_repeated(std::size_t i, const std::unordered_map<std::string_view, int>& repeats) const {
    const std::string& key = lines_[i].key;
    if (repeats.at(key) > 1) return true;
    const std::size_t from = i > 300 ? i - 300 : 0;
    const std::size_t to = std::min(lines_.size(), i + 300);
    for (std::size_t j = from; j < to; ++j)
      if (j != i && lines_[j].key.size() > key.size() &&
          lines_[j].key.find(key) != std::string::npos)
        return true;
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
      if (!r->byline && starts_like_byline(l.words) && l.words.size() <= 16) {
        r->byline = strip_by(s);
        r->blocks[i].kind = BlockKind::Byline;
        if (!r->published_at) r->published_at = find_text_date(s);
        continue;
      }
      if (!r->published_at && l.words.size() <= 16) {
        if (auto date = find_text_date(s)) {
          r->published_at = std::move(date);
          r->blocks[i].kind = BlockKind::Dateline;
        }
      }
    }
  }

  // The byline without its leading byline word, and without a link address glued to it.
  static std::string strip_by(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size() && s[i] != ' ' && s[i] != ':') ++i;
    while (i < s.size() && (s[i] == ' ' || s[i] == ':')) ++i;
    std::string_view name = i < s.size() ? s.substr(i) : s;
    for (std::string_view scheme : {"https://", "http://"}) {
      std::size_t at = name.find(scheme);
      if (at != std::string_view::npos && at > 0) name = name.substr(0, at);
    }
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    return std::string(name);
  }

  // A line of the main region: article text, or boilerplate inside it (short fragments,
  // lines the page repeats elsewhere, empty bullets).
  static BlockKind body_kind(const Line& l, bool repeated) {
    const std::size_t n = l.words.size();
    if (l.prose) return BlockKind::Paragraph;
    if (repeated || n < 4) return BlockKind::Boilerplate;
    if (l.bullet) return BlockKind::ListItem;
    if (n <= 15 && !l.ends_period) return BlockKind::Heading;
    return BlockKind::Paragraph;
  }

  std::string_view text_;
  std::vector<Line> lines_;
  const StopSet* stop_ = nullptr;
};

// ---- Dates in text -------------------------------------------------------------------------

int month_number(const std::string& w) {
  static const std::unordered_map<std::string, int> kMonths = [] {
    std::unordered_map<std::string, int> m;
    const char* const kNames[12] = {
        "january jan janvier janv januar enero janeiro leden ledna",
        "february feb février févr februar febrero fevereiro fev únor února",
        "march mar mars märz marzo março březen března",
        "april apr avril abril duben dubna",
        "may mai mayo maio květen května",
        "june jun juin juni junio junho červen června",
        "july jul juillet juil juli julio julho červenec července",
        "august aug août agosto srpen srpna ago",
        "september sep sept septembre septiembre setembro set září",
        "october oct octobre oktober octubre outubro out říjen října",
        "november nov novembre noviembre novembro listopad listopadu",
        "december dec décembre déc dezember diciembre dezembro dez prosinec prosince dic",
    };
    for (int k = 0; k < 12; ++k)
      for (Word& name : words_of(kNames[k])) m.emplace(std::move(name.lower), k + 1);
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
      append_cp(t.text, lower_cp(c));
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

// The zone a time is given in, as normalize_date reads it; "" when none is named.
std::string zone_of(const std::string& w) {
  static const std::unordered_map<std::string, std::string> kZones = {
      {"utc", "Z"},      {"gmt", "Z"},       {"est", "-05:00"}, {"edt", "-04:00"},
      {"cst", "-06:00"}, {"cdt", "-05:00"},  {"mst", "-07:00"}, {"mdt", "-06:00"},
      {"pst", "-08:00"}, {"pdt", "-07:00"},  {"cet", "+01:00"}, {"cest", "+02:00"},
      {"bst", "+01:00"}, {"aest", "+10:00"}, {"aedt", "+11:00"}};
  auto it = kZones.find(w);
  return it == kZones.end() ? "" : it->second;
}

// The first time of day in the tokens: HH:MM[:SS] [am|pm] [zone].
std::string find_time(const std::vector<Token>& t) {
  for (std::size_t i = 0; i + 1 < t.size(); ++i) {
    if (!t[i].number || t[i].after != ':' || !t[i + 1].number || t[i + 1].text.size() != 2)
      continue;
    int hour = to_int(t[i]), minute = to_int(t[i + 1]);
    std::size_t k = i + 2;
    if (hour < 0 || hour > 23 || minute > 59) continue;
    if (k < t.size() && (t[k].text == "am" || t[k].text == "pm")) {
      if (hour < 1 || hour > 12) continue;
      hour = hour % 12 + (t[k].text == "pm" ? 12 : 0);
      ++k;
    }
    std::string zone = k < t.size() ? zone_of(t[k].text) : "";
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02d:%02d", hour, minute);
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
    } else if (is_year(t[i]) && t[i].after == '-' && i + 2 < t.size() && t[i + 1].number &&
               t[i + 1].after == '-' && t[i + 2].number) {
      year = to_int(t[i]);
      month = to_int(t[i + 1]);
      day = to_int(t[i + 2]);
    }
    if (year == 0 || month < 1 || month > 12 || day < 1 || day > 31) continue;
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
    std::string time = find_time(t);
    std::optional<std::string> normal =
        normalize_date(time.empty() ? std::string(buf) : std::string(buf) + " " + time);
    if (normal) return normal;
  }
  return std::nullopt;
}

}  // namespace articles
