// Plain text saved from a web page: which line is the headline, which lines are the article
// and which are the page around it (menus, share bars, consent notices, related links), who
// wrote it and when. From the text alone, by general rules (docs/format.md, "Plain text"): no
// site lists, no per-site patterns; language enters only through small stop-word lists and
// month names. Pure and thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace articles {

enum class BlockKind : std::uint8_t {
  Headline,
  Byline,
  Dateline,
  Paragraph,
  ListItem,
  Heading,
  Boilerplate
};

// 'headline', 'byline', 'dateline', 'paragraph', 'list_item', 'heading', 'boilerplate'.
const char* block_kind_name(BlockKind kind);

// One non-blank line of the text, trimmed: text.substr(offset, length).
struct TextBlock {
  std::uint32_t line;  // 1-based line in the text
  BlockKind kind;
  std::uint32_t offset, length;
};

struct ScrapedReading {
  std::vector<TextBlock> blocks;  // every non-blank line, in order
  // Index in blocks; none for a blank text, and for a text with no line to be its headline
  // (docs/format.md, "Plain text": one paragraph, a first line too long for a headline).
  std::optional<std::size_t> headline;
  double headline_confidence = 0;           // how likely it is right, 0 to 1 (calibrated)
  std::optional<std::string> byline;        // the author line, without a leading "By" word
  std::optional<std::string> published_at;  // as normalize_date writes it
};

// Reads `text` (valid UTF-8, LF or CRLF). REQUIRES: text.size() < 4 GiB.
ScrapedReading read_scraped_text(std::string_view text);

// The features of a line that may be the headline (docs/format.md, "Plain text"); the learned
// model (headline_model.hpp) weighs them, for the candidate and for the lines around it. Each
// is 0 or 1 unless said otherwise.
enum HeadlineFeature {
  kOverlap,          // 0-1: its words' presence in the article's prose lines
  kDistance,         // log2(1 + lines above the article's start)
  kBelowText,        // below the article's start
  kProsePeriod,      // running prose that ends with a period
  kOwnProse,         // one of the article's own prose lines
  kRepeated,         // 4+ words, and the page repeats it (a breadcrumb, a share bar)
  kTitleLength,      // 5 to 20 words (or a shorter line the opening names)
  kShortLength,      // 3 or 4 words
  kTinyLength,       // 1 or 2 words
  kEndsPeriod,       // ends with a period
  kLowerStart,       // starts with a lower-case letter
  kMeta,             // a short line stating a date or starting like a byline
  kSentence,         // 12+ words as dense in stop words as prose
  kSentenceBreak,    // holds a sentence break (". X")
  kCaption,          // an image's alternative text and caption, or below an image's file name
  kColumns,          // table cells (runs of spaces)
  kNamed,            // the article's opening names it
  kBelowByline,      // a byline stands up to 10 lines above it
  kAboveByline,      // the next line is a byline
  kAboveMeta,        // a date or byline follows within 5 lines (not right below as a byline)
  kFar,              // far above the article, standing alone twice on the page
  kCopies,           // 0-1: copies of it on the page, up to 4, over 4
  kWords,            // 0-1: words, up to 30, over 30
  kStopShare,        // 0-1: the share of its words that are stop words
  kCapitals,         // 0-1: the share of its words that start with a capital letter
  kSeparator,        // holds " | ", " - ", " – " or " — " (a page title with the site's name)
  kDigits,           // 0-1: the share of its characters that are digits
  kPosition,         // log2(1 + line index) / 10
  kBullet,           // a list item
  kBestOverlap,      // its overlap is the page's highest
  kOverlapGap,       // 0-1: the page's highest overlap less its own
  kNearestShaped,    // the title-shaped line (5-20 words, not a date or byline) closest above the
                     // text
  kMenuAbove,        // 0-1: the share of list items among the (up to) 10 lines above it
  kShortAbove,       // 0-1: the share of lines of at most 3 words among the 10 lines above it
  kMenuBelow,        // 0-1: the share of list items among the (up to) 5 lines below it
  kAfterMenu,        // the 3 lines above it are list items (a menu ends here)
  kAfterShorts,      // the 3 lines above it have at most 3 words each
  kLongerThanAbove,  // more than 3 words, below a list item or a line of at most 3 words
  kHolds,            // holds the text of another candidate (of 4+ words), as a whole phrase or
                     // as a caption template holds its words
  kHeld,             // another candidate holds its text
  kStemOverlap,      // 0-1: as kOverlap, its words counted by their first 5 letters (a stem)
  kLineFeatures
};

// A candidate also carries the line features of the lines around it, as far from it as these
// offsets (non-blank lines): the line above it, the next and the one after (a standfirst, a
// byline or a caption below a headline; a section's name above it). A context line that is no
// candidate (or no line at all) has its features 0 and its `none` feature 1.
constexpr int kContextOffsets[] = {-1, 1, 2};
constexpr int kContextLines = sizeof kContextOffsets / sizeof kContextOffsets[0];
// Where feature `f` of context line `slot` (an index into kContextOffsets) is, and its `none`.
constexpr int context_feature(int slot, int f) {
  return kLineFeatures * (slot + 1) + slot + f;
}
constexpr int context_none(int slot) {
  return context_feature(slot, kLineFeatures);
}
constexpr int kHeadlineFeatures = context_none(kContextLines - 1) + 1;

// The name of a feature, as the training data and docs/format.md name it: a line feature's
// name, or for a context line, "above.", "below." or "below2." and the name ("below.none").
const char* headline_feature_name(int feature);

// The lines whose words the learned vocabulary weighs for a candidate (headline_model.hpp), as
// far from it as these offsets (non-blank lines): its own, the one above, the one below.
constexpr int kTokenOffsets[] = {0, -1, 1};
constexpr int kTokenSlots = sizeof kTokenOffsets / sizeof kTokenOffsets[0];

// The tokens of a line that the vocabulary weighs: its words in lower case (every ASCII digit
// written 0), and each other character that is not white space (a symbol, a punctuation
// mark); those among its first 32 tokens, each once, in the order they first come (a long
// paragraph around a candidate says what it is by its start).
std::vector<std::string> headline_tokens(std::string_view line);

struct HeadlineCandidate {
  std::size_t block = 0;  // index in ScrapedReading::blocks
  double features[kHeadlineFeatures] = {};
  double vocabulary = 0;           // the weights of the tokens of its lines (kTokenOffsets), summed
  double score = 0;                // set by pick_headline
  std::vector<std::size_t> holds;  // candidates (indices) whose text it holds
  std::vector<std::size_t> extended_by;  // candidates that begin with it and go on
};

// For the training tool and the tests: the headline candidates of a text with their features,
// or, when no model decides (no run of prose, or a file that starts with its title), `fixed`.
struct HeadlineCandidates {
  std::vector<HeadlineCandidate> candidates;
  std::optional<std::size_t> fixed;  // the block the reading takes without the model
  bool titled = false;               // fixed: a first line the text goes straight on from
};
HeadlineCandidates headline_candidates(std::string_view text);

// The paragraph, list_item and heading blocks of `text`, separated by blank lines.
std::string clean_body_of(std::string_view text, const std::vector<TextBlock>& blocks);

// The first date a line of text states ("Mar 3, 2021 9:05 AM EST", "22 janvier 2025",
// "22.01.2025", "2025-01-22"), with its time and zone when they are given, normalised as
// normalize_date does; nullopt when there is none, or it is incomplete or impossible.
std::optional<std::string> find_text_date(std::string_view line);

}  // namespace articles
