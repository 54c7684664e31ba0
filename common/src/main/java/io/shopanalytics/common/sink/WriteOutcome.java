package io.shopanalytics.common.sink;

/** What one collection's write did. {@code updated} counts matched keys, changed or not. */
public record WriteOutcome(String collection, long written, long inserted, long updated, long removed) {}
