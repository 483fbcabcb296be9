/**
 * Helpers shared by the modules of Headroom4j and not part of its API; they may change in any release.
 * {@link io.headroom4j.internal.Bm25} ranks lines or items against a query; {@link io.headroom4j.internal.SideWork}
 * lends a waiting thread to a compression as a helper; {@link io.headroom4j.internal.LastLongText} remembers a
 * whole-text answer for the last long text on a thread.
 */
package io.headroom4j.internal;
