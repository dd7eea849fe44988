// Internal: a least-recently-used map from a statement key to a backend's prepared-statement
// handle. It never frees handles itself: insert() returns the evicted ones and the backend
// finalises (SQLite) or deallocates (PostgreSQL) them. Not thread-safe (one per connection).
#pragma once

#include <list>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace verp::storage {

template <typename Handle>
class StatementCache {
 public:
  explicit StatementCache(std::size_t capacity) : capacity_(capacity == 0 ? 1 : capacity) {}

  std::size_t size() const { return index_.size(); }
  std::size_t capacity() const { return capacity_; }

  // The handle for `key`, now the most recently used, or nullptr.
  Handle* find(const std::string& key) {
    auto it = index_.find(key);
    if (it == index_.end()) return nullptr;
    entries_.splice(entries_.begin(), entries_, it->second);
    return &it->second->second;
  }

  // Adds a handle (the key must be absent); returns the handles evicted to stay within capacity.
  std::vector<Handle> insert(std::string key, Handle handle) {
    entries_.emplace_front(std::move(key), std::move(handle));
    index_.emplace(entries_.front().first, entries_.begin());
    std::vector<Handle> evicted;
    while (index_.size() > capacity_) {
      index_.erase(entries_.back().first);
      evicted.push_back(std::move(entries_.back().second));
      entries_.pop_back();
    }
    return evicted;
  }

  // Removes one entry and returns its handle, if present.
  std::vector<Handle> erase(const std::string& key) {
    std::vector<Handle> removed;
    auto it = index_.find(key);
    if (it == index_.end()) return removed;
    removed.push_back(std::move(it->second->second));
    entries_.erase(it->second);
    index_.erase(it);
    return removed;
  }

  // Removes everything and returns all handles.
  std::vector<Handle> clear() {
    std::vector<Handle> all;
    for (auto& entry : entries_) all.push_back(std::move(entry.second));
    entries_.clear();
    index_.clear();
    return all;
  }

 private:
  std::size_t capacity_;
  std::list<std::pair<std::string, Handle>> entries_;  // most recently used first
  std::unordered_map<std::string, typename std::list<std::pair<std::string, Handle>>::iterator> index_;
};

}  // namespace verp::storage
