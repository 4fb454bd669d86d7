// Stemmers and stop words per language: see analysis.hpp.
#include "common/src/analysis.hpp"

#include <algorithm>
#include <map>
#include <memory>
#include <string>

namespace gazette::analysis {
namespace {

// The words of `list`, one per line.
std::unique_ptr<Xapian::SimpleStopper> stopper_of(std::string_view list) {
  auto stopper = std::make_unique<Xapian::SimpleStopper>();
  while (!list.empty()) {
    const std::size_t end = std::min(list.find('\n'), list.size());
    if (end > 0) stopper->add(std::string(list.substr(0, end)));
    list.remove_prefix(std::min(end + 1, list.size()));
  }
  return stopper;
}

using Stoppers = std::map<std::string_view, std::unique_ptr<Xapian::SimpleStopper>>;

// Keyed by analysis_name(). Built once, on first use, and only read afterwards (C++ makes the
// initialisation of a function-local static thread-safe).
const Stoppers& all_stoppers() {
  static const Stoppers stoppers = [] {
    Stoppers out;
    for (const StopwordList& list : stopword_lists())
      out.emplace(analysis_name(list.language), stopper_of(list.words));
    return out;
  }();
  return stoppers;
}

}  // namespace

Xapian::Stem make_stemmer(std::string_view lang) {
  return Xapian::Stem(std::string(analysis_name(lang)));
}

const Xapian::Stopper* stopper(std::string_view lang) {
  const Stoppers& stoppers = all_stoppers();
  const auto found = stoppers.find(analysis_name(lang));
  return found == stoppers.end() ? nullptr : found->second.get();
}

}  // namespace gazette::analysis
