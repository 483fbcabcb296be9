package io.headroom4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Input prices per model, read from a JSON file the user can edit ({@code prices.json} in the workspace,
 * copied there from the built-in table on first use). A model matches the longest key its name starts
 * with, after dropping a provider prefix such as {@code anthropic/}. Unknown models have no price:
 * reports say "unavailable" rather than $0.00.
 */
final class PriceTable {

    /** The file name in the workspace. */
    static final String FILE_NAME = "prices.json";

    /** One model's prices: USD per million input tokens and the cache multipliers. */
    record Price(String key, double inputPerMillion, double cacheReadMultiplier, double cacheWriteMultiplier) {
        double perToken() {
            return inputPerMillion / 1_000_000.0;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Price> prices;
    private final String source;

    private PriceTable(Map<String, Price> prices, String source) {
        this.prices = prices;
        this.source = source;
    }

    /** Where the table was read from. */
    String source() {
        return source;
    }

    /** The table in {@code file}. */
    static PriceTable read(Path file) {
        try {
            return parse(JSON.readTree(file.toFile()), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read price table " + file + ": " + e.getMessage(), e);
        }
    }

    /** The built-in table. */
    static PriceTable builtIn() {
        try (InputStream in = builtInStream()) {
            return parse(JSON.readTree(in), "built-in");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The workspace's table, copying the built-in one there first when it is missing; falls back to the
     * built-in table when the workspace cannot be written.
     */
    static PriceTable forWorkspace(Path workspace) {
        Path file = workspace.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            try (InputStream in = builtInStream()) {
                Files.createDirectories(workspace);
                Files.copy(in, file);
            } catch (IOException e) {
                return builtIn();
            }
        }
        return read(file);
    }

    private static InputStream builtInStream() {
        InputStream in = PriceTable.class.getResourceAsStream(FILE_NAME);
        if (in == null) {
            throw new IllegalStateException("built-in price table missing from the jar");
        }
        return in;
    }

    static PriceTable parse(JsonNode root, String source) {
        Map<String, Price> m = new LinkedHashMap<>();
        JsonNode models = root.path("models");
        Iterator<Map.Entry<String, JsonNode>> it = models.properties().iterator();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            double input = v.isNumber() ? v.asDouble() : v.path("input").asDouble(-1);
            if (input < 0) {
                throw new IllegalArgumentException("price table " + source + ": model '" + e.getKey()
                        + "' needs a non-negative 'input' price");
            }
            m.put(e.getKey().toLowerCase(Locale.ROOT), new Price(e.getKey(), input,
                    v.path("cache_read").asDouble(0.1), v.path("cache_write").asDouble(1.25)));
        }
        return new PriceTable(m, source);
    }

    /** The price for {@code model}, if any key matches it. */
    Optional<Price> priceOf(String model) {
        if (model == null) {
            return Optional.empty();
        }
        String name = model.toLowerCase(Locale.ROOT);
        int slash = name.lastIndexOf('/');
        if (slash >= 0) {
            name = name.substring(slash + 1);
        }
        Price best = null;
        for (Map.Entry<String, Price> e : prices.entrySet()) {
            if (name.startsWith(e.getKey()) && (best == null || e.getKey().length() > best.key().length())) {
                best = e.getValue();
            }
        }
        return Optional.ofNullable(best);
    }
}
