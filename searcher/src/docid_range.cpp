// Docid-range filter: see docid_range.hpp.
#include "searcher/src/docid_range.hpp"

#include <algorithm>

namespace gazette::searcher {
namespace {

// Walks the all-documents posting list from `first`, stopping after `last`.
class DocidRangeSource final : public Xapian::PostingSource {
 public:
  DocidRangeSource(Xapian::docid first, Xapian::docid last) : first_(first), last_(last) {}

  void init(const Xapian::Database& db) override {
    db_ = db;
    it_ = db_.postlist_begin("");
    end_ = db_.postlist_end("");
    started_ = false;
    const Xapian::doccount span = last_ >= first_ ? last_ - first_ + 1 : 0;
    max_ = std::min(span, db_.get_doccount());
    est_ = max_ / 2;
  }

  void next(double) override {
    if (!started_) {
      started_ = true;
      it_.skip_to(first_);
    } else {
      ++it_;
    }
  }

  void skip_to(Xapian::docid id, double) override {
    started_ = true;
    it_.skip_to(std::max(id, first_));
  }

  bool at_end() const override { return it_ == end_ || *it_ > last_; }
  Xapian::docid get_docid() const override { return *it_; }
  Xapian::doccount get_termfreq_min() const override { return 0; }
  Xapian::doccount get_termfreq_est() const override { return est_; }
  Xapian::doccount get_termfreq_max() const override { return max_; }

  Xapian::PostingSource* clone() const override { return new DocidRangeSource(first_, last_); }
  std::string name() const override { return "gazette::DocidRangeSource"; }

 private:
  Xapian::docid first_;
  Xapian::docid last_;
  Xapian::Database db_;
  Xapian::PostingIterator it_;
  Xapian::PostingIterator end_;
  bool started_ = false;
  Xapian::doccount est_ = 0;
  Xapian::doccount max_ = 0;
};

}  // namespace

Xapian::Query docid_range(Xapian::docid first, Xapian::docid last) {
  return Xapian::Query((new DocidRangeSource(first, last))->release());
}

}  // namespace gazette::searcher
