#include "triage/features.h"

#include <algorithm>

#include <gtest/gtest.h>

namespace kapi::triage {
namespace {

TEST(Features, NormalizedPerNamespaceAndMergeableForTraining) {
  FeatureConfig c;
  c.hash_bits = 16;
  Featurizer f(c, nullptr);
  FeatureVector fv;
  f.Featurize("Otobüs durağa gelmedi, otobüs yine gecikti", &fv);
  ASSERT_FALSE(fv.index.empty());
  double norm2 = 0;
  for (float v : fv.value) norm2 += v * v;
  EXPECT_NEAR(norm2, 2.0, 1e-4);  // two namespaces, each of norm 1
  std::vector<std::pair<uint32_t, float>> merged;
  SortedMerged(fv, &merged);
  for (size_t i = 1; i < merged.size(); ++i) EXPECT_LT(merged[i - 1].first, merged[i].first);
  double sum_raw = 0, sum_merged = 0;
  for (float v : fv.value) sum_raw += v;
  for (const auto& [b, v] : merged) sum_merged += v;
  EXPECT_NEAR(sum_raw, sum_merged, 1e-4);
}

TEST(Features, ToneCuesAndStretchedLettersWhenAskedFor) {
  FeatureConfig c;
  c.cues = true;
  Featurizer f(c, nullptr);
  RawFeatures raw;
  f.Extract("çooook güzel :) \xF0\x9F\x98\x80 neden?! http://x.y", &raw, false);
  auto has = [&](const std::string& w) {
    return std::find(raw.words.begin(), raw.words.end(), w) != raw.words.end();
  };
  EXPECT_TRUE(has("çok"));
  EXPECT_TRUE(has("[EMO_POS]"));
  EXPECT_TRUE(has("[EMOJI_1F600]"));
  EXPECT_TRUE(has("[UNLEM]"));
  EXPECT_TRUE(has("[SORU]"));
  EXPECT_TRUE(has("[UZATMA]"));
  EXPECT_FALSE(has("[EMO_NEG]"));  // "://" of the URL is not a face
  Featurizer plain(FeatureConfig{}, nullptr);
  plain.Extract("çooook güzel :)", &raw, false);
  EXPECT_FALSE(has("[EMO_POS]"));
}

TEST(Features, SameTextSameFeaturesAndCaseDoesNotMatter) {
  Featurizer f(FeatureConfig{}, nullptr);
  FeatureVector a, b;
  f.Featurize("IŞIK YANMIYOR", &a);
  f.Featurize("ışık yanmıyor", &b);
  EXPECT_EQ(a.index, b.index);
}

TEST(Features, DeasciifiesWhenTableGiven) {
  auto dz = std::make_shared<text::Deasciifier>();
  dz->Insert("otobus", "otobüs");
  auto d = std::make_shared<TextResources>();
  d->deasciifier = dz;
  Featurizer with(FeatureConfig{}, d);
  FeatureConfig off;
  off.deasciify = false;
  Featurizer without(off, d);
  FeatureVector a, b, c;
  with.Featurize("otobus", &a);
  with.Featurize("otobüs", &b);
  without.Featurize("otobus", &c);
  EXPECT_EQ(a.index, b.index);
  EXPECT_NE(c.index, b.index);
}

TEST(Features, NeutralizesProtectedTerms) {
  auto terms = std::make_shared<ProtectedTerms>();
  terms->Insert("kadın", "[CİNSİYET]");
  terms->Insert("erkek", "[CİNSİYET]");
  auto r = std::make_shared<TextResources>();
  r->protected_terms = terms;
  Featurizer f(FeatureConfig{}, r);
  FeatureVector a, b;
  f.Featurize("Kadın şoför kaba davrandı", &a);
  f.Featurize("Erkek şoför kaba davrandı", &b);
  EXPECT_EQ(a.index, b.index);
  EXPECT_EQ(f.Words("kadın")[0], "[CİNSİYET]");
}

TEST(Features, MaskTagsAreSingleWordFeatures) {
  Featurizer f(FeatureConfig{}, nullptr);
  EXPECT_EQ(f.Words("[AD_SOYAD] aradı"), (std::vector<std::string>{"[AD_SOYAD]", "aradı"}));
  FeatureVector fv;
  f.Featurize("[AD_SOYAD]", &fv);
  EXPECT_EQ(fv.index.size(), 1u);  // one word feature, no n-grams of the tag
}

TEST(Features, AttributionCoversEveryFeatureValue) {
  Featurizer f(FeatureConfig{}, nullptr);
  FeatureVector fv;
  f.Featurize("çöpler alınmadı koku var", &fv, /*with_attribution=*/true);
  ASSERT_EQ(fv.attribution_end.size(), fv.index.size());
  size_t a = 0;
  for (size_t i = 0; i < fv.index.size(); ++i) {
    float sum = 0;
    for (; a < fv.attribution_end[i]; ++a) sum += fv.attribution[a].second;
    EXPECT_NEAR(sum, fv.value[i], 1e-5);
  }
}

TEST(Features, EmptyTextHasNoFeatures) {
  Featurizer f(FeatureConfig{}, nullptr);
  FeatureVector fv;
  f.Featurize("", &fv);
  EXPECT_TRUE(fv.index.empty());
}

}  // namespace
}  // namespace kapi::triage
