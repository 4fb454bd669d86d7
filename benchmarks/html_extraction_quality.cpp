// Measures the HTML reader's main-text extraction against the hand-marked gold set in
// ../shared/corpora/html-extraction: word 4-gram shingle precision/recall/F1, per page, averaged.
#include "indexer/src/html_reader.hpp"

#include <gazette/error.hpp>

#include <zlib.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace {

std::string read_gzip(const std::filesystem::path& path) {
  gzFile file = gzopen(path.c_str(), "rb");
  if (file == nullptr) throw std::runtime_error("cannot open " + path.string());
  std::string out;
  char buffer[65536];
  int n = 0;
  while ((n = gzread(file, buffer, sizeof buffer)) > 0)
    out.append(buffer, static_cast<std::size_t>(n));
  gzclose(file);
  return out;
}

// Decodes one UTF-8 code point at s[i] (invalid bytes yield U+FFFD, length 1).
char32_t next_code_point(std::string_view s, std::size_t& i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  const std::size_t len = b0 < 0x80         ? 1
                          : (b0 >> 5) == 6  ? 2
                          : (b0 >> 4) == 14 ? 3
                          : (b0 >> 3) == 30 ? 4
                                            : 0;
  if (len == 0 || i + len > s.size()) {
    ++i;
    return 0xFFFD;
  }
  char32_t cp = len == 1 ? b0 : b0 & (0x7F >> len);
  for (std::size_t k = 1; k < len; ++k)
    cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  i += len;
  return cp;
}

// Approximates Python's Unicode \w: ASCII alphanumerics and '_', and non-ASCII code points
// outside the common punctuation, symbol and space blocks.
bool is_word_char(char32_t c) {
  if (c < 0x80)
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  if (c >= 0xA0 && c <= 0xBF)
    return c == 0xAA || c == 0xB2 || c == 0xB3 || c == 0xB5 || c == 0xB9 || c == 0xBA ||
           (c >= 0xBC && c <= 0xBE);
  if (c == 0xD7 || c == 0xF7) return false;
  if (c >= 0x2000 && c <= 0x2BFF) return false;
  if (c >= 0x3000 && c <= 0x303F) return false;
  if (c >= 0xFF00 && c <= 0xFF0F) return false;
  if (c >= 0xFFF0 && c <= 0xFFFF) return false;
  return true;
}

std::vector<std::string> words(std::string_view s) {
  std::vector<std::string> out;
  std::string current;
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t start = i;
    const char32_t c = next_code_point(s, i);
    if (is_word_char(c)) {
      current.append(s.substr(start, i - start));
    } else if (!current.empty()) {
      out.push_back(std::move(current));
      current.clear();
    }
  }
  if (!current.empty()) out.push_back(std::move(current));
  return out;
}

std::unordered_map<std::string, int> shingles(std::string_view text) {
  const auto w = words(text);
  std::unordered_map<std::string, int> out;
  if (w.empty()) return out;
  const std::size_t n = w.size() < 4 ? w.size() : 4;
  for (std::size_t i = 0; i + n <= w.size(); ++i) {
    std::string key;
    for (std::size_t k = 0; k < n; ++k)
      key += w[i + k] + '\x1f';
    ++out[key];
  }
  return out;
}

struct Score {
  double precision = 0, recall = 0, f1 = 0;
};

Score score(std::string_view predicted, std::string_view gold) {
  const auto p = shingles(predicted), g = shingles(gold);
  double tp = 0, np = 0, ng = 0;
  for (const auto& [k, c] : p) {
    np += c;
    if (auto it = g.find(k); it != g.end()) tp += std::min(c, it->second);
  }
  for (const auto& [k, c] : g)
    ng += c;
  Score s;
  s.precision = np == 0 ? 1.0 : tp / np;
  s.recall = ng == 0 ? 1.0 : tp / ng;
  s.f1 = s.precision + s.recall == 0 ? 0 : 2 * s.precision * s.recall / (s.precision + s.recall);
  return s;
}

