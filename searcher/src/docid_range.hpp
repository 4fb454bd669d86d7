// A posting source matching the documents with ids in [first, last]: used as a filter to
// walk a result set window by window in index order, so exports need bounded memory.
#pragma once

#include <xapian.h>

namespace gazette::searcher {

/// A query matching every document whose id lies in [first, last], with no weight.
Xapian::Query docid_range(Xapian::docid first, Xapian::docid last);

}  // namespace gazette::searcher
