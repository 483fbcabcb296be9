package io.headroom4j.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.headroom4j.token.TokenCounters;

/**
 * Realistic JSON tool outputs, generated deterministically (fixed seeds): the shapes that agents' tools
 * return, with field names, nesting, nulls and URL boilerplate copied from the real APIs.
 *
 * <ul>
 *   <li>{@link #githubIssues}: {@code GET /repos/{owner}/{repo}/issues} (GitHub REST v3);</li>
 *   <li>{@link #githubSearchIssues}: {@code GET /search/issues}, an envelope with {@code total_count};</li>
 *   <li>{@link #npmSearch}: {@code GET /-/v1/search} of the npm registry;</li>
 *   <li>{@link #kubernetesPods}: {@code kubectl get pods -o json} (a {@code PodList});</li>
 *   <li>{@link #searchResults}: a web-search tool's result list (title, url, snippet, score);</li>
 *   <li>{@link #databaseRows}: the rows of a real SQLite query (orders joined with customers), as a
 *       database MCP server returns them;</li>
 *   <li>{@link #jsonLogs}: structured application logs as JSON lines, with a few errors.</li>
 * </ul>
 * Also writes them to a directory, for the test fixtures: {@code java -cp headroom-bench.jar
 * io.headroom4j.bench.JsonCorpus <dir>}.
 */
public final class JsonCorpus {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private static final String[] WORDS = (
            "the a parser crash fails when loading config file with unicode path windows linux macos build "
            + "error timeout retry cache memory leak after upgrade version regression test flaky ci pipeline "
            + "docs typo readme add support for option flag cli command output json yaml stream large input "
            + "performance slow startup thread pool deadlock null pointer exception handler request response "
            + "header auth token expired login redirect loop dark mode theme ui button layout mobile scroll "
            + "api endpoint pagination rate limit webhook event payload schema validation migration database "
            + "index query plan sqlite postgres connection reset tls certificate proxy http2 grpc plugin "
            + "extension dependency bump security vulnerability cve patch release notes changelog feature "
            + "request improve error message logging metrics tracing export import csv encoding locale").split(" ");
    private static final String[] LOGINS = {
        "octocat", "hubot", "monalisa", "defunkt", "mojombo", "pjhyett", "wycats", "ezmobius", "ivey", "evanphx",
        "vanpelt", "wayneeseguin", "brynary", "kevinclark", "technoweenie", "macournoyer", "takeo", "caged",
    };
    private static final String[][] LABELS = {
        {"bug", "d73a4a", "Something isn't working"},
        {"enhancement", "a2eeef", "New feature or request"},
        {"documentation", "0075ca", "Improvements or additions to documentation"},
        {"good first issue", "7057ff", "Good for newcomers"},
        {"question", "d876e3", "Further information is requested"},
        {"performance", "fbca04", null},
    };

    private JsonCorpus() {
    }