struct Totals {
  int pages = 0, failures = 0;
  double precision = 0, recall = 0, f1 = 0;
  void add(const Score& s) {
    ++pages;
    precision += s.precision;
    recall += s.recall;
    f1 += s.f1;
  }
  // F1 of the averaged precision and recall: the corpus README's headline figure.
  double headline_f1() const {
    const double p = precision / pages, r = recall / pages;
    return p + r == 0 ? 0 : 2 * p * r / (p + r);
  }
  void print(const std::string& name) const {
    const double p = precision / pages, r = recall / pages;
    std::printf("%-10s pages %3d  P %.3f  R %.3f  F1 %.3f  (mean per-page F1 %.3f, failures %d)\n",
                name.c_str(), pages, p, r, 2 * p * r / (p + r), f1 / pages, failures);
  }
};

void print_worst(std::vector<std::pair<std::string, Score>> pages, std::size_t count) {
  std::sort(pages.begin(), pages.end(),
            [](const auto& a, const auto& b) { return a.second.f1 < b.second.f1; });
  std::printf("\nworst pages by F1:\n");
  for (std::size_t i = 0; i < std::min(count, pages.size()); ++i) {
    const auto& [id, s] = pages[i];
    std::printf("%-52s P %.3f  R %.3f  F1 %.3f\n", id.c_str(), s.precision, s.recall, s.f1);
  }
}

}  // namespace

// Exit status with --min-f1 F: 0 when the overall F1 reaches F, 1 below it, 77 (CTest's
// "skipped") when the corpus is absent, so a test can guard the figure against regressions.
constexpr int kSkipped = 77;

int main(int argc, char** argv) {
  const std::filesystem::path corpus =
      argc > 1 ? argv[1] : std::filesystem::path("../shared/corpora/html-extraction");
  // Optional second argument: "-v" prints each page's scores, "--worst" the 15 pages with the
  // lowest F1, "--min-f1 F" checks the overall F1, and a page id prints that page's body.
  const std::string option = argc > 2 ? argv[2] : "";
  const double min_f1 = option == "--min-f1" && argc > 3 ? std::atof(argv[3]) : -1;
  if (min_f1 >= 0 && !std::filesystem::exists(corpus / "gold.json")) {
    std::printf("SKIPPED: %s is absent (needs ../shared/corpora)\n", corpus.c_str());
    return kSkipped;
  }
  const bool verbose = option == "-v";
  const bool worst = option == "--worst";
  const bool one_page = !option.empty() && !verbose && !worst && min_f1 < 0;
  std::vector<std::pair<std::string, Score>> page_scores;
  std::ifstream gold_file(corpus / "gold.json");
  if (!gold_file) {
    std::cerr << "cannot read " << (corpus / "gold.json") << "\n";
    return 2;
  }
  const auto gold = nlohmann::json::parse(gold_file);
  std::map<std::string, Totals> totals;
  for (const auto& [id, entry] : gold.items()) {
    if (one_page && id != option) continue;
    const auto html = read_gzip(corpus / "pages" / (id + ".html.gz"));
    std::string body;
    bool failed = false;
    try {
      body = gazette::indexer::read_html_article(html).body;
    } catch (const gazette::Error&) {
      failed = true;
    }
    const auto s = score(body, entry.at("articleBody").get<std::string>());
    const auto set = entry.at("source_set").get<std::string>();
    for (const auto& name : {set, std::string("all")}) {
      totals[name].add(s);
      totals[name].failures += failed;
    }
    if (one_page) std::printf("%s\n", body.c_str());
    page_scores.emplace_back(id, s);
    if (verbose)
      std::printf("%s\tP %.3f\tR %.3f\tF1 %.3f\n", id.c_str(), s.precision, s.recall, s.f1);
  }
  for (const auto& [name, t] : totals)
    t.print(name);
  if (worst) print_worst(page_scores, 15);
  if (min_f1 >= 0 && totals["all"].headline_f1() < min_f1) {
    std::printf("FAILED: F1 %.3f is below the guarded %.3f\n", totals["all"].headline_f1(), min_f1);
    return 1;
  }
  return 0;
}
