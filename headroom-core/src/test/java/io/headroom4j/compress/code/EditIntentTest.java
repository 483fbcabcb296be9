package io.headroom4j.compress.code;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class EditIntentTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "fix the null check in parse()",
        "Fix it",
        "please review this function",
        "Please, review the retry loop",
        "Debug the failing test",
        "refactor parse() to use a loop",
        "Can you fix the bug in Color.Set?",
        "could you please optimize the hot loop?",
        "can you add logging to the retry loop",
        "I need you to rename Foo to Bar",
        "help me debug this",
        "how do I fix this error",
        "How can I change the default timeout?",
        "Let's change the return type",
        "let\u2019s rewrite this in Go",
        "First, remove the unused imports",
        "go ahead and implement the TODO",
        "update the docs comment",
        "Edit the constructor so it validates input",
        "We need to modify the parser to accept tabs",
        "Read the file and then patch the off-by-one",
        "clean up this module",
        "Review: is this thread-safe?",
        "the build is failing, any idea?",
        "there's a bug in the parser",
        "it crashes on empty input",
        "This doesn't work",
        "this doesn\u2019t work anymore",
        "parse() fails with a NullPointerException",
        "why does line 42 throw?",
        "why does parse() throw an IllegalStateException",
        "Why is the request failing",
        "the function returns wrong results for negative input",
        "here is the stack trace, what's wrong?",
        "there is a memory leak in the cache",
        "what is on lines 120-140?",
    })
    void requestsToWorkOnTheCodeKeepItWhole(String query) {
        assertThat(EditIntent.asksToWorkOnCode(query)).as(query).isTrue();
        assertThat(CodeCompressor.queryWantsFullCode(query)).as(query).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "where are errors handled",
        "Where are errors handled?",
        "how are exceptions propagated to the caller",
        "what happens on error",
        "what modules does this project have?",
        "where is the config loaded",
        "what does update() do?",
        "what does fix_path return",
        "when is updateIndex called",
        "which function handles failed requests",
        "where do we update the cache",
        "explain the review process in this file",
        "summarize the change history of this module",
        "how is the retry policy implemented",
        "list the tests that cover the parser",
        "show me where errors are logged",
        "which functions can fail?",
        "what is the error type returned by open",
        "how does the debugger attach",
        "describe the patching strategy",
        "What does the Fixer class do?",
        "",
        "   ",
    })
    void questionsThatOnlyMentionATopicLeaveCodeCompressible(String query) {
        assertThat(EditIntent.asksToWorkOnCode(query)).as(query).isFalse();
        assertThat(CodeCompressor.queryWantsFullCode(query)).as(query).isFalse();
    }

    @Test
    void nullIsNotARequest() {
        assertThat(CodeCompressor.queryWantsFullCode(null)).isFalse();
    }
}
