// Tests for common/record_test.
#include <doctest/doctest.h>
