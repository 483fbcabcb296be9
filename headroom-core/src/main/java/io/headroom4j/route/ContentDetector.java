package io.headroom4j.route;

/** Tells what kind of content a piece of text is. Thread-safe; never throws. */
@FunctionalInterface
public interface ContentDetector {

    /** The type of {@code content}; {@link ContentType#UNKNOWN} when unsure. */
    ContentType detect(String content);
}
