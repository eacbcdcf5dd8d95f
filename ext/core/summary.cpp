#include "core/summary.hpp"

#include <cstdint>
#include <cstring>
#include <stdexcept>

namespace articles {

Summary::Summary(const Article& a, const std::vector<DeclaredColumn>* schema)
    : format(a.format),
      syntax(a.syntax),
      title_source(a.title_source),
      title_confidence(a.title_confidence),
      quality(a.quality),
      heat(a.heat),
      published(a.published),
      related_count(a.related_count),
      word_count(a.word_count),
      yaml_fast(a.yaml_fast) {
  std::optional<std::string> errors = a.error_text();
  std::optional<std::string> declared;
  if (schema && !schema->empty()) {
    std::vector<Problem> problems;
    declared = pack_declared(a, *schema, &problems);
    for (const Problem& p : problems) {
      if (!errors) errors.emplace();
      if (!errors->empty()) *errors += "; ";
      *errors += p.text();
    }
  }
  const std::optional<std::string>* fields[kFieldCount] = {
      &a.title,        &a.byline,        &a.category,        &a.type,         &a.excerpt,
      &a.published_at, &a.provider_name, &a.provider_domain, &a.original_url, &a.web_url,
      &a.topics,       &a.images,        &a.secured,         &a.updated_at,   &errors,
      &a.link_names,   &declared};
  std::size_t total = 0;
  for (const auto* f : fields)
    if (*f) total += (*f)->size();
  if (total > UINT32_MAX) throw std::length_error("the article's short fields pass 4 GiB");
  data_.reserve(total);
  for (int i = 0; i < kFieldCount; ++i) {
    if (*fields[i]) {
      data_ += **fields[i];
      present_ |= 1u << i;
    }
    end_[i] = static_cast<std::uint32_t>(data_.size());
  }
}

namespace {

constexpr unsigned char kVersion = 3;  // 2: kLinkNames; 3: kDeclared
// Flags of the serialized form: which optional numbers follow.
constexpr unsigned kHasConfidence = 1, kHasQuality = 2, kHasHeat = 4, kHasPublished = 8,
                   kYamlFast = 16;

void put64(std::string& out, std::uint64_t v) {
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}
void put32(std::string& out, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

// Reads little-endian numbers from a view; `ok` turns false (for good) at a read past the end.
struct Reader {
  std::string_view in;
  bool ok = true;
  std::uint64_t get(int bytes) {
    if (in.size() < static_cast<std::size_t>(bytes)) {
      ok = false;
      return 0;
    }
    std::uint64_t v = 0;
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    std::memcpy(&v, in.data(), static_cast<std::size_t>(bytes));  // the same value, at once
#else
    for (int i = 0; i < bytes; ++i)
      v |= std::uint64_t{static_cast<unsigned char>(in[i])} << (8 * i);
#endif
    in.remove_prefix(static_cast<std::size_t>(bytes));
    return v;
  }
};

}  // namespace

std::string Summary::serialize() const {
  std::string out;
  out.reserve(64 + 4 * kFieldCount + data_.size());
  const unsigned flags = (title_confidence ? kHasConfidence : 0) | (quality ? kHasQuality : 0) |
                         (heat ? kHasHeat : 0) | (published ? kHasPublished : 0) |
                         (yaml_fast ? kYamlFast : 0);
  out.push_back(static_cast<char>(kVersion));
  out.push_back(static_cast<char>(format));
  out.push_back(static_cast<char>(syntax));
  out.push_back(static_cast<char>(title_source));
  out.push_back(static_cast<char>(flags));
  if (title_confidence) {
    std::uint64_t bits;
    std::memcpy(&bits, &*title_confidence, sizeof bits);
    put64(out, bits);
  }
  for (const auto* v : {&quality, &heat, &published})
    if (*v) put64(out, static_cast<std::uint64_t>(**v));
  put64(out, static_cast<std::uint64_t>(related_count));
  put64(out, static_cast<std::uint64_t>(word_count));
  put32(out, present_);
  for (std::uint32_t end : end_) put32(out, end);
  out += data_;
  return out;
}

std::optional<Summary> Summary::deserialize(std::string_view bytes) {
  Reader r{bytes};
  if (r.get(1) != kVersion) return std::nullopt;
  const auto format = r.get(1), syntax = r.get(1), source = r.get(1), flags = r.get(1);
  if (!r.ok || format > static_cast<unsigned>(Format::Binary) ||
      syntax > static_cast<unsigned>(Syntax::Json) ||
      source > static_cast<unsigned>(TitleSource::Inferred) || flags >= 32)
    return std::nullopt;
  Summary s;
  s.format = static_cast<Format>(format);
  s.syntax = static_cast<Syntax>(syntax);
  s.title_source = static_cast<TitleSource>(source);
  s.yaml_fast = flags & kYamlFast;
  if (flags & kHasConfidence) {
    const std::uint64_t bits = r.get(8);
    double d;
    std::memcpy(&d, &bits, sizeof d);
    if (!(d >= 0 && d <= 1)) return std::nullopt;  // NaN included
    s.title_confidence = d;
  }
  const unsigned has[] = {kHasQuality, kHasHeat, kHasPublished};
  std::optional<std::int64_t>* numbers[] = {&s.quality, &s.heat, &s.published};
  for (int i = 0; i < 3; ++i)
    if (flags & has[i]) *numbers[i] = static_cast<std::int64_t>(r.get(8));
  s.related_count = static_cast<std::int64_t>(r.get(8));
  s.word_count = static_cast<std::int64_t>(r.get(8));
  s.present_ = static_cast<std::uint32_t>(r.get(4));
  if (s.present_ >> kFieldCount) return std::nullopt;
  std::uint32_t last = 0;
  for (int f = 0; f < kFieldCount; ++f) {
    s.end_[f] = static_cast<std::uint32_t>(r.get(4));
    // Ends never go back, and an absent field is empty.
    if (s.end_[f] < last || (!(s.present_ & (1u << f)) && s.end_[f] != last)) return std::nullopt;
    last = s.end_[f];
  }
  if (!r.ok || r.in.size() != last) return std::nullopt;
  s.data_.assign(r.in.data(), r.in.size());
  return s;
}

bool Summary::operator==(const Summary& o) const {
  return format == o.format && syntax == o.syntax && title_source == o.title_source &&
         title_confidence == o.title_confidence && quality == o.quality && heat == o.heat &&
         published == o.published && related_count == o.related_count &&
         word_count == o.word_count && yaml_fast == o.yaml_fast && data_ == o.data_ &&
         end_ == o.end_ && present_ == o.present_;
}

}  // namespace articles
