package io.headroom4j.compress.text;

import java.util.ArrayDeque;
import java.util.Set;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.Elements;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Converts an HTML page to Markdown-like text: headings as {@code #} lines, paragraphs separated by blank
 * lines, list items as {@code - } lines, {@code <pre>} as fenced blocks, tables as {@code |} rows and
 * absolute links as {@code [text](url)}. Scripts, styles, forms and page chrome (navigation, header,
 * footer, aside) are dropped; when the page has one {@code <main>} or {@code <article>}, only it is kept.
 * Iterative (jsoup's {@link NodeTraversor}), so deep nesting cannot overflow the stack.
 */
final class HtmlToText {

    private static final Set<String> DROP = Set.of("script", "style", "noscript", "template", "svg", "canvas",
            "iframe", "object", "embed", "form", "button", "input", "select", "textarea", "nav", "header", "footer",
            "aside", "head", "link", "meta", "dialog", "menu");
    private static final Set<String> BLOCK = Set.of("p", "div", "section", "article", "main", "blockquote", "dl",
            "dt", "dd", "figure", "figcaption", "address", "details", "summary", "center", "body", "html", "ul", "ol",
            "hr", "caption", "fieldset", "legend");

    /** The converted text and what was dropped, for the marker. */
    record Result(String text, int droppedElements, String title) {
    }

    private HtmlToText() {
    }

    static Result convert(String html) {
        Document doc = Jsoup.parse(html);
        String title = doc.title();
        Element root = pickRoot(doc);
        int dropped = 0;
        for (Element e : root.getAllElements()) {
            if (DROP.contains(e.normalName()) || "none".equalsIgnoreCase(e.attr("hidden"))
                    || e.hasAttr("aria-hidden") && "true".equals(e.attr("aria-hidden"))) {
                dropped++;
            }
        }
        Writer w = new Writer();
        if (!title.isBlank() && root.selectFirst("h1") == null) {
            w.block();
            w.sb.append("# ").append(title.strip());
            w.block();
        }
        NodeTraversor.traverse(w, root);
        w.flushInline();
        String text = w.sb.toString().strip();
        return new Result(text, dropped, title);
    }

    private static int longestRun(String s, char c) {
        int best = 0;
        int run = 0;
        for (int i = 0; i < s.length(); i++) {
            run = s.charAt(i) == c ? run + 1 : 0;
            best = Math.max(best, run);
        }
        return best;
    }

    private static Element pickRoot(Document doc) {
        Elements main = doc.select("main, [role=main]");
        if (main.size() == 1) {
            return main.first();
        }
        Elements article = doc.select("article");
        if (article.size() == 1) {
            return article.first();
        }
        return doc.body() == null ? doc : doc.body();
    }

    /** Collects text; {@code skip} counts open dropped elements so their subtrees are ignored. */
    private static final class Writer implements NodeVisitor {
        final StringBuilder sb = new StringBuilder();
        private final StringBuilder inline = new StringBuilder();
        private int skip;
        private int pre;
        private int listDepth;
        private final ArrayDeque<String> fences = new ArrayDeque<>();
        private String pendingHref;
        private int linkStart = -1;

        @Override
        public void head(Node node, int depth) {
            if (skip > 0) {
                if (node instanceof Element) {
                    skip++;
                }
                return;
            }
            if (node instanceof TextNode t) {
                if (pre > 0) {
                    sb.append(t.getWholeText());
                } else {
                    appendInline(t.text());
                }
                return;
            }
            if (!(node instanceof Element e)) {
                return;
            }
            String name = e.normalName();
            if (DROP.contains(name) || e.hasAttr("hidden")
                    || "true".equals(e.attr("aria-hidden"))) {
                skip = 1;
                return;
            }
            switch (name) {
                case "h1", "h2", "h3", "h4", "h5", "h6" -> {
                    block();
                    inline.append("#".repeat(name.charAt(1) - '0')).append(' ');
                }
                case "pre" -> {
                    block();
                    // A fence longer than any backtick run inside, as CommonMark requires.
                    String fence = "`".repeat(Math.max(3, longestRun(e.wholeText(), '`') + 1));
                    fences.push(fence);
                    sb.append(fence).append('\n');
                    pre++;
                }
                case "li" -> {
                    flushInline();
                    newline();
                    inline.append("  ".repeat(Math.max(0, listDepth - 1)))
                            .append(e.parent() != null && "ol".equals(e.parent().normalName())
                                    ? (e.elementSiblingIndex() + 1) + ". " : "- ");
                }
                case "ul", "ol" -> {
                    if (listDepth == 0) {
                        block();
                    }
                    listDepth++;
                }
                case "tr" -> {
                    flushInline();
                    newline();
                    inline.append("|");
                }
                case "table" -> block();
                case "br" -> {
                    flushInline();
                    newline();
                }
                case "a" -> {
                    String href = e.attr("abs:href");
                    if (href.isEmpty()) {
                        href = e.attr("href");
                    }
                    if ((href.startsWith("http://") || href.startsWith("https://")) && pre == 0) {
                        pendingHref = href;
                        appendInline("");
                        linkStart = inline.length();
                    }
                }
                case "code" -> {
                    if (pre == 0) {
                        appendInline("`");
                    }
                }
                case "img" -> {
                    String alt = e.attr("alt");
                    if (!alt.isBlank() && pre == 0) {
                        appendInline(alt);
                    }
                }
                default -> {
                    if (BLOCK.contains(name)) {
                        block();
                    }
                }
            }
        }

        @Override
        public void tail(Node node, int depth) {
            if (skip > 0) {
                if (node instanceof Element) {
                    skip--;
                }
                return;
            }
            if (!(node instanceof Element e)) {
                return;
            }
            String name = e.normalName();
            switch (name) {
                case "h1", "h2", "h3", "h4", "h5", "h6", "table" -> block();
                case "pre" -> {
                    pre--;
                    if (sb.length() > 0 && sb.charAt(sb.length() - 1) != '\n') {
                        sb.append('\n');
                    }
                    sb.append(fences.isEmpty() ? "```" : fences.pop());
                    block();
                }
                case "ul", "ol" -> {
                    listDepth--;
                    if (listDepth == 0) {
                        block();
                    }
                }
                case "td", "th" -> inline.append(" |");
                case "tr" -> flushInline();
                case "a" -> {
                    if (pendingHref != null && linkStart >= 0) {
                        String text = inline.substring(linkStart).strip();
                        if (!text.isEmpty() && !text.equals(pendingHref)) {
                            inline.insert(linkStart, '[');
                            inline.append("](").append(pendingHref).append(')');
                        }
                    }
                    pendingHref = null;
                    linkStart = -1;
                }
                case "code" -> {
                    if (pre == 0) {
                        inline.append('`');
                    }
                }
                default -> {
                    if (BLOCK.contains(name) || "li".equals(name)) {
                        flushInline();
                        if (!"li".equals(name)) {
                            block();
                        }
                    }
                }
            }
        }

        private void appendInline(String text) {
            if (text.isEmpty()) {
                if (inline.length() > 0 && !Character.isWhitespace(inline.charAt(inline.length() - 1))
                        && inline.charAt(inline.length() - 1) != '|') {
                    inline.append(' ');
                }
                return;
            }
            boolean spaceBefore = Character.isWhitespace(text.charAt(0));
            String t = text.strip();
            if (t.isEmpty()) {
                if (inline.length() > 0 && !Character.isWhitespace(inline.charAt(inline.length() - 1))) {
                    inline.append(' ');
                }
                return;
            }
            if (spaceBefore && inline.length() > 0 && !Character.isWhitespace(inline.charAt(inline.length() - 1))) {
                inline.append(' ');
            } else if (inline.length() > 0 && inline.charAt(inline.length() - 1) == '|') {
                inline.append(' ');
            }
            inline.append(t);
            if (Character.isWhitespace(text.charAt(text.length() - 1))) {
                inline.append(' ');
            }
        }

        void flushInline() {
            String t = inline.toString().strip();
            inline.setLength(0);
            if (!t.isEmpty() && !t.equals("|") && !onlyHashes(t)) {
                if (sb.length() > 0 && sb.charAt(sb.length() - 1) != '\n') {
                    sb.append('\n');
                }
                sb.append(t);
            }
        }

        /** True for "#", "##"...: an empty heading. (String.matches would compile a regex on every call.) */
        private static boolean onlyHashes(String t) {
            for (int i = 0; i < t.length(); i++) {
                if (t.charAt(i) != '#') {
                    return false;
                }
            }
            return !t.isEmpty();
        }

        private void newline() {
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != '\n') {
                sb.append('\n');
            }
        }

        void block() {
            flushInline();
            int n = sb.length();
            if (n == 0) {
                return;
            }
            if (sb.charAt(n - 1) != '\n') {
                sb.append("\n\n");
            } else if (n < 2 || sb.charAt(n - 2) != '\n') {
                sb.append('\n');
            }
        }
    }
}
