// Plain text saved from a web page: which line is the headline, which lines are the article
// and which are the page around it (menus, share bars, consent notices, related links), who
// wrote it and when. From the text alone, by general rules (docs/format.md, "Plain text"): no
// site lists, no per-site patterns; language enters only through small stop-word lists and
// month names. Pure and thread-safe.
#pragma once

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
  std::vector<TextBlock> blocks;            // every non-blank line, in order
  std::optional<std::size_t> headline;      // index in blocks; none only for a blank text
  std::optional<std::string> byline;        // the author line, without a leading "By" word
  std::optional<std::string> published_at;  // as normalize_date writes it
};

// Reads `text` (valid UTF-8, LF or CRLF). REQUIRES: text.size() < 4 GiB.
ScrapedReading read_scraped_text(std::string_view text);

// The paragraph, list_item and heading blocks of `text`, separated by blank lines.
std::string clean_body_of(std::string_view text, const std::vector<TextBlock>& blocks);

// The first date a line of text states ("Mar 3, 2021 9:05 AM EST", "22 janvier 2025",
// "22.01.2025", "2025-01-22"), with its time and zone when they are given, normalised as
// normalize_date does; nullopt when there is none, or it is incomplete or impossible.
std::optional<std::string> find_text_date(std::string_view line);

}  // namespace articles
