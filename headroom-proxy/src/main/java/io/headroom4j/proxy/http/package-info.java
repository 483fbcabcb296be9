/**
 * The proxy's own blocking HTTP/1.1 server and plain-HTTP client: one thread reads a request, compresses,
 * calls upstream and relays the response, with no hand-off to another thread on the way.
 */
package io.headroom4j.proxy.http;
