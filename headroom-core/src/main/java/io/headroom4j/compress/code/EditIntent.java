package io.headroom4j.compress.code;

import java.util.regex.Pattern;

/**
 * Decides whether a user message asks for work on the code itself (fixing, reviewing, debugging, editing),
 * in which case code must reach the model whole.
 *
 * <p>A message counts as such a request when any of these holds:
 * <ul>
 *   <li>A work verb in its base form ({@code fix, review, debug, edit, refactor, change, modify, rewrite,
 *       implement, update, patch, rename, optimize, improve, add, remove, delete, replace, migrate, port,
 *       convert, correct, audit, troubleshoot, diagnose, repair, resolve, simplify, clean up, rework,
 *       restructure}) in request form: at the start of a sentence or clause ("Fix the loop", "First, remove
 *       the imports"), or after a request lead-in ("please", "can you", "could you", "help me", "let's",
 *       "to", "and", "then", "how do I" ...), optionally followed by "please", "just", "also".</li>
 *   <li>A problem report: "bug", "broken", "crash", "doesn't work", "is failing", "fails with", "failing
 *       test", "hangs", "deadlock", "memory leak", "race condition", "regression", "typo", "stack trace".</li>
 *   <li>A "why" question about a failure ("why does parse() throw?") or a reference to line numbers
 *       ("line 42"), which a signature view may have elided.</li>
 * </ul>
 * Topic words alone are not requests: "where are errors handled", "what does update() do", "which tests
 * cover this" leave code compressible. Word boundaries are strict, so identifiers such as {@code fix_path}
 * or {@code updateIndex} do not count. Stateless and thread-safe.
 */
final class EditIntent {

    private static final String VERBS = "fix|review|debug|edit|refactor|change|modify|rewrite|re-write|implement"
            + "|reimplement|update|patch|rename|optimi[sz]e|improve|add|remove|delete|replace|migrate|port|convert"
            + "|correct|audit|troubleshoot|diagnose|repair|resolve|simplify|clean\\s+up|cleanup|rework|restructure"
            + "|harden|tweak|adjust";

    private static final String APOS = "['\u2019]";

    /** Where a request can start: sentence or clause starts and request lead-ins. */
    private static final String LEAD = "(?:^|[.!?;:\\n(]\\s*|,\\s*|\\b(?:please|pls|plz|to|and|then|also|so"
            + "|can\\s+you|could\\s+you|would\\s+you|will\\s+you|can\\s+we|could\\s+we|help\\s+me|help\\s+us"
            + "|let\\s+me|let" + APOS + "?s|let\\s+us|go\\s+ahead\\s+and|i" + APOS + "ll|we" + APOS + "ll"
            + "|how\\s+(?:do|can|should|would|could)\\s+(?:i|we|you))\\s+)";

    private static final Pattern REQUEST = Pattern.compile(
            LEAD + "(?:(?:please|pls|just|also|quickly|now|first|now\\s+please)\\s+)*(?:" + VERBS + ")\\b",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    private static final Pattern PROBLEM = Pattern.compile(
            "\\b(?:bugs?|buggy|broken|crash(?:es|ed|ing)?|segfault\\w*|deadlock\\w*|hangs|hanging|panick?(?:s|ed|ing)"
                    + "|regressions?|typos?|memory\\s+leaks?|leaks\\s+memory|race\\s+conditions?"
                    + "|stack\\s?traces?|tracebacks?|off[-\\s]by[-\\s]one"
                    + "|(?:doesn" + APOS + "?t|does\\s+not|don" + APOS + "?t|do\\s+not|isn" + APOS + "?t|is\\s+not"
                    + "|won" + APOS + "?t|will\\s+not|not)\\s+work(?:s|ing)?"
                    + "|(?:is|are|keeps?|still|now)\\s+failing|fail(?:s|ed)?\\s+(?:to|with|on|when|because)"
                    + "|failing\\s+(?:tests?|builds?|checks?|ci|assertions?)"
                    + "|wrong\\s+(?:results?|outputs?|values?|answers?)"
                    + "|lines?\\s+\\d+)\\b",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    /** Bounded gap between "why" and the failure word: a long pasted message must not cost quadratic time. */
    private static final Pattern WHY_FAILS = Pattern.compile(
            "\\bwhy\\b[^.?!\\n]{0,200}?\\b(?:throws?|thrown|throwing|fails?|failing|failed|crash\\w*|breaks?|broke"
                    + "|errors?\\s+out|raises?|raising|hangs?|panics?|returns?\\s+(?:null|nil|none|wrong|an?\\s+error))\\b",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    private EditIntent() {
    }

    /** True when {@code message} asks to fix, review, debug or edit code, as described in the class comment. */
    static boolean asksToWorkOnCode(String message) {
        if (message == null || message.isBlank()) {
            return false;
        }
        String m = message.strip();
        return REQUEST.matcher(m).find() || PROBLEM.matcher(m).find() || WHY_FAILS.matcher(m).find();
    }
}
