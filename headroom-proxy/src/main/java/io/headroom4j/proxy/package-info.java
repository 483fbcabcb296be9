/**
 * The Headroom4j HTTP proxy. Entry point: {@link io.headroom4j.proxy.HeadroomProxy#start}, configured by
 * {@link io.headroom4j.HeadroomConfig} (compression) and {@link io.headroom4j.proxy.ProxyConfig} (listening
 * address and upstreams).
 */
package io.headroom4j.proxy;
