package io.headroom4j.bench.eval;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * How many facts of an input survived one compression.
 *
 * @param kept        facts present in the output itself (verbatim, or after undoing JSON escapes and
 *                    collapsing whitespace; a number counts when both it and its key appear)
 * @param recoverable facts missing from the output but present once its markers are replaced by the originals
 *                    fetched with their retrieval keys (or in one of those originals)
 * @param encoded     facts not verbatim in an output its compressor marked lossless: derivable only by decoding
 *                    it (a templated column, a range, a regrouped path:line); neither kept nor lost, and
 *                    unverified when no decoder is exposed
 * @param lost        facts neither kept nor recoverable
 * @param lostByKind  lost facts per kind
 * @param lostSamples up to five lost facts, for the report
 */
public record Retention(int kept, int recoverable, int encoded, int lost, Map<Fact.Kind, Integer> lostByKind,
                        List<Fact> lostSamples) {

    public Retention {
        lostByKind = Map.copyOf(lostByKind);
        lostSamples = List.copyOf(lostSamples);
    }

    /** No facts at all. */
    public static Retention empty() {
        return new Retention(0, 0, 0, 0, Map.of(), List.of());
    }

    /** All facts checked. */
    public int total() {
        return kept + recoverable + encoded + lost;
    }

    /** This plus {@code other}, keeping at most five samples. */
    public Retention plus(Retention other) {
        Map<Fact.Kind, Integer> byKind = new EnumMap<>(Fact.Kind.class);
        byKind.putAll(lostByKind);
        other.lostByKind.forEach((k, v) -> byKind.merge(k, v, Integer::sum));
        List<Fact> samples = new ArrayList<>(lostSamples);
        for (Fact f : other.lostSamples) {
            if (samples.size() < 5) {
                samples.add(f);
            }
        }
        return new Retention(kept + other.kept, recoverable + other.recoverable, encoded + other.encoded,
                lost + other.lost, byKind, samples);
    }
}
