/**
 * Helpers shared by Headroom4j's own packages and not meant for users: {@link io.headroom4j.internal.Bm25}
 * relevance scoring. Anything here may change without notice.
 */
package io.headroom4j.internal;
