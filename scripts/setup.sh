#!/usr/bin/env bash
# Installs every Debian/Ubuntu package Gazette's build, tests and demo need. Idempotent:
# packages already present are left alone. Uses sudo only when not running as root.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config  # toolchain
  libxapian-dev xapian-tools                    # the search engine; xapian-check for tests
  libboost-program-options-dev                  # CLI option parsing
  libfmt-dev                                    # formatting
  libxml2-dev                                   # HTML parsing (and its entity table)
  nlohmann-json3-dev                            # JSON-LD parsing, JSON output
  libxxhash-dev                                 # stable hashes for over-long terms
  libsimdjson-dev                               # JSON Lines / JSON archives
  libarchive-dev                                # .gz .bz2 .xz .zst, .tar and .zip inputs
  libuchardet-dev libicu-dev                    # charset detection and conversion
  libcld2-dev                                   # language detection
  libgmime-3.0-dev                              # e-mail / Usenet / mbox (MIME) parsing
  libcpp-httplib-dev                            # gazette-serve's HTTP server
  doctest-dev                                   # unit tests
  chromium chromium-driver                      # the search page's test in a real browser
  doxygen                                       # API reference (docs target and its test)
  zlib1g-dev time                               # benchmarks: gzipped pages, peak memory
  wrk                                           # benchmarks/serve.sh: HTTP load
  libsqlite3-dev liblucene++-dev xapian-omega   # benchmarks/peers.sh: FTS5, Lucene++, omindex
  libbenchmark-dev                              # micro-benchmarks (Google Benchmark)
  libgpgme-dev libacl1-dev libzstd-dev liblz4-dev  # static linking with pkg-config --static
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#packages[@]} packages already installed"
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "setup: installing ${missing[*]}"
$sudo apt-get update -q
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
