package org.ratepayer.servicedesk.search;

import java.util.List;

/**
 * One page of results. There is no total: counting every match of a short name across a million accounts would cost
 * more than the page itself; {@code hasNext} says whether another page follows, up to {@link StaffSearch#MAX_RESULTS}.
 *
 * @param reading how the box was read, so the page can say what it searched for
 */
public record SearchPage(QueryShape.Reading reading, List<SearchHit> hits, int page, int size, boolean hasNext) {
    public SearchPage {
        hits = List.copyOf(hits);
    }
}
