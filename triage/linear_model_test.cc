#include "triage/linear_model.h"

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "triage/test_util.h"

namespace kapi::triage {
namespace {

TEST(LinearModel, TrainsSavesLoadsAndPredictsTheSame) {
  LinearTrainOptions opt;
  opt.features.hash_bits = 14;
  opt.folds = 3;
  auto model = TrainLinearModel("topic", testing::TinyTopicSet(), opt, nullptr);
  ASSERT_TRUE(model.ok()) << model.status().message();
  const auto path = std::filesystem::temp_directory_path() / "kapi_linear_model_test.kapimodel";
  ASSERT_TRUE((*model)->Save(path.string()).ok());
  auto loaded = LinearModel::Load(path.string(), nullptr);
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  EXPECT_EQ((*loaded)->version(), (*model)->version());
  EXPECT_EQ((*loaded)->labels(), (*model)->labels());
  FeatureVector a, b;
  (*model)->featurizer().Featurize("otobüs gelmedi", &a);
  (*loaded)->featurizer().Featurize("otobüs gelmedi", &b);
  auto pa = (*model)->Probabilities(a);
  auto pb = (*loaded)->Probabilities(b);
  ASSERT_EQ(pa.size(), 3u);
  for (size_t c = 0; c < 3; ++c) EXPECT_FLOAT_EQ(pa[c], pb[c]);
  EXPECT_EQ(std::max_element(pa.begin(), pa.end()) - pa.begin(), 1);  // Ulaşım
  std::filesystem::remove(path);
}

TEST(LinearModel, SameDataAndSeedGiveTheSameVersion) {
  LinearTrainOptions opt;
  opt.features.hash_bits = 14;
  opt.folds = 3;
  auto a = TrainLinearModel("topic", testing::TinyTopicSet(), opt, nullptr);
  auto b = TrainLinearModel("topic", testing::TinyTopicSet(), opt, nullptr);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ((*a)->version(), (*b)->version());
  LabeledSet other = testing::TinyTopicSet();
  other.texts[0] = "bambaşka bir metin";
  auto c = TrainLinearModel("topic", other, opt, nullptr);
  EXPECT_NE((*a)->version(), (*c)->version());
}

TEST(LinearModel, NbScalingFoldsIntoAnOrdinaryLinearModel) {
  LinearTrainOptions opt;
  opt.features.hash_bits = 14;
  opt.balanced = true;
  // Mix 0 (ratio 1 everywhere) is LIBLINEAR's own one-vs-rest: the same weights up to the
  // solver's tolerance (the dual solver's random order differs: it is re-seeded per class).
  auto plain = FitLinear(testing::TinyTopicSet(), {}, opt, nullptr);
  opt.nb_alpha = 1;
  opt.nb_mix = 0;
  auto ovr = FitLinear(testing::TinyTopicSet(), {}, opt, nullptr);
  ASSERT_TRUE(plain.ok() && ovr.ok());
  ASSERT_EQ(plain->weights.size(), ovr->weights.size());
  for (size_t i = 0; i < plain->weights.size(); ++i) {
    ASSERT_NEAR(plain->weights[i], ovr->weights[i], 5e-3) << i;
  }
  opt.nb_mix = 0.5;
  opt.folds = 3;
  auto a = TrainLinearModel("topic", testing::TinyTopicSet(), opt, nullptr);
  auto b = TrainLinearModel("topic", testing::TinyTopicSet(), opt, nullptr);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ((*a)->version(), (*b)->version());
  FeatureVector fv;
  (*a)->featurizer().Featurize("otobüs gelmedi", &fv);
  auto p = (*a)->Probabilities(fv);
  EXPECT_EQ(std::max_element(p.begin(), p.end()) - p.begin(), 1);  // Ulaşım
}

TEST(LinearModel, ExplainsWithTheWordsThatPushedTheClass) {
  LinearTrainOptions opt;
  opt.features.hash_bits = 14;
  opt.folds = 3;
  auto model = TrainLinearModel("topic", testing::TinyTopicSet(), opt, nullptr);
  ASSERT_TRUE(model.ok());
  FeatureVector fv;
  (*model)->featurizer().Featurize("[AD_SOYAD] dün otobüs durağa gelmedi", &fv, true);
  auto words = (*model)->Explain(fv, 1, 3);
  ASSERT_FALSE(words.empty());
  EXPECT_TRUE(words[0].word == "otobüs" || words[0].word == "durağa") << words[0].word;
  for (const auto& w : words) EXPECT_NE(w.word, "[AD_SOYAD]");
}

TEST(LinearModel, RejectsDamagedFiles) {
  const auto path = std::filesystem::temp_directory_path() / "kapi_damaged.kapimodel";
  std::ofstream(path) << "KAPILIN1garbage";
  auto m = LinearModel::Load(path.string(), nullptr);
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.status().code(), StatusCode::kDataLoss);
  std::filesystem::remove(path);
  EXPECT_EQ(LinearModel::Load(path.string(), nullptr).status().code(), StatusCode::kNotFound);
}

TEST(LinearModel, SoftmaxIsADistribution) {
  auto p = LinearModel::Softmax({1.0f, 2.0f, 3.0f}, 0.5f);
  EXPECT_NEAR(p[0] + p[1] + p[2], 1.0, 1e-6);
  EXPECT_GT(p[2], p[1]);
}

}  // namespace
}  // namespace kapi::triage
