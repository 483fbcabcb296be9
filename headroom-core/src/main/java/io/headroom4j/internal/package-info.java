/**
 * Helpers shared by the modules of Headroom4j and not part of its API; they may change in any release.
 * {@link io.headroom4j.internal.Bm25} ranks lines or items against a query.
 */
package io.headroom4j.internal;
