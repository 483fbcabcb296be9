package io.headroom4j.compress.json;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/** Random JSON documents that stress the table format: near-uniform rows, tricky keys, strings and numbers. */
final class RandomJson {

    static final String[] STRINGS = {
        "", "a", "open", "closed", "true", "false", "null", "1", "1.0", "-0", "1e3", "01", "+1", "NaN",
        "a,b", "a.b", " lead", "trail ", "\"quoted\"", "say \"hi\"", "{", "[1]", "}", "=", "x=y", "k:v",
        "é", "日本語", "\uD83D\uDE00 emoji", "line\nbreak", "tab\there", "\u2028sep", "back\\slash",
        "https://api.github.com/repos/o/r/issues/1", "Fix crash when parsing, then retry", "-", "--x", "0x1f",
        "\u0000nul", "\u007f", "lines]{", "[3]{a}:",
    };
    static final String[] NUMBERS = {
        "0", "-0", "1", "1.0", "1.00", "1e3", "1E3", "1e+3", "2.5e-7", "-3.14", "42",
        "123456789012345678901234567890", "0.1", "100",
    };
    static final String[] KEYS = {
        "id", "name", "state", "user", "login", "count", "a.b", "", "x,y", "=", "}", "é", "\"q", "k", "v",
        "meta", "tags", "1", "a b", "[", ":", ".",
    };

    private RandomJson() {
    }

    /** Documents: one value, or two to four values as JSON lines. */
    static Arbitrary<List<JsonValue>> documents() {
        return Arbitraries.randomValue(RandomJson::document);
    }

    /** Arrays of objects, uniform, near-uniform or heterogeneous. */
    static Arbitrary<JsonValue> rowArrays() {
        return Arbitraries.randomValue(r -> rows(r, 2));
    }

    static List<JsonValue> document(Random r) {
        List<JsonValue> doc = new ArrayList<>();
        int kind = r.nextInt(6);
        if (kind == 0) {
            int n = 2 + r.nextInt(3);
            boolean objects = r.nextBoolean();
            JsonValue template = rows(r, 2);
            for (int i = 0; i < n; i++) {
                doc.add(objects ? ((JsonValue.Arr) template).items().get(i % ((JsonValue.Arr) template).items().size())
                        : value(r, 2));
            }
        } else if (kind == 1) {
            JsonValue.Arr a = (JsonValue.Arr) rows(r, 2);
            doc.addAll(a.items());
        } else if (kind == 2) {
            // An API list response: {"items":[...],"total":N}
            List<String> keys = new ArrayList<>(List.of("total_count", "items", "next"));
            List<JsonValue> values = new ArrayList<>(List.of(
                    new JsonValue.Num("1000"), rows(r, 2), new JsonValue.Null()));
            doc.add(new JsonValue.Obj(keys, values));
        } else {
            doc.add(r.nextInt(3) == 0 ? value(r, 3) : rows(r, 3));
        }
        return doc;
    }

