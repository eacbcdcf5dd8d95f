// Publication dates to UTC ISO 8601.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace articles {

// Reads a date, with or without a time and a zone, in the forms sites write (docs/format.md):
// - ISO 8601 and YAML 1.1 timestamps: `YYYY-M-D` (one or two digits for month and day),
//   optionally `T`, `t` or blanks and `H:MM[:SS[.fraction]]` (one or two digits for the hour),
//   optionally blanks and a zone: `Z`, `UTC`, `GMT`, `±H`, `±HH`, `±HHMM`, `±HH:MM`;
// - RFC 2822 / RFC 1123: `[Tue, ]5 Mar 2024[ 08:30[:00][ +0000|GMT|UT|EST|...]]`;
// - numeric `MM/DD/YYYY[ H:MM[:SS]]`, read as `DD/MM/YYYY` when the first number is over 12.
// Returns `YYYY-MM-DDTHH:MM:SSZ` in UTC; fractional seconds are truncated; a time without a
// zone is taken as UTC; a bare date is midnight UTC. Returns nullopt for anything else,
// including impossible dates such as 2023-02-30 or 0000-00-00.
std::optional<std::string> normalize_date(std::string_view text);

// The date a file's name starts with, `YYYY-MM-DD` then `-` or `_` (`2024-03-05-cranes.md`, as
// Jekyll, Hugo and Zola name posts), written as normalize_date writes it; nullopt when there is
// none or it is impossible.
std::optional<std::string> file_name_date(std::string_view name);

// A time zone as dates name it (in lower case).
struct ZoneName {
  std::string_view name;
  int minutes;     // east of UTC; for a seasonal zone, its standard time's
  bool in_values;  // in a date value (normalize_date): UTC and the zones RFC 2822 names
  bool in_text;    // in a page's dateline, which names European and Australian zones too
  bool seasonal;   // an American zone named without its season (`ET`): the date tells which
};

// The zone `name` (in lower case) names, or nullptr.
const ZoneName* find_zone(std::string_view name);

// Whether daylight saving time is in force in the United States on that day: from the second
// Sunday of March to the first Sunday of November (since 2007; before, from the first Sunday of
// April to the last Sunday of October), the changes' hour of the night not told apart.
bool us_daylight_saving(int year, int month, int day);

}  // namespace articles
