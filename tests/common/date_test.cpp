// Tests for common/date_test.
#include <doctest/doctest.h>
