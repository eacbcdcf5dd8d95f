// The learned part of the plain-text reading: how the headline candidates of a page are scored
// and which one is taken, and how sure that choice is. The weights are a generated file
// (headline_model.inc, made by bench/train_reader.py from labelled pages); this file applies
// them. Pure and thread-safe.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "core/scraped.hpp"

namespace articles {

// Scores every candidate (HeadlineCandidate::score, a logit) and returns the index of the one
// taken: the best, unless it holds a candidate scoring within the model's contained gap (a
// breadcrumb or caption around the headline), or is a short name a candidate within the
// extended gap goes on from. REQUIRES: !candidates.empty().
std::size_t pick_headline(std::vector<HeadlineCandidate>& candidates);

// The learned weights of `token` (headline_tokens) on a line in each slot of kTokenOffsets
// relative to a candidate (kTokenSlots of them); null for a token the vocabulary lacks.
const double* token_weights(std::string_view token);

// The calibrated probability that candidate `chosen` is the headline, 0 to 1, from the scores
// pick_headline set.
double headline_confidence(const std::vector<HeadlineCandidate>& candidates, std::size_t chosen);

// The same for the headlines no model chooses: a file's first line when it goes straight on to
// its text (titled), and the first line of a text without a run of prose.
extern const double kTitledConfidence, kUntextedConfidence;

}  // namespace articles
