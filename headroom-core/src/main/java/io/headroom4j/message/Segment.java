package io.headroom4j.message;

/**
 * One string in a request that compression may consider: a tool result, or a text part of a message.
 *
 * @param pointer      JSON pointer of the string value in the request body
 * @param messageIndex index of the message or input item that holds it
 * @param role         role of that message: {@code tool}, {@code user}, {@code system}, {@code assistant}
 * @param toolName     the tool that produced it, when it is a tool result and the name is known
 * @param toolResult   true for tool output, false for message text
 * @param isError      true when the provider format marks the tool result as an error
 * @param frozen       true when it sits at or before the last {@code cache_control} breakpoint
 * @param text         the string's value
 */
record Segment(String pointer, int messageIndex, String role, String toolName, boolean toolResult, boolean isError,
               boolean frozen, String text) {
}
