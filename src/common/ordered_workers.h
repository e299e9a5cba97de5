// OrderedWorkers: runs a pure per-item function on several threads and hands the results back
// in submission order, on the submitting thread. This is the shape of the pipeline: one thread
// reads articles and submits them, worker threads extract, and the same submitting thread
// writes (stdout or SQLite) in input order, so the output is identical to a one-thread run.
//
//   OrderedWorkers<Document, Result> pool(threads, /*max_in_flight=*/256,
//       [&](const Document& d) { return extractor.Extract(d); },       // any thread
//       [&](Document&& d, Result&& r) { store.Put(d, r); });            // submitting thread, in order
//   reader.Read(path, [&](Document&& d) { pool.Submit(std::move(d)); });
//   pool.Finish();
//
// Memory is bounded: Submit blocks (delivering what is ready) while `max_in_flight` items are
// submitted but not yet delivered. With threads <= 1 no thread is started and each item is
// worked and delivered inside Submit.
//
// Thread-safety: Submit and Finish are called from one thread; `work` runs concurrently on the
// workers and must be safe to call so; `deliver` runs only on the submitting thread. An
// exception thrown by `work` is rethrown from Submit or Finish.
#ifndef VERBATIM_COMMON_ORDERED_WORKERS_H_
#define VERBATIM_COMMON_ORDERED_WORKERS_H_

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

namespace verbatim {

template <typename In, typename Out>
class OrderedWorkers {
 public:
  using Work = std::function<Out(const In&)>;
  using Deliver = std::function<void(In&&, Out&&)>;

  OrderedWorkers(int threads, size_t max_in_flight, Work work, Deliver deliver)
      : work_(std::move(work)), deliver_(std::move(deliver)), max_in_flight_(max_in_flight < 1 ? 1 : max_in_flight) {
    for (int i = 0; threads > 1 && i < threads; ++i) workers_.emplace_back([this] { WorkLoop(); });
  }

  ~OrderedWorkers() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stopping_ = true;
    }
    work_ready_.notify_all();
    for (std::thread& t : workers_) t.join();
  }

  OrderedWorkers(const OrderedWorkers&) = delete;
  OrderedWorkers& operator=(const OrderedWorkers&) = delete;

  void Submit(In item) {
    if (workers_.empty()) {
      Out out = work_(item);
      deliver_(std::move(item), std::move(out));
      return;
    }
    {
      std::lock_guard<std::mutex> lock(mu_);
      todo_.emplace_back(next_submit_++, std::move(item));
    }
    work_ready_.notify_one();
    DeliverReady(/*drain=*/false);
  }

  // Waits for every submitted item and delivers the rest, in order.
  void Finish() {
    if (!workers_.empty()) DeliverReady(/*drain=*/true);
  }

 private:
  void WorkLoop() {
    while (true) {
      std::pair<uint64_t, In> job;
      {
        std::unique_lock<std::mutex> lock(mu_);
        work_ready_.wait(lock, [&] { return stopping_ || !todo_.empty(); });
        if (todo_.empty()) return;  // stopping
        job = std::move(todo_.front());
        todo_.pop_front();
      }
      std::optional<Out> out;
      std::exception_ptr error;
      try {
        out.emplace(work_(job.second));
      } catch (...) {
        error = std::current_exception();
      }
      {
        std::lock_guard<std::mutex> lock(mu_);
        if (error && !error_) error_ = error;
        done_.emplace(job.first, Done{std::move(job.second), std::move(out)});
      }
      result_ready_.notify_one();
    }
  }

  // Delivers finished items in order; returns when fewer than max_in_flight are outstanding
  // (or, with `drain`, when none are).
  void DeliverReady(bool drain) {
    while (true) {
      std::optional<Done> next;
      {
        std::unique_lock<std::mutex> lock(mu_);
        result_ready_.wait(lock, [&] {
          const uint64_t outstanding = next_submit_ - next_deliver_;
          const bool must_wait = drain ? outstanding > 0 : outstanding >= max_in_flight_;
          return error_ || done_.count(next_deliver_) > 0 || !must_wait;
        });
        if (error_) std::rethrow_exception(std::exchange(error_, nullptr));
        auto it = done_.find(next_deliver_);
        if (it == done_.end()) return;  // nothing ready, and no need to wait
        next.emplace(std::move(it->second));
        done_.erase(it);
        ++next_deliver_;
      }
      deliver_(std::move(next->in), std::move(*next->out));
    }
  }

  struct Done {
    In in;
    std::optional<Out> out;
  };

  Work work_;
  Deliver deliver_;
  const uint64_t max_in_flight_;
  std::vector<std::thread> workers_;

  std::mutex mu_;
  std::condition_variable work_ready_, result_ready_;
  std::deque<std::pair<uint64_t, In>> todo_;  // guarded by mu_
  std::map<uint64_t, Done> done_;             // guarded by mu_
  uint64_t next_submit_ = 0;                  // guarded by mu_
  uint64_t next_deliver_ = 0;                 // guarded by mu_
  bool stopping_ = false;                     // guarded by mu_
  std::exception_ptr error_;                  // guarded by mu_
};

}  // namespace verbatim

#endif  // VERBATIM_COMMON_ORDERED_WORKERS_H_
