// Publication dates to UTC ISO 8601.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace articles {

// Reads `YYYY-MM-DD`, optionally followed by `T` or one space and `HH:MM[:SS[.fraction]]`,
// optionally followed (with or without one space) by `Z`, `+HH:MM`, `+HHMM` or `+HH` (or `-`).
// Returns `YYYY-MM-DDTHH:MM:SSZ` in UTC; fractional seconds are truncated; a time without a zone
// is taken as UTC; a bare date is midnight UTC. Returns nullopt for anything else, including
// impossible dates such as 2023-02-30.
std::optional<std::string> normalize_date(std::string_view text);

}  // namespace articles
