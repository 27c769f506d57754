#include "policy/ensemble.h"

namespace kapi::policy {

Result<std::unique_ptr<OffensiveEnsemble>> OffensiveEnsemble::Create(
    std::vector<std::unique_ptr<LinearModel>> models) {
  if (models.empty()) return InvalidArgument("no offensive model");
  std::vector<Member> members;
  for (auto& m : models) {
    int not_index = m->ClassIndex("NOT");
    if (not_index < 0) return InvalidArgument("offensive model lacks class NOT");
    double mean = m->metadata().value("score_mean", 0.0);
    double std = m->metadata().value("score_std", 1.0);
    if (!(std > 0)) return InvalidArgument("offensive model has a bad score_std");
    members.push_back({std::move(m), not_index, mean, std});
  }
  return std::unique_ptr<OffensiveEnsemble>(new OffensiveEnsemble(std::move(members)));
}

double OffensiveEnsemble::ScoreRaw(const RawFeatures& raw) const {
  thread_local std::vector<float> scores;
  double sum = 0;
  for (const Member& m : members_) {
    m.model->ScoresOfRaw(raw, scores);
    sum += (-scores[m.not_index] - m.mean) / m.std;
  }
  return sum / static_cast<double>(members_.size());
}

double OffensiveEnsemble::Score(std::string_view folded_span) const {
  thread_local std::vector<float> scores;
  double sum = 0;
  for (const Member& m : members_) {
    m.model->Scores(folded_span, scores);
    sum += (-scores[m.not_index] - m.mean) / m.std;
  }
  return sum / static_cast<double>(members_.size());
}

std::vector<const LinearModel*> OffensiveEnsemble::models() const {
  std::vector<const LinearModel*> out;
  for (const Member& m : members_) out.push_back(m.model.get());
  return out;
}

double OffensiveEnsemble::Combine(const std::vector<std::vector<float>>& scores) const {
  double sum = 0;
  for (size_t i = 0; i < members_.size(); ++i) {
    const Member& m = members_[i];
    sum += (-scores[i][m.not_index] - m.mean) / m.std;
  }
  return sum / static_cast<double>(members_.size());
}

bool OffensiveEnsemble::SharesConfig(const VectorizerConfig& config) const {
  for (const Member& m : members_) {
    if (!(m.model->vectorizer().config() == config)) return false;
  }
  return true;
}

nlohmann::json OffensiveEnsemble::Describe() const {
  nlohmann::json arr = nlohmann::json::array();
  for (const Member& m : members_) {
    nlohmann::json meta = m.model->metadata();
    meta.erase("test");
    arr.push_back(std::move(meta));
  }
  return arr;
}

}  // namespace kapi::policy
