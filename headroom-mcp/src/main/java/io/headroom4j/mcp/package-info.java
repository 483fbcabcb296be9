/**
 * Headroom over the Model Context Protocol. {@link io.headroom4j.mcp.HeadroomMcpServer} is the stdio MCP
 * server with the {@code headroom_compress}, {@code headroom_retrieve} and {@code headroom_stats} tools;
 * {@link io.headroom4j.mcp.McpRelay} sits in front of another MCP server and compresses its tool results.
 */
package io.headroom4j.mcp;
