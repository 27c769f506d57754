#include "ledger/leaf_frame.h"

#include <gtest/gtest.h>

namespace kapi::ledger {
namespace {

LeafFrame Sample() {
  LeafFrame f;
  f.seq = 258;
  f.time_ms = 1717243200000;
  f.type = EventType::kAiSuggestion;
  f.actor = "model:topic@3";
  f.subjects = {"case:42", "request:7"};
  f.attributes = {{"model", "topic@3"}};
  f.commitment = Sha256("x");
  return f;
}

TEST(LeafFrame, EncodingIsStableAndRoundTrips) {
  LeafFrame f = Sample();
  std::string bytes = EncodeFrame(f);
  // Golden prefix: version, seq 258 big-endian, time, type 3, actor length 13.
  EXPECT_EQ(ToHex(bytes.substr(0, 19)),
            "010000000000000102"
            "0000018fd3abc200"
            "030d");
  auto back = DecodeFrame(bytes);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->seq, f.seq);
  EXPECT_EQ(back->time_ms, f.time_ms);
  EXPECT_EQ(back->type, f.type);
  EXPECT_EQ(back->actor, f.actor);
  EXPECT_EQ(back->subjects, f.subjects);
  EXPECT_EQ(back->attributes, f.attributes);
  EXPECT_EQ(back->commitment, f.commitment);
  EXPECT_EQ(EncodeFrame(*back), bytes);
}

TEST(LeafFrame, StrictDecodingRejectsDamage) {
  std::string bytes = EncodeFrame(Sample());
  EXPECT_FALSE(DecodeFrame(bytes + "x").ok());
  EXPECT_FALSE(DecodeFrame(bytes.substr(0, bytes.size() - 1)).ok());
  std::string v2 = bytes;
  v2[0] = 2;
  EXPECT_FALSE(DecodeFrame(v2).ok());
  std::string bad_type = bytes;
  bad_type[17] = 99;
  EXPECT_FALSE(DecodeFrame(bad_type).ok());
  EXPECT_FALSE(DecodeFrame("").ok());
}

TEST(CanonicalPayload, SortsKeysAndDropsWhitespace) {
  auto c = CanonicalPayload(R"({ "b": 1, "a": {"y": "ç", "x": [1, 2]} })");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(*c, R"({"a":{"x":[1,2],"y":"ç"},"b":1})");
  EXPECT_FALSE(CanonicalPayload("[1]").ok());
  EXPECT_FALSE(CanonicalPayload("{").ok());
  EXPECT_FALSE(CanonicalPayload("{\"a\":\"\xff\"}").ok());
}

TEST(CanonicalPayload, CommitmentDependsOnSaltAndPayload) {
  std::string salt(32, 's');
  EXPECT_NE(PayloadCommitment(salt, "{}"), PayloadCommitment(std::string(32, 't'), "{}"));
  EXPECT_NE(PayloadCommitment(salt, "{}"), PayloadCommitment(salt, "{\"a\":1}"));
  // SHA-256(0x02 ‖ salt ‖ payload), independent of this code's helpers.
  EXPECT_EQ(PayloadCommitment(salt, "{}"), Sha256(std::string(1, '\x02') + salt + "{}"));
}

}  // namespace
}  // namespace kapi::ledger
