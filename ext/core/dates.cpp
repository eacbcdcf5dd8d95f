#include "core/dates.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdio>

#include "core/text.hpp"

namespace articles {

namespace {

bool is_leap(std::int64_t y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int days_in_month(std::int64_t y, int m) {
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
std::int64_t days_from_civil(std::int64_t y, int m, int d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t yoe = y - era * 400;
  const std::int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void civil_from_days(std::int64_t z, std::int64_t* y, int* m, int* d) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t doe = z - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  *d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  *m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  *y = yoe + era * 400 + (*m <= 2);
}

}  // namespace

namespace {

// A moment being read: date, time, zone; written as UTC ISO 8601.
struct Moment {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  int offset_minutes = 0;

  std::optional<std::string> utc() const {
    if (year < 1 || month < 1 || month > 12 || day < 1 || day > days_in_month(year, month) ||
        hour > 23 || minute > 59 || second > 60)
      return std::nullopt;
    std::int64_t t = days_from_civil(year, month, day) * 86400 + hour * 3600 + minute * 60 +
                     std::min(second, 59) - static_cast<std::int64_t>(offset_minutes) * 60;
    std::int64_t days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
    std::int64_t secs = t - days * 86400;
    std::int64_t y;
    int m, d;
    civil_from_days(days, &y, &m, &d);
    if (y < 1 || y > 9999) return std::nullopt;
    char buf[64];  // room for any int, so that no compiler sees a possible truncation
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", static_cast<int>(y), m, d,
                  static_cast<int>(secs / 3600), static_cast<int>(secs / 60 % 60),
                  static_cast<int>(secs % 60));
    return std::string(buf);
  }
};

class Scanner {
 public:
  explicit Scanner(std::string_view s) : s_(s) {}
  bool done() const { return i_ == s_.size(); }
  bool eat(char c) {
    if (i_ < s_.size() && s_[i_] == c) {
      ++i_;
      return true;
    }
    return false;
  }
  bool blanks() {  // at least one space or tab
    const std::size_t from = i_;
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t')) ++i_;
    return i_ > from;
  }
  // From `min` to `max` digits; their value.
  bool number(int min, int max, int* out) {
    int v = 0, n = 0;
    while (n < max && i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9') {
      v = v * 10 + (s_[i_++] - '0');
      ++n;
    }
    *out = v;
    return n >= min;
  }
  bool digit_next() const { return i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9'; }
  // A word of ASCII letters, lower-cased.
  std::string word() {
    std::string w;
    while (i_ < s_.size() && ((s_[i_] >= 'a' && s_[i_] <= 'z') || (s_[i_] >= 'A' && s_[i_] <= 'Z')))
      w.push_back(static_cast<char>(s_[i_++] | 0x20));
    return w;
  }
  std::size_t mark() const { return i_; }
  void reset(std::size_t m) { i_ = m; }

 private:
  std::string_view s_;
  std::size_t i_ = 0;
};

// `H:MM[:SS[.fraction]]`.
bool read_time(Scanner& r, Moment* m) {
  if (!r.number(1, 2, &m->hour) || !r.eat(':') || !r.number(2, 2, &m->minute)) return false;
  if (r.eat(':')) {
    if (!r.number(2, 2, &m->second)) return false;
    if (r.eat('.') || r.eat(',')) {
      int ignored;
      if (!r.number(1, 1, &ignored)) return false;
      while (r.number(1, 1, &ignored)) {
      }  // truncated, never rounded
    }
  }
  return true;
}

// A zone by name in a date value: UTC and the North American zones RFC 2822 names.
bool named_zone(const std::string& w, int* minutes) {
  const ZoneName* z = find_zone(w);
  if (!z || !z->in_values) return false;
  *minutes = z->minutes;
  return true;
}

// `Z`, a zone name, `±H`, `±HH`, `±HHMM` or `±HH:MM`, after optional blanks; true when the text
// ends there (with or without a zone).
bool read_zone(Scanner& r, Moment* m) {
  r.blanks();
  if (r.done()) return true;
  const bool plus = r.eat('+');
  if (plus || r.eat('-')) {
    int digits = 0, hours = 0, minutes = 0;
    const std::size_t start = r.mark();
    if (!r.number(1, 4, &digits)) return false;
    const std::size_t n = r.mark() - start;
    if (n <= 2) {
      hours = digits;
      if (r.eat(':') && !r.number(2, 2, &minutes)) return false;
    } else {
      hours = digits / 100;
      minutes = digits % 100;
    }
    if (hours > 23 || minutes > 59) return false;
    m->offset_minutes = (plus ? 1 : -1) * (hours * 60 + minutes);
  } else if (!named_zone(r.word(), &m->offset_minutes)) {
    return false;
  }
  r.blanks();
  return r.done();
}

// `YYYY-M-D` (or `YYYY/M/D`, as blogs and East Asian sites write it: the year first, so never
// ambiguous), then optionally a time and a zone.
std::optional<std::string> iso_like(std::string_view s) {
  Scanner r(s);
  Moment m;
  if (!r.number(4, 4, &m.year)) return std::nullopt;
  const char separator = r.eat('-') ? '-' : r.eat('/') ? '/' : '\0';
  if (!separator || !r.number(1, 2, &m.month) || !r.eat(separator) || !r.number(1, 2, &m.day))
    return std::nullopt;
  if (r.done()) return m.utc();
  if (!r.eat('T') && !r.eat('t') && !r.blanks()) return std::nullopt;
  if (!read_time(r, &m) || !read_zone(r, &m)) return std::nullopt;
  return m.utc();
}

int english_month(const std::string& w) {
  static const char* const kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                        "jul", "aug", "sep", "oct", "nov", "dec"};
  if (w.size() < 3) return 0;
  for (int k = 0; k < 12; ++k)
    if (w.compare(0, 3, kMonths[k]) == 0) return k + 1;
  return 0;
}

// `[Tue, ]5 Mar 2024[ 08:30[:00][ zone]]`.
std::optional<std::string> rfc2822(std::string_view s) {
  Scanner r(s);
  Moment m;
  if (!r.digit_next()) {  // the day of the week
    if (r.word().size() < 3) return std::nullopt;
    r.eat(',');
    r.blanks();
  }
  if (!r.number(1, 2, &m.day) || !r.blanks()) return std::nullopt;
  if ((m.month = english_month(r.word())) == 0 || !r.blanks()) return std::nullopt;
  if (!r.number(4, 4, &m.year)) return std::nullopt;
  r.blanks();
  if (r.done()) return m.utc();
  if (!read_time(r, &m) || !read_zone(r, &m)) return std::nullopt;
  return m.utc();
}

// `MM/DD/YYYY[ H:MM[:SS]]`, or `DD/MM/YYYY` when the first number is over 12.
std::optional<std::string> slashed(std::string_view s) {
  Scanner r(s);
  Moment m;
  int first, second;
  if (!r.number(1, 2, &first) || !r.eat('/') || !r.number(1, 2, &second) || !r.eat('/') ||
      !r.number(4, 4, &m.year))
    return std::nullopt;
  m.month = first > 12 ? second : first;
  m.day = first > 12 ? first : second;
  if (r.done()) return m.utc();
  if (!r.blanks() || !read_time(r, &m) || !read_zone(r, &m)) return std::nullopt;
  return m.utc();
}

}  // namespace

std::optional<std::string> file_name_date(std::string_view name) {
  Scanner r(name);
  Moment m;
  if (!r.number(4, 4, &m.year) || !r.eat('-') || !r.number(2, 2, &m.month) || !r.eat('-') ||
      !r.number(2, 2, &m.day) || (!r.eat('-') && !r.eat('_')))
    return std::nullopt;
  return m.utc();
}

// Every zone a date may name: {name, minutes, in a value, in a text, seasonal}.
constexpr ZoneName kZoneNames[] = {
    {"z", 0, true, true, false},           {"utc", 0, true, true, false},
    {"gmt", 0, true, true, false},         {"ut", 0, true, false, false},
    {"est", -5 * 60, true, true, false},   {"edt", -4 * 60, true, true, false},
    {"cst", -6 * 60, true, true, false},   {"cdt", -5 * 60, true, true, false},
    {"mst", -7 * 60, true, true, false},   {"mdt", -6 * 60, true, true, false},
    {"pst", -8 * 60, true, true, false},   {"pdt", -7 * 60, true, true, false},
    {"cet", 1 * 60, false, true, false},   {"cest", 2 * 60, false, true, false},
    {"bst", 1 * 60, false, true, false},   {"aest", 10 * 60, false, true, false},
    {"aedt", 11 * 60, false, true, false}, {"et", -5 * 60, false, true, true},
    {"ct", -6 * 60, false, true, true},    {"mt", -7 * 60, false, true, true},
    {"pt", -8 * 60, false, true, true}};

const ZoneName* find_zone(std::string_view name) {
  for (const ZoneName& z : kZoneNames)
    if (z.name == name) return &z;
  return nullptr;
}

bool us_daylight_saving(int year, int month, int day) {
  // The day of the month of the n-th Sunday (n = 1, 2) of a month, or of its last (n = 0).
  auto sunday = [&](int m, int n) {
    const std::int64_t first = days_from_civil(year, m, 1);
    const int weekday = static_cast<int>(((first % 7) + 11) % 7);  // 0 = Sunday (1970-01-01: Thu)
    const int first_sunday = 1 + (7 - weekday) % 7;
    if (n > 0) return first_sunday + 7 * (n - 1);
    int last = first_sunday;
    while (last + 7 <= days_in_month(year, m)) last += 7;
    return last;
  };
  const int start_month = year >= 2007 ? 3 : 4, end_month = year >= 2007 ? 11 : 10;
  const int start = sunday(start_month, year >= 2007 ? 2 : 1);
  const int end = sunday(end_month, year >= 2007 ? 1 : 0);
  if (month != start_month && month != end_month) return month > start_month && month < end_month;
  return month == start_month ? day >= start : day < end;
}

std::optional<std::string> normalize_date(std::string_view text) {
  const std::string_view s = trim(text);
  if (s.empty()) return std::nullopt;
  if (auto d = iso_like(s)) return d;
  if (auto d = slashed(s)) return d;
  return rfc2822(s);
}

}  // namespace articles