    /** Random words, capitalised like a title. */
    private static String sentence(Random r, int min, int max) {
        int n = min + r.nextInt(max - min + 1);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            String w = WORDS[r.nextInt(WORDS.length)];
            sb.append(i == 0 ? Character.toUpperCase(w.charAt(0)) + w.substring(1) : w);
        }
        return sb.toString();
    }

    private static String hex(Random r, int len) {
        StringBuilder sb = new StringBuilder(len);
        for (int i = 0; i < len; i++) {
            sb.append("0123456789abcdef".charAt(r.nextInt(16)));
        }
        return sb.toString();
    }

    private static String b64(Random r, int len) {
        String abc = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder sb = new StringBuilder(len);
        for (int i = 0; i < len; i++) {
            sb.append(abc.charAt(r.nextInt(abc.length())));
        }
        return sb.toString();
    }

    private static String time(Instant base, Random r, int maxHours) {
        return base.plus(r.nextInt(maxHours * 3600), ChronoUnit.SECONDS).toString();
    }

    private static Map<String, Object> githubUser(String login, int id) {
        Map<String, Object> u = new LinkedHashMap<>();
        String api = "https://api.github.com/users/" + login;
        u.put("login", login);
        u.put("id", id);
        u.put("node_id", "MDQ6VXNlcj" + Integer.toString(id * 7 + 13, 36));
        u.put("avatar_url", "https://avatars.githubusercontent.com/u/" + id + "?v=4");
        u.put("gravatar_id", "");
        u.put("url", api);
        u.put("html_url", "https://github.com/" + login);
        u.put("followers_url", api + "/followers");
        u.put("following_url", api + "/following{/other_user}");
        u.put("gists_url", api + "/gists{/gist_id}");
        u.put("starred_url", api + "/starred{/owner}{/repo}");
        u.put("subscriptions_url", api + "/subscriptions");
        u.put("organizations_url", api + "/orgs");
        u.put("repos_url", api + "/repos");
        u.put("events_url", api + "/events{/privacy}");
        u.put("received_events_url", api + "/received_events");
        u.put("type", "User");
        u.put("user_view_type", "public");
        u.put("site_admin", false);
        return u;
    }

    private static Map<String, Object> githubIssue(Random r, String repo, int number, Instant base) {
        String api = "https://api.github.com/repos/" + repo + "/issues/" + number;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("url", api);
        m.put("repository_url", "https://api.github.com/repos/" + repo);
        m.put("labels_url", api + "/labels{/name}");
        m.put("comments_url", api + "/comments");
        m.put("events_url", api + "/events");
        m.put("html_url", "https://github.com/" + repo + "/issues/" + number);
        m.put("id", 2_400_000_000L + r.nextInt(90_000_000));
        m.put("node_id", "I_kwDO" + b64(r, 14));
        m.put("number", number);
        m.put("title", sentence(r, 4, 10));
        int u = r.nextInt(LOGINS.length);
        m.put("user", githubUser(LOGINS[u], 583231 + u * 1117));
        List<Object> labels = new ArrayList<>();
        int nl = r.nextInt(3);
        for (int i = 0; i < nl; i++) {
            String[] l = LABELS[r.nextInt(LABELS.length)];
            Map<String, Object> lm = new LinkedHashMap<>();
            lm.put("id", 1_000_000_000L + l[0].hashCode() % 1000);
            lm.put("node_id", "LA_kwDO" + Integer.toString(Math.abs(l[0].hashCode()), 36));
            lm.put("url", "https://api.github.com/repos/" + repo + "/labels/" + l[0].replace(" ", "%20"));
            lm.put("name", l[0]);
            lm.put("color", l[1]);
            lm.put("default", true);
            lm.put("description", l[2]);
            labels.add(lm);
        }
        m.put("labels", labels);
        boolean closed = r.nextInt(3) == 0;
        m.put("state", closed ? "closed" : "open");
        m.put("locked", false);
        boolean assigned = r.nextInt(4) == 0;
        Map<String, Object> assignee = assigned ? githubUser(LOGINS[(u + 3) % LOGINS.length], 9_000 + u) : null;
        m.put("assignee", assignee);
        m.put("assignees", assigned ? List.of(assignee) : List.of());
        m.put("milestone", null);
        m.put("comments", r.nextInt(5) == 0 ? r.nextInt(40) : r.nextInt(4));
        String created = time(base, r, 24 * 200);
        m.put("created_at", created);
        m.put("updated_at", created);
        m.put("closed_at", closed ? time(base, r, 24 * 220) : null);
        m.put("author_association", new String[] {"NONE", "CONTRIBUTOR", "MEMBER", "NONE"}[r.nextInt(4)]);
        m.put("type", null);
        m.put("active_lock_reason", null);
        Map<String, Object> sub = new LinkedHashMap<>();
        sub.put("total", 0);
        sub.put("completed", 0);
        sub.put("percent_completed", 0);
        m.put("sub_issues_summary", sub);
        StringBuilder body = new StringBuilder("### Description\n\n").append(sentence(r, 12, 40)).append(".\n\n");
        if (r.nextBoolean()) {
            body.append("### Steps to reproduce\n\n1. ").append(sentence(r, 4, 9)).append("\n2. ")
                    .append(sentence(r, 4, 9)).append("\n\n### Version\n\n").append(1 + r.nextInt(4)).append('.')
                    .append(r.nextInt(20)).append('.').append(r.nextInt(10));
        }
        m.put("body", body.toString());
        m.put("closed_by", null);
        Map<String, Object> reactions = new LinkedHashMap<>();
        reactions.put("url", api + "/reactions");
        int plus = r.nextInt(6) == 0 ? r.nextInt(12) : 0;
        reactions.put("total_count", plus);
        reactions.put("+1", plus);
        for (String k : new String[] {"-1", "laugh", "hooray", "confused", "heart", "rocket", "eyes"}) {
            reactions.put(k, 0);
        }
        m.put("reactions", reactions);
        m.put("timeline_url", api + "/timeline");
        m.put("performed_via_github_app", null);
        m.put("state_reason", closed ? "completed" : null);
        return m;
    }

    /** {@code n} issues of one repository, newest first, as {@code GET /repos/{owner}/{repo}/issues}. */
    public static String githubIssues(int n, long seed) {
        Random r = new Random(seed);
        Instant base = Instant.parse("2025-03-01T09:00:00Z");
        List<Object> items = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            items.add(githubIssue(r, "acme/widgets", 4_800 - i * (1 + r.nextInt(3)), base));
        }
        return write(items);
    }

    /** A search response: {@code {"total_count":..., "incomplete_results":false, "items":[...]}}. */
    public static String githubSearchIssues(int n, long seed) {
        Random r = new Random(seed);
        Instant base = Instant.parse("2025-01-10T12:00:00Z");
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("total_count", 1_000 + r.nextInt(5_000));
        env.put("incomplete_results", false);
        List<Object> items = new ArrayList<>(n);
        String[] repos = {"acme/widgets", "acme/gadgets", "octo/cli", "octo/api"};
        for (int i = 0; i < n; i++) {
            Map<String, Object> issue = githubIssue(r, repos[r.nextInt(repos.length)], 100 + r.nextInt(9_000), base);
            issue.put("score", 1.0);
            items.add(issue);
        }
        env.put("items", items);
        return write(env);
    }

    /** The npm registry's search response for a query, {@code n} packages. */
    public static String npmSearch(int n, long seed) {
        Random r = new Random(seed);
        Instant base = Instant.parse("2024-06-01T00:00:00Z");
        List<Object> objects = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String name = (r.nextInt(3) == 0 ? "@" + WORDS[r.nextInt(WORDS.length)] + "/" : "")
                    + WORDS[r.nextInt(WORDS.length)] + "-" + WORDS[r.nextInt(WORDS.length)];
            Map<String, Object> pkg = new LinkedHashMap<>();
            pkg.put("name", name);
            pkg.put("scope", name.startsWith("@") ? name.substring(1, name.indexOf('/')) : "unscoped");
            pkg.put("version", r.nextInt(6) + "." + r.nextInt(30) + "." + r.nextInt(12));
            pkg.put("description", sentence(r, 5, 16));
            List<String> keywords = new ArrayList<>();
            for (int k = r.nextInt(6); k > 0; k--) {
                keywords.add(WORDS[r.nextInt(WORDS.length)]);
            }
            pkg.put("keywords", keywords);
            pkg.put("date", time(base, r, 24 * 300));
            String gh = "https://github.com/" + LOGINS[r.nextInt(LOGINS.length)] + "/" + name.replace("@", "").replace('/', '-');
            Map<String, Object> links = new LinkedHashMap<>();
            links.put("npm", "https://www.npmjs.com/package/" + name);
            links.put("homepage", gh + "#readme");
            links.put("repository", gh);
            links.put("bugs", gh + "/issues");
            pkg.put("links", links);
            String login = LOGINS[r.nextInt(LOGINS.length)];
            Map<String, Object> publisher = new LinkedHashMap<>();
            publisher.put("username", login);
            publisher.put("email", login + "@example.com");
            pkg.put("publisher", publisher);
            Map<String, Object> maint = new LinkedHashMap<>();
            maint.put("username", login);
            maint.put("email", login + "@example.com");
            pkg.put("maintainers", List.of(maint));
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("package", pkg);
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("quality", Math.round(r.nextDouble() * 1e6) / 1e6);
            detail.put("popularity", Math.round(r.nextDouble() * 0.3 * 1e6) / 1e6);
            detail.put("maintenance", Math.round((0.5 + r.nextDouble() / 2) * 1e6) / 1e6);
            Map<String, Object> score = new LinkedHashMap<>();
            score.put("final", Math.round(r.nextDouble() * 1e6) / 1e6);
            score.put("detail", detail);
            o.put("score", score);
            o.put("searchScore", Math.round(r.nextDouble() * 100_000) / 1000.0);
            Map<String, Object> downloads = new LinkedHashMap<>();
            downloads.put("monthly", r.nextInt(2_000_000));
            downloads.put("weekly", r.nextInt(500_000));
            o.put("downloads", downloads);
            o.put("dependents", r.nextInt(4_000));
            o.put("updated", time(base, r, 24 * 360));
            objects.add(o);
        }
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("objects", objects);
        env.put("total", 4_000 + r.nextInt(20_000));
        env.put("time", "2025-03-01T10:11:12.345Z");
        return write(env);
    }

    /** {@code kubectl get pods -o json} for {@code n} pods of a few deployments. */
    public static String kubernetesPods(int n, long seed) {
        Random r = new Random(seed);
        Instant base = Instant.parse("2025-02-20T08:00:00Z");
        String[] apps = {"api", "worker", "frontend", "redis", "auth"};
        List<Object> items = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String app = apps[r.nextInt(apps.length)];
            String hash = hex(r, 10).substring(0, 10);
            String name = app + "-" + hash + "-" + b64(r, 5).toLowerCase(Locale.ROOT);
            Map<String, Object> labels = new LinkedHashMap<>();
            labels.put("app", app);
            labels.put("pod-template-hash", hash);
            labels.put("app.kubernetes.io/part-of", "shop");
            Map<String, Object> owner = new LinkedHashMap<>();
            owner.put("apiVersion", "apps/v1");
            owner.put("kind", "ReplicaSet");
            owner.put("name", app + "-" + hash);
            owner.put("uid", hex(r, 8) + "-" + hex(r, 4) + "-" + hex(r, 4) + "-" + hex(r, 4) + "-" + hex(r, 12));
            owner.put("controller", true);
            owner.put("blockOwnerDeletion", true);
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("name", name);
            meta.put("generateName", app + "-" + hash + "-");
            meta.put("namespace", "production");
            meta.put("uid", hex(r, 8) + "-" + hex(r, 4) + "-" + hex(r, 4) + "-" + hex(r, 4) + "-" + hex(r, 12));
            meta.put("resourceVersion", String.valueOf(48_000_000 + r.nextInt(1_000_000)));
            String started = time(base, r, 24 * 5);
            meta.put("creationTimestamp", started);
            meta.put("labels", labels);
            meta.put("ownerReferences", List.of(owner));
            Map<String, Object> resources = new LinkedHashMap<>();
            resources.put("limits", obj("memory", "512Mi"));
            resources.put("requests", obj("cpu", "100m"));
            Map<String, Object> container = new LinkedHashMap<>();
            container.put("name", app);
            container.put("image", "registry.example.com/shop/" + app + ":1." + r.nextInt(3) + "." + r.nextInt(9));
            container.put("ports", List.of(obj("containerPort", 8080, "protocol", "TCP")));
            container.put("resources", resources);
            container.put("terminationMessagePath", "/dev/termination-log");
            container.put("terminationMessagePolicy", "File");
            container.put("imagePullPolicy", "IfNotPresent");
            Map<String, Object> spec = new LinkedHashMap<>();
            spec.put("containers", List.of(container));
            spec.put("restartPolicy", "Always");
            spec.put("terminationGracePeriodSeconds", 30);
            spec.put("dnsPolicy", "ClusterFirst");
            spec.put("serviceAccountName", "default");
            spec.put("nodeName", "node-" + (1 + r.nextInt(6)));
            spec.put("schedulerName", "default-scheduler");
            boolean crash = r.nextInt(25) == 0;
            Map<String, Object> state = new LinkedHashMap<>();
            if (crash) {
                Map<String, Object> waiting = new LinkedHashMap<>();
                waiting.put("reason", "CrashLoopBackOff");
                waiting.put("message", "back-off 5m0s restarting failed container=" + app + " pod=" + name);
                state.put("waiting", waiting);
            } else {
                state.put("running", obj("startedAt", started));
            }
            Map<String, Object> cs = new LinkedHashMap<>();
            cs.put("name", app);
            cs.put("state", state);
            cs.put("ready", !crash);
            cs.put("restartCount", crash ? 20 + r.nextInt(100) : r.nextInt(8) == 0 ? 1 : 0);
            cs.put("image", container.get("image"));
            cs.put("imageID", "registry.example.com/shop/" + app + "@sha256:" + hex(r, 64));
            cs.put("containerID", "containerd://" + hex(r, 64));
            cs.put("started", !crash);
            List<Object> conditions = new ArrayList<>();
            for (String type : new String[] {"PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady",
                "PodScheduled"}) {
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("type", type);
                c.put("status", crash && (type.equals("Ready") || type.equals("ContainersReady")) ? "False" : "True");
                c.put("lastProbeTime", null);
                c.put("lastTransitionTime", started);
                conditions.add(c);
            }
            Map<String, Object> status = new LinkedHashMap<>();
            status.put("phase", "Running");
            status.put("conditions", conditions);
            status.put("hostIP", "10.0.0." + (10 + r.nextInt(6)));
            status.put("podIP", "10.244." + r.nextInt(6) + "." + (2 + r.nextInt(250)));
            status.put("startTime", started);
            status.put("containerStatuses", List.of(cs));
            status.put("qosClass", "Burstable");
            Map<String, Object> pod = new LinkedHashMap<>();
            pod.put("apiVersion", "v1");
            pod.put("kind", "Pod");
            pod.put("metadata", meta);
            pod.put("spec", spec);
            pod.put("status", status);
            items.add(pod);
        }
        Map<String, Object> list = new LinkedHashMap<>();
        list.put("apiVersion", "v1");
        list.put("items", items);
        list.put("kind", "List");
        list.put("metadata", obj("resourceVersion", ""));
        return write(list);
    }

    /** A web-search tool's results: rank, title, url, snippet, score, domain, date. */
    public static String searchResults(int n, long seed) {
        Random r = new Random(seed);
        Instant base = Instant.parse("2023-01-01T00:00:00Z");
        String[] domains = {"stackoverflow.com", "github.com", "docs.oracle.com", "baeldung.com", "medium.com",
            "dev.to", "reddit.com", "news.ycombinator.com", "learn.microsoft.com", "developer.mozilla.org"};
        List<Object> results = new ArrayList<>(n);
        double score = 0.99;
        for (int i = 0; i < n; i++) {
            String domain = domains[r.nextInt(domains.length)];
            String title = sentence(r, 5, 11);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("rank", i + 1);
            m.put("title", title);
            m.put("url", "https://" + domain + "/" + title.toLowerCase(Locale.ROOT).replace(' ', '-') + "-" + r.nextInt(100_000));
            m.put("snippet", sentence(r, 18, 40) + "...");
            score = Math.max(0.01, score - r.nextDouble() * 0.02);
            m.put("score", Math.round(score * 10_000) / 10_000.0);
            m.put("domain", domain);
            m.put("published", base.plus(r.nextInt(900), ChronoUnit.DAYS).toString().substring(0, 10));
            m.put("language", "en");
            results.add(m);
        }
        return write(results);
    }

    /** Search results sized to about {@code tokens} o200k tokens (within one result). */
    public static String searchResultsOfTokens(int tokens, long seed) {
        int n = Math.max(2, tokens / 95);
        String s = searchResults(n, seed);
        int t = TokenCounters.o200k().count(s);
        n = Math.max(2, (int) Math.round((double) n * tokens / t));
        return searchResults(n, seed);
    }

    /**
     * {@code rows} rows of a real SQLite query over generated shop data (orders joined with customers),
     * converted to a JSON array of objects the way database MCP servers do.
     */
    public static String databaseRows(int rows, long seed) {
        Random r = new Random(seed);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:")) {
            try (Statement st = c.createStatement()) {
                st.executeUpdate("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT, email TEXT, "
                        + "country TEXT, created_at TEXT)");
                st.executeUpdate("CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER, status TEXT, "
                        + "total_cents INTEGER, currency TEXT, items INTEGER, created_at TEXT, shipped_at TEXT, "
                        + "coupon TEXT)");
            }
            String[] first = {"Ada", "Grace", "Alan", "Linus", "Margaret", "Dennis", "Barbara", "Ken", "Frances",
                "John", "Edsger", "Radia", "Tim", "Donald", "Hedy", "Niklaus"};
            String[] last = {"Lovelace", "Hopper", "Turing", "Torvalds", "Hamilton", "Ritchie", "Liskov", "Thompson",
                "Allen", "McCarthy", "Dijkstra", "Perlman", "Berners-Lee", "Knuth", "Lamarr", "Wirth"};
            String[] countries = {"US", "DE", "FR", "GB", "JP", "BR", "IN", "CA"};
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO customers VALUES (?,?,?,?,?)")) {
                for (int i = 1; i <= 200; i++) {
                    String f = first[r.nextInt(first.length)];
                    String l = last[r.nextInt(last.length)];
                    ps.setInt(1, i);
                    ps.setString(2, f + " " + l);
                    ps.setString(3, f.toLowerCase(Locale.ROOT) + "." + l.toLowerCase(Locale.ROOT) + i + "@example.com");
                    ps.setString(4, countries[r.nextInt(countries.length)]);
                    ps.setString(5, "2024-0" + (1 + r.nextInt(9)) + "-1" + r.nextInt(10) + " 10:0" + r.nextInt(10) + ":00");
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            String[] statuses = {"delivered", "delivered", "delivered", "shipped", "processing", "cancelled"};
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO orders VALUES (?,?,?,?,?,?,?,?,?)")) {
                for (int i = 1; i <= rows; i++) {
                    String status = statuses[r.nextInt(statuses.length)];
                    if (r.nextInt(150) == 0) {
                        status = "payment_failed";
                    }
                    ps.setInt(1, 10_000 + i);
                    ps.setInt(2, 1 + r.nextInt(200));
                    ps.setString(3, status);
                    ps.setInt(4, r.nextInt(60) == 0 ? 250_000 + r.nextInt(500_000) : 500 + r.nextInt(20_000));
                    ps.setString(5, "USD");
                    ps.setInt(6, 1 + r.nextInt(6));
                    String created = "2025-02-" + String.format(Locale.ROOT, "%02d", 1 + i * 27 / Math.max(1, rows))
                            + " " + String.format(Locale.ROOT, "%02d:%02d:%02d", r.nextInt(24), r.nextInt(60), r.nextInt(60));
                    ps.setString(7, created);
                    ps.setString(8, status.equals("delivered") || status.equals("shipped") ? created.substring(0, 10) : null);
                    ps.setString(9, r.nextInt(8) == 0 ? "SPRING" + r.nextInt(30) : null);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            c.commit();
            List<Object> out = new ArrayList<>(rows);
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT o.id AS order_id, o.created_at, c.name AS customer, "
                         + "c.email, c.country, o.status, o.items, o.total_cents / 100.0 AS total, o.currency, "
                         + "o.shipped_at, o.coupon FROM orders o JOIN customers c ON c.id = o.customer_id "
                         + "ORDER BY o.id")) {
                ResultSetMetaData md = rs.getMetaData();
                int cols = md.getColumnCount();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= cols; i++) {
                        row.put(md.getColumnLabel(i), rs.getObject(i));
                    }
                    out.add(row);
                }
            }
            return write(out);
        } catch (SQLException e) {
            throw new IllegalStateException("SQLite query failed", e);
        }
    }

    /** Structured logs as JSON lines: mostly request logs, with a few errors and a latency spike. */
    public static String jsonLogs(int n, long seed) {
        Random r = new Random(seed);
        Instant t = Instant.parse("2025-03-01T12:00:00Z");
        StringBuilder sb = new StringBuilder(n * 200);
        String[] paths = {"/api/users", "/api/orders", "/api/cart", "/health", "/api/search"};
        for (int i = 0; i < n; i++) {
            t = t.plusMillis(50 + r.nextInt(400));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ts", t.toString());
            boolean err = r.nextInt(120) == 0;
            m.put("level", err ? "error" : "info");
            m.put("logger", "http.access");
            String path = paths[r.nextInt(paths.length)];
            int status = err ? 500 + r.nextInt(4) : 200;
            int ms = (i > n * 2 / 3 && i < n * 2 / 3 + 20) ? 900 + r.nextInt(400) : 5 + r.nextInt(60);
            m.put("msg", "GET " + path + "/" + r.nextInt(5000) + " " + status + " " + ms + "ms");
            m.put("method", "GET");
            m.put("path", path);
            m.put("status", status);
            m.put("duration_ms", ms);
            m.put("trace_id", hex(r, 32));
            m.put("service", "shop-api");
            if (err) {
                m.put("error", "upstream connect error or disconnect/reset before headers");
            }
            sb.append(write(m)).append('\n');
        }
        return sb.toString();
    }

    /** {@code json} re-indented with two spaces, as many tools print it. */
    public static String pretty(String json) {
        try {
            return PRETTY.writeValueAsString(JSON.readTree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** An ordered map from alternating keys and values ({@code Map.of} iterates in a random order). */
    private static Map<String, Object> obj(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static String write(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The named fixtures: name to content. */
    public static Map<String, String> fixtures() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("github-issues-100.json", githubIssues(100, 1));
        m.put("github-search-issues-50.json", githubSearchIssues(50, 2));
        m.put("npm-search-100.json", npmSearch(100, 3));
        m.put("kubectl-pods-60.json", kubernetesPods(60, 4));
        m.put("search-results-200.json", searchResults(200, 5));
        m.put("sqlite-orders-1000.json", databaseRows(1000, 6));
        m.put("app-logs-1000.jsonl", jsonLogs(1000, 7));
        return m;
    }

    /** Writes {@link #fixtures()} into the directory given as the only argument. */
    public static void main(String[] args) throws java.io.IOException {
        java.nio.file.Path dir = java.nio.file.Path.of(args.length > 0 ? args[0] : "fixtures");
        java.nio.file.Files.createDirectories(dir);
        for (Map.Entry<String, String> e : fixtures().entrySet()) {
            java.nio.file.Files.writeString(dir.resolve(e.getKey()), e.getValue());
            System.out.println(e.getKey() + ": " + e.getValue().length() + " chars");
        }
    }
}
