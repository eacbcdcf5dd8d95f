#include "core/dates.hpp"

#include <cstdint>
#include <cstdio>

#include "core/text.hpp"

namespace articles {

namespace {

class Reader {
 public:
  explicit Reader(std::string_view s) : s_(s) {}
  bool done() const { return i_ == s_.size(); }
  bool peek(char c) const { return i_ < s_.size() && s_[i_] == c; }
  bool eat(char c) {
    if (!peek(c)) return false;
    ++i_;
    return true;
  }
  bool digits(int n, int* out) {
    int v = 0;
    for (int k = 0; k < n; ++k, ++i_) {
      if (i_ >= s_.size() || s_[i_] < '0' || s_[i_] > '9') return false;
      v = v * 10 + (s_[i_] - '0');
    }
    *out = v;
    return true;
  }
  bool peek_digit() const { return i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9'; }

 private:
  std::string_view s_;
  std::size_t i_ = 0;
};

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

std::optional<std::string> normalize_date(std::string_view text) {
  Reader r(trim(text));
  int year, month, day, hour = 0, minute = 0, second = 0;
  if (!r.digits(4, &year) || !r.eat('-') || !r.digits(2, &month) || !r.eat('-') ||
      !r.digits(2, &day))
    return std::nullopt;
  if (month < 1 || month > 12 || day < 1 || day > days_in_month(year, month)) return std::nullopt;
  int offset_minutes = 0;
  if (!r.done()) {
    if (!r.eat('T') && !r.eat('t') && !r.eat(' ')) return std::nullopt;
    if (!r.digits(2, &hour) || !r.eat(':') || !r.digits(2, &minute)) return std::nullopt;
    if (r.eat(':')) {
      if (!r.digits(2, &second)) return std::nullopt;
      if (r.eat('.') || r.eat(',')) {
        if (!r.peek_digit()) return std::nullopt;
        int ignored;
        while (r.peek_digit()) r.digits(1, &ignored);  // truncated, never rounded
      }
    }
    if (hour > 23 || minute > 59 || second > 59) return std::nullopt;
    r.eat(' ');
    if (r.eat('Z') || r.eat('z')) {
      // UTC
    } else if (r.peek('+') || r.peek('-')) {
      int sign = r.eat('-') ? -1 : (r.eat('+'), 1);
      int oh, om = 0;
      if (!r.digits(2, &oh)) return std::nullopt;
      if (r.eat(':')) {
        if (!r.digits(2, &om)) return std::nullopt;
      } else if (r.peek_digit()) {
        if (!r.digits(2, &om)) return std::nullopt;
      }
      if (oh > 23 || om > 59) return std::nullopt;
      offset_minutes = sign * (oh * 60 + om);
    }
    if (!r.done()) return std::nullopt;
  }
  std::int64_t t = days_from_civil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second -
                   static_cast<std::int64_t>(offset_minutes) * 60;
  std::int64_t days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
  std::int64_t secs = t - days * 86400;
  std::int64_t y;
  int m, d;
  civil_from_days(days, &y, &m, &d);
  if (y < 0 || y > 9999) return std::nullopt;
  char buf[64];  // room for any int, so that no compiler sees a possible truncation
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", static_cast<int>(y), m, d,
                static_cast<int>(secs / 3600), static_cast<int>(secs / 60 % 60),
                static_cast<int>(secs % 60));
  return std::string(buf);
}

}  // namespace articles
