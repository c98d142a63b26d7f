package org.oncopredict.profile.domain;

import java.util.List;

/** One page of results: zero-based page index, page size and the total number of matches. */
public record Page<T>(List<T> items, int page, int size, long total) {
    /** Page size when the caller gives none, and the largest accepted (REST and gRPC alike). */
    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 200;

    public boolean hasNext() {
        return (long) (page + 1) * size < total;
    }
}
