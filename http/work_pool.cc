#include <utility>

#include "http/work_pool.h"

#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>

namespace kapi::http {

struct WorkPool::Impl {
  explicit Impl(int n) : pool(static_cast<size_t>(n)) {}
  boost::asio::thread_pool pool;
};

WorkPool::WorkPool(int threads) : impl_(std::make_unique<Impl>(std::max(1, threads))) {}
WorkPool::~WorkPool() { impl_->pool.join(); }
void WorkPool::Post(std::function<void()> work) { boost::asio::post(impl_->pool, std::move(work)); }

}  // namespace kapi::http
