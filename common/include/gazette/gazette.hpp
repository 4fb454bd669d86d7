// Everything a program needs from Gazette in one include: <gazette/gazette.hpp>.
// No public header includes Xapian or any other dependency (the library hides them
// behind pimpl), so a program needs only Gazette's include directory and the library.
#pragma once

#include <gazette/article.hpp>
#include <gazette/date.hpp>
#include <gazette/error.hpp>
#include <gazette/exit_code.hpp>
#include <gazette/export.hpp>
#include <gazette/indexer.hpp>
#include <gazette/schema.hpp>
#include <gazette/searcher.hpp>
#include <gazette/version.hpp>
