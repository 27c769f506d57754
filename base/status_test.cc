#include "base/status.h"

#include <gtest/gtest.h>

namespace kapi {
namespace {

TEST(Status, DefaultIsOk) {
  Status s;
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(s.ToString(), "ok");
}

TEST(Status, CarriesCodeMessageAndField) {
  Status s = InvalidArgument("text is empty", "text");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.ToString(), "invalid_argument: text is empty (field: text)");
}

TEST(Result, HoldsValueOrError) {
  Result<int> good = 7;
  ASSERT_TRUE(good.ok());
  EXPECT_EQ(*good, 7);
  Result<int> bad = NotFound("no such case");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kNotFound);
}

Status FailsEarly(bool fail, int* reached) {
  KAPI_RETURN_IF_ERROR(fail ? Internal("boom") : Status::Ok());
  *reached = 1;
  return Status::Ok();
}

TEST(Status, ReturnIfErrorStopsOnFailure) {
  int reached = 0;
  EXPECT_FALSE(FailsEarly(true, &reached).ok());
  EXPECT_EQ(reached, 0);
  EXPECT_TRUE(FailsEarly(false, &reached).ok());
  EXPECT_EQ(reached, 1);
}

}  // namespace
}  // namespace kapi
