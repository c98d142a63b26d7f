package org.oncopredict.profile.domain;

import java.util.List;

/** One page of results: zero-based page index, page size and the total number of matches. */
public record Page<T>(List<T> items, int page, int size, long total) {
    public boolean hasNext() {
        return (long) (page + 1) * size < total;
    }
}
