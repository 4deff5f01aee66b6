package dev.cloudwarden.aws;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Splits items into consecutive batches of at most {@code size}, in their order. */
final class Batches {
    private Batches() {
    }

    static <T> List<List<T>> of(Collection<T> items, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("batch size must be positive, not " + size);
        }
        List<T> all = List.copyOf(items);
        List<List<T>> batches = new ArrayList<>();
        for (int from = 0; from < all.size(); from += size) {
            batches.add(all.subList(from, Math.min(all.size(), from + size)));
        }
        return batches;
    }
}
