package io.headroom4j.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How to point one coding agent at the proxy: the environment variables to set and the arguments to put
 * in front of the user's own. Pure: builds values, starts nothing.
 *
 * <ul>
 *   <li>{@code claude} (Claude Code): {@code ANTHROPIC_BASE_URL=http://127.0.0.1:P}, and
 *       {@code ENABLE_TOOL_SEARCH=true} unless set (a custom base URL otherwise turns tool search off).</li>
 *   <li>{@code codex} (Codex CLI): a {@code headroom} model provider passed as {@code -c} overrides, so
 *       {@code ~/.codex/config.toml} is never edited: {@code base_url=http://127.0.0.1:P/v1},
 *       {@code wire_api="responses"}, and the key from {@code OPENAI_API_KEY} (or Codex's own login when
 *       that variable is unset); plus {@code OPENAI_BASE_URL}.</li>
 *   <li>{@code aider}: {@code OPENAI_API_BASE}, {@code OPENAI_BASE_URL} and {@code ANTHROPIC_BASE_URL}.</li>
 *   <li>any other command: {@code ANTHROPIC_BASE_URL}, {@code OPENAI_BASE_URL} and {@code OPENAI_API_BASE}.</li>
 * </ul>
 * Every agent also gets {@code HEADROOM_PROXY_URL}.
 */
record AgentLaunch(List<String> command, Map<String, String> env) {

    /** Agents with their own setup. */
    static final List<String> KNOWN = List.of("claude", "codex", "aider");

    /**
     * The launch for {@code agent} (a known name, or null for a plain command) with {@code args}.
     *
     * @param agent   {@code claude}, {@code codex}, {@code aider}, or null
     * @param binary  the program to run (the agent's name, or a path)
     * @param args    the user's arguments
     * @param baseUrl the proxy, such as {@code http://127.0.0.1:8787}
     * @param userEnv the environment the agent would otherwise get
     */
    static AgentLaunch of(String agent, String binary, List<String> args, String baseUrl, Map<String, String> userEnv) {
        Map<String, String> env = new LinkedHashMap<>();
        List<String> cmd = new ArrayList<>();
        cmd.add(binary);
        String v1 = baseUrl + "/v1";
        env.put("HEADROOM_PROXY_URL", baseUrl);
        switch (agent == null ? "" : agent.toLowerCase(Locale.ROOT)) {
            case "claude" -> {
                env.put("ANTHROPIC_BASE_URL", baseUrl);
                // Claude Code turns tool-search deferral off for custom base URLs, which loads every tool
                // definition up front (tens of thousands of tokens); keep it on unless the user chose.
                if (!userEnv.containsKey("ENABLE_TOOL_SEARCH")) {
                    env.put("ENABLE_TOOL_SEARCH", "true");
                }
            }
            case "codex" -> {
                env.put("OPENAI_BASE_URL", v1);
                boolean apiKey = userEnv.get("OPENAI_API_KEY") != null && !userEnv.get("OPENAI_API_KEY").isBlank();
                cmd.add("-c");
                cmd.add("model_provider=\"headroom\"");
                cmd.add("-c");
                cmd.add("model_providers.headroom={ name = \"Headroom\", base_url = \"" + v1
                        + "\", wire_api = \"responses\", "
                        + (apiKey ? "env_key = \"OPENAI_API_KEY\"" : "requires_openai_auth = true") + " }");
            }
            case "aider" -> {
                env.put("OPENAI_API_BASE", v1);
                env.put("OPENAI_BASE_URL", v1);
                env.put("ANTHROPIC_BASE_URL", baseUrl);
            }
            default -> {
                env.put("ANTHROPIC_BASE_URL", baseUrl);
                env.put("OPENAI_BASE_URL", v1);
                env.put("OPENAI_API_BASE", v1);
            }
        }
        cmd.addAll(args);
        return new AgentLaunch(List.copyOf(cmd), Map.copyOf(env));
    }

    /**
     * The upstreams the proxy should use, taken from base URLs the user had already set (such as a company
     * gateway in {@code ANTHROPIC_BASE_URL}), so wrapping keeps sending traffic where it went before.
     * URLs that already point at {@code baseUrl} are ignored.
     */
    static Map<String, String> upstreamsFrom(Map<String, String> userEnv, String baseUrl) {
        Map<String, String> up = new LinkedHashMap<>();
        String anthropic = userEnv.get("ANTHROPIC_BASE_URL");
        if (anthropic != null && !anthropic.isBlank() && !anthropic.startsWith(baseUrl)) {
            up.put("ANTHROPIC_TARGET_API_URL", anthropic.trim());
        }
        String openai = userEnv.getOrDefault("OPENAI_BASE_URL", userEnv.get("OPENAI_API_BASE"));
        if (openai != null && !openai.isBlank() && !openai.startsWith(baseUrl)) {
            up.put("OPENAI_TARGET_API_URL", openai.trim());
        }
        return up;
    }
}
