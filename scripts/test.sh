#!/usr/bin/env bash
# README command two: install dependencies, then build and run every test twice — a release
# build with a shared libgazette (which adds the exported-symbols test), and a debug build
# with a static one, AddressSanitizer and UndefinedBehaviorSanitizer.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
jobs=$(nproc)
status=0
for variant in release asan; do
  dir=build/$variant
  if [ "$variant" = release ]; then
    cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DGAZETTE_BUILD_TESTS=ON \
      -DBUILD_SHARED_LIBS=ON
  else
    cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DGAZETTE_BUILD_TESTS=ON \
      -DGAZETTE_SANITIZE=ON
  fi
  cmake --build "$dir" -j "$jobs"
  echo "== tests: $variant"
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir "$dir" --output-on-failure -j "$jobs" || status=1
done
exit $status