    static JsonValue value(Random r, int depth) {
        int k = depth <= 0 ? r.nextInt(4) : r.nextInt(7);
        switch (k) {
            case 0:
                return new JsonValue.Str(string(r));
            case 1:
                return new JsonValue.Num(NUMBERS[r.nextInt(NUMBERS.length)]);
            case 2:
                return r.nextBoolean() ? JsonValue.Bool.TRUE : JsonValue.Bool.FALSE;
            case 3:
                return JsonValue.Null.INSTANCE;
            case 4: {
                int n = r.nextInt(4);
                List<JsonValue> items = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    items.add(value(r, depth - 1));
                }
                return new JsonValue.Arr(items);
            }
            case 5:
                return object(r, depth - 1);
            default:
                return rows(r, depth - 1);
        }
    }

    static String string(Random r) {
        if (r.nextInt(4) == 0) {
            StringBuilder sb = new StringBuilder();
            int n = r.nextInt(8);
            for (int i = 0; i < n; i++) {
                int pick = r.nextInt(10);
                if (pick == 0) {
                    sb.append((char) (0xD800 + r.nextInt(0x800)));   // lone surrogates too
                } else if (pick == 1) {
                    sb.append((char) r.nextInt(0x80));
                } else {
                    sb.append((char) ('a' + r.nextInt(26)));
                }
            }
            return sb.toString();
        }
        return STRINGS[r.nextInt(STRINGS.length)];
    }

    static JsonValue.Obj object(Random r, int depth) {
        int n = r.nextInt(5);
        List<String> keys = new ArrayList<>();
        List<JsonValue> values = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            keys.add(KEYS[r.nextInt(KEYS.length)]);   // duplicates happen, on purpose
            values.add(value(r, depth));
        }
        return new JsonValue.Obj(keys, values);
    }

    /** 2-12 rows drawn from one key template: keys dropped, nested objects, nulls, the odd reordering. */
    static JsonValue rows(Random r, int depth) {
        int width = 1 + r.nextInt(5);
        List<String> template = new ArrayList<>();
        while (template.size() < width) {
            String key = KEYS[r.nextInt(KEYS.length)];
            if (!template.contains(key)) {
                template.add(key);
            }
        }
        int[] kinds = new int[width];
        for (int i = 0; i < width; i++) {
            kinds[i] = r.nextInt(8);
        }
        int n = 2 + r.nextInt(11);
        double dropRate = r.nextInt(3) == 0 ? 0.3 : 0.0;
        List<JsonValue> items = new ArrayList<>();
        JsonValue constant = value(r, 0);
        long seqStart = r.nextInt(3) == 0 ? -r.nextInt(3) : r.nextInt(10_000);
        int seqStep = r.nextBoolean() ? 1 : -1;
        String prefix = r.nextBoolean() ? "https://api.example.com/items/" : STRINGS[r.nextInt(STRINGS.length)];
        String suffix = r.nextBoolean() ? "" : STRINGS[r.nextInt(STRINGS.length)];
        int arrayLength = 1 + r.nextInt(3);
        for (int i = 0; i < n; i++) {
            List<String> keys = new ArrayList<>();
            List<JsonValue> values = new ArrayList<>();
            for (int c = 0; c < width; c++) {
                if (r.nextDouble() < dropRate) {
                    continue;
                }
                keys.add(template.get(c));
                values.add(switch (kinds[c]) {
                    case 0 -> constant;
                    case 1 -> new JsonValue.Num(NUMBERS[r.nextInt(NUMBERS.length)]);
                    case 2 -> depth > 0 && r.nextInt(8) != 0 ? nested(r, depth - 1) : value(r, 0);
                    case 3 -> r.nextInt(6) == 0 ? JsonValue.Null.INSTANCE : new JsonValue.Str(string(r));
                    case 7 -> {
                        List<JsonValue> positions = new ArrayList<>();
                        for (int p = 0; p < arrayLength; p++) {
                            positions.add(r.nextBoolean() && depth > 0 ? nested(r, depth - 1) : value(r, 0));
                        }
                        yield new JsonValue.Arr(positions);
                    }
                    case 5 -> new JsonValue.Num(Long.toString(seqStart + (long) i * seqStep));
                    case 6 -> !values.isEmpty() && values.get(0) instanceof JsonValue.Str s0
                            ? new JsonValue.Str(prefix + s0.value() + suffix)
                            : !values.isEmpty() && values.get(0) instanceof JsonValue.Num n0
                            ? new JsonValue.Str(prefix + n0.literal() + suffix) : new JsonValue.Str(string(r));
                    default -> value(r, Math.max(0, depth - 1));
                });
            }
            if (r.nextInt(15) == 0 && keys.size() >= 2) {
                // reversed key order: a row that does not fit the columns
                java.util.Collections.reverse(keys);
                java.util.Collections.reverse(values);
            }
            if (r.nextInt(20) == 0) {
                keys.add(keys.isEmpty() ? "dup" : keys.get(0));
                values.add(JsonValue.Bool.TRUE);
            }
            items.add(new JsonValue.Obj(keys, values));
        }
        return new JsonValue.Arr(items);
    }

    /** A nested object such as {"login":"x","id":3}, sometimes with a nested object of its own. */
    private static JsonValue nested(Random r, int depth) {
        List<String> keys = new ArrayList<>(List.of("login", "id", "a.b"));
        List<JsonValue> values = new ArrayList<>(List.of(new JsonValue.Str(string(r)),
                new JsonValue.Num(NUMBERS[r.nextInt(NUMBERS.length)]),
                depth > 0 && r.nextBoolean() ? nested(r, depth - 1) : value(r, 0)));
        int drop = r.nextInt(4);
        if (drop < 3 && r.nextBoolean()) {
            keys.remove(drop);
            values.remove(drop);
        }
        return new JsonValue.Obj(keys, values);
    }
}
