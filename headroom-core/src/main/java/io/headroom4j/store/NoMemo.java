package io.headroom4j.store;

import java.util.Optional;

import io.headroom4j.compress.Compressed;

/** The memo that remembers nothing. */
enum NoMemo implements CompressionMemo {
    INSTANCE;

    @Override
    public Optional<Compressed> recall(String key) {
        return Optional.empty();
    }

    @Override
    public Compressed remember(String key, Compressed value) {
        return value;
    }
}
