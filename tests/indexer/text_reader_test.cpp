// Tests for indexer/text_reader_test.
#include <doctest/doctest.h>
