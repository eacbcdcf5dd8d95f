#include "core/headline_model.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <iterator>

#include "core/text.hpp"

namespace articles {

namespace {

// A token of the vocabulary and its weight in each slot of kTokenOffsets.
struct VocabularyWeight {
  const char* token;
  double weights[kTokenSlots];
};

#include "core/headline_model.inc"

static_assert(sizeof kWeights / sizeof kWeights[0] == kHeadlineFeatures,
              "headline_model.inc has one weight per feature (after changing the features, give "
              "it a 0.0 per new one, build reader_features and train again: bench/README.md)");

}  // namespace

const double kTitledConfidence = kTitledRight;
const double kUntextedConfidence = kUntextedRight;

std::size_t pick_headline(std::vector<HeadlineCandidate>& candidates) {
  std::size_t best = 0;
  for (std::size_t k = 0; k < candidates.size(); ++k) {
    HeadlineCandidate& c = candidates[k];
    // Four sums side by side: one would wait for each addition to finish before the next.
    double sums[4] = {0, 0, 0, 0};
    int f = 0;
    for (; f + 4 <= kHeadlineFeatures; f += 4)
      for (int j = 0; j < 4; ++j) sums[j] += kWeights[f + j] * c.features[f + j];
    for (; f < kHeadlineFeatures; ++f) sums[0] += kWeights[f] * c.features[f];
    c.score = kBias + c.vocabulary + ((sums[0] + sums[1]) + (sums[2] + sums[3]));
    if (c.score > candidates[best].score) best = k;
  }
  const double top = candidates[best].score;
  // A line holding another candidate whole gives way to the best such one within the gap.
  std::size_t inner = best;
  double inner_score = -1e300;
  for (std::size_t k : candidates[best].holds)
    if (candidates[k].score >= top - kContainedGap && candidates[k].score > inner_score) {
      inner = k;
      inner_score = candidates[k].score;
    }
  if (inner != best) return inner;
  for (std::size_t k : candidates[best].extended_by)
    if (candidates[k].score >= top - kExtendedGap && candidates[k].score > inner_score) {
      inner = k;
      inner_score = candidates[k].score;
    }
  return inner;
}

namespace {

// The vocabulary by token: open addressing, at most half full; a slot holds its entry's index
// plus one (0: free). Asked for every token of some hundred lines a page.
class VocabularyTable {
 public:
  VocabularyTable() {
    while (slots_.size() < 2 * std::size(kVocabulary)) slots_.resize(slots_.size() * 2);
    for (std::size_t k = 0; k < std::size(kVocabulary); ++k) {
      const std::string_view token = kVocabulary[k].token;
      lengths_.push_back(token.size());
      slots_[free_slot(token)] = static_cast<std::uint32_t>(k + 1);
    }
  }
  const double* find(std::string_view token) const {
    const std::uint32_t k = slots_[free_slot(token)];
    return k ? kVocabulary[k - 1].weights : nullptr;
  }

 private:
  // The slot of `token`, or the free slot where it would go.
  std::size_t free_slot(std::string_view token) const {
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = slot_hash(token) & mask;; i = (i + 1) & mask) {
      const std::uint32_t k = slots_[i];
      if (k == 0 || (lengths_[k - 1] == token.size() &&
                     std::memcmp(kVocabulary[k - 1].token, token.data(), token.size()) == 0))
        return i;
    }
  }
  std::vector<std::uint32_t> slots_ = std::vector<std::uint32_t>(16, 0);
  std::vector<std::size_t> lengths_;
};

}  // namespace

const double* token_weights(std::string_view token) {
  static const auto* const table = new VocabularyTable;  // never destroyed
  return table->find(token);
}

double headline_confidence(const std::vector<HeadlineCandidate>& candidates, std::size_t chosen) {
  // The chosen candidate's share of the softmax over the page, then Platt scaling.
  const double top =
      std::max_element(candidates.begin(), candidates.end(), [](const auto& a, const auto& b) {
        return a.score < b.score;
      })->score;
  double sum = 0;
  for (const HeadlineCandidate& c : candidates) sum += std::exp(c.score - top);
  const double p = std::exp(candidates[chosen].score - top) / sum;
  const double logit = std::log(std::max(p, 1e-9) / std::max(1 - p, 1e-9));
  return 1 / (1 + std::exp(-(kPlattA * logit + kPlattB)));
}

}  // namespace articles
