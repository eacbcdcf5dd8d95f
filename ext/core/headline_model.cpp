#include "core/headline_model.hpp"

#include <algorithm>
#include <cmath>

namespace articles {

namespace {

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
    c.score = kBias;
    for (int f = 0; f < kHeadlineFeatures; ++f) c.score += kWeights[f] * c.features[f];
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
