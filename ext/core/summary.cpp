#include "core/summary.hpp"

#include <cstdint>
#include <stdexcept>

namespace articles {

Summary::Summary(const Article& a)
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
  const std::optional<std::string> errors = a.error_text();
  const std::optional<std::string>* fields[kFieldCount] = {
      &a.title,        &a.byline,        &a.category,        &a.type,         &a.excerpt,
      &a.published_at, &a.provider_name, &a.provider_domain, &a.original_url, &a.web_url,
      &a.topics,       &a.images,        &a.secured,         &a.updated_at,   &errors};
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

}  // namespace articles
