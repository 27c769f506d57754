#include "triage/near_duplicate.h"

#include <thread>

#include <gtest/gtest.h>

namespace kapi::triage {
namespace {

TEST(NearDuplicate, GroupsTheSameComplaintSentAgainWithSmallEdits) {
  DuplicateIndex index(0.6);
  auto a = index.Add("Kızılay Mahallesi Atatürk Caddesinde iki gündür su kesik, kimse ilgilenmiyor",
                     "req-1");
  auto b = index.Add(
      "KIZILAY MAHALLESİ ATATÜRK CADDESİNDE İKİ GÜNDÜR SU KESİK, KİMSE İLGİLENMİYOR!!", "req-2");
  auto c = index.Add("Kizilay mahallesi Ataturk caddesinde iki gundur su kesik kimse ilgilenmiyor",
                     "req-3");
  EXPECT_EQ(a.cluster_id, "req-1");
  EXPECT_EQ(b.cluster_id, "req-1");
  EXPECT_EQ(c.cluster_id, "req-1");
  EXPECT_EQ(c.cluster_size, 3u);
  EXPECT_GE(b.similarity, 0.6);
}

TEST(NearDuplicate, KeepsDifferentComplaintsApart) {
  DuplicateIndex index;
  auto a = index.Add("Otobüs durağa hiç uğramadan geçti, yarım saat bekledik");
  auto b = index.Add("Parktaki çocuk oyun grupları kırık ve tehlikeli durumda");
  EXPECT_NE(a.cluster, b.cluster);
  EXPECT_EQ(a.cluster_id, "dup-1");
  EXPECT_EQ(b.cluster_id, "dup-2");
  EXPECT_EQ(index.clusters(), 2u);
}

TEST(NearDuplicate, IgnoresMaskTagsAndNumbers) {
  DuplicateIndex index;
  auto a = index.Add("[AD_SOYAD] olarak 3 gündür çöplerin alınmadığını bildiriyorum [TELEFON]");
  auto b = index.Add("[AD_SOYAD] olarak 5 gündür çöplerin alınmadığını bildiriyorum");
  EXPECT_EQ(a.cluster, b.cluster);
}

TEST(NearDuplicate, EmptyTextsDoNotJoinEachOther) {
  DuplicateIndex index;
  EXPECT_NE(index.Add("").cluster, index.Add("...").cluster);
}

TEST(NearDuplicate, SignatureEstimatesJaccard) {
  auto a = ComputeMinHash("bir iki üç dört beş altı yedi sekiz dokuz on");
  EXPECT_DOUBLE_EQ(EstimateJaccard(a, a), 1.0);
  auto b = ComputeMinHash("kırmızı mavi yeşil sarı mor turuncu pembe beyaz siyah gri");
  EXPECT_LT(EstimateJaccard(a, b), 0.3);
}

TEST(NearDuplicate, IsSafeUnderConcurrentAdds) {
  DuplicateIndex index;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&index, t] {
      for (int i = 0; i < 200; ++i) {
        index.Add("aynı şikayet metni tekrar tekrar gönderildi " + std::to_string(t % 2));
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(index.size(), 800u);
  EXPECT_EQ(index.clusters(), 1u);  // numbers are ignored: all the same text
}

}  // namespace
}  // namespace kapi::triage
