package io.headroom4j.compress.text;

import java.util.ArrayList;
import java.util.List;

import io.headroom4j.compress.Compressed;
import io.headroom4j.compress.CompressionContext;
import io.headroom4j.compress.Compressor;
import io.headroom4j.compress.LossyGuard;
import io.headroom4j.compress.Markers;

/**
 * Turns an HTML page into readable text and then, when the text is still long, compresses it like prose
 * with the {@link TextCompressor}.
 *
 * <p>The conversion drops markup, scripts, styles and page chrome, so it is lossy: the output starts with
 * one marker, {@code [HTML markup of 48,120 chars (tags, scripts, styles, 12 navigation and other
 * elements) omitted; retrieve: <key>]}, whose key retrieves the original HTML byte for byte. Passes
 * through when lossy output is not allowed, under {@code lossyMinTokens}, or when the page yields no
 * text. Thread-safe and stateless.
 */
public final class HtmlCompressor implements Compressor {

    /** The transform name recorded in results and in the store. */
    public static final String TRANSFORM = "html.text";

    private static final int MAX_CHARS = 32 * 1024 * 1024;

    private final TextCompressor prose = new TextCompressor();

    /** Creates the compressor. */
    public HtmlCompressor() {
    }

    @Override
    public Compressed compress(String content, CompressionContext context) {
        Compressed refused = LossyGuard.refuse(content, context, TRANSFORM, MAX_CHARS, null);
        if (refused != null) {
            return refused;
        }
        return Compressor.failingOpen(content, TRANSFORM, () -> {
            HtmlToText.Result r = HtmlToText.convert(content);
            if (r.text().isBlank()) {
                return Compressed.unchanged(content, TRANSFORM, "no text in the page");
            }
            if (r.text().length() > content.length() * 0.9) {
                return Compressed.unchanged(content, TRANSFORM, "markup is a small part of the page");
            }
            String text = r.text();
            List<String> keys = new ArrayList<>();
            String note = "HTML to text";
            if (context.reachesLossyMin(text)) {
                Compressed c = prose.extract(text, context);
                if (c != null) {
                    text = c.output();
                    keys.addAll(c.retrievalKeys());
                    note += "; " + c.note();
                }
            }
            String key = context.offload(content, TRANSFORM);
            keys.add(0, key);
            String what = "HTML markup of " + Markers.count(content.length()) + " chars (tags, scripts, styles"
                    + (r.droppedElements() > 0 ? ", " + Markers.count(r.droppedElements())
                    + " navigation and other elements" : "") + ")";
            String out = Markers.omitted(what, key) + "\n\n" + text + "\n";
            if (out.length() >= content.length()) {
                return Compressed.unchanged(content, TRANSFORM, "text is not shorter than the HTML");
            }
            return Compressed.lossy(out, TRANSFORM, keys, note);
        });
    }
}
