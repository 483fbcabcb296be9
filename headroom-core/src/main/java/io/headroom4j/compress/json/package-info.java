/**
 * The JSON compressor: {@link io.headroom4j.compress.json.JsonTableCompressor} turns arrays of objects into
 * compact tables (lossless) and, where allowed, keeps only the items that matter (lossy, with retrieval
 * markers); {@link io.headroom4j.compress.json.JsonTables} decodes the tables back to JSON.
 */
package io.headroom4j.compress.json;
