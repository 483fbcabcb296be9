package io.headroom4j.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import io.headroom4j.HeadroomConfig;
import io.headroom4j.ledger.Ledger;

/** {@code headroom perf}: the savings report from the ledger. */
@Command(name = "perf", mixinStandardHelpOptions = true,
        description = "Savings report from the ledger: requests, tokens before/after/saved, by model,"
                + " transform and tool, cache hit rate and money saved.")
final class PerfCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ConfigOptions options;

    @Option(names = "--since", defaultValue = "7d", paramLabel = "AGE",
            description = "How far back: 30m, 24h, 7d, or 'all' (default: ${DEFAULT-VALUE}).")
    String since;

    @Option(names = "--format", defaultValue = "text", description = "text, json or csv (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--html", paramLabel = "FILE", description = "Also write a self-contained HTML page with charts.")
    Path html;

    @Option(names = "--prices", paramLabel = "FILE",
            description = "Price table to use (default: prices.json in the workspace, created on first use).")
    Path prices;

    @Option(names = "--ledger", paramLabel = "FILE", description = "Ledger to read (default: the workspace's).")
    Path ledgerFile;

    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() {
        Instant from = parseSince(since, clock.instant());
        if (from == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--since must look like 30m, 24h, 7d or all; got " + since);
        }
        HeadroomConfig config = options.load(System.getenv(), Map.of());
        Ledger ledger = ledgerFile != null ? new Ledger(ledgerFile) : Ledger.inWorkspace(config.workspaceDir());
        PriceTable table = prices != null ? PriceTable.read(prices) : PriceTable.forWorkspace(config.workspaceDir());
        PerfReport report = PerfReport.of(from, ledger.read(from), table);
        String out = switch (format.toLowerCase(Locale.ROOT)) {
            case "text" -> report.text() + "Ledger: " + ledger.file() + "\n";
            case "json" -> report.json();
            case "csv" -> report.csv();
            default -> throw new CommandLine.ParameterException(spec.commandLine(),
                    "--format must be text, json or csv; got " + format);
        };
        spec.commandLine().getOut().print(out);
        spec.commandLine().getOut().flush();
        if (html != null) {
            try {
                Path parent = html.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Files.writeString(html, PerfHtml.render(report), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + html + ": " + e.getMessage(), e);
            }
            spec.commandLine().getErr().println("wrote " + html);
        }
        return 0;
    }

    /** The instant {@code spec} before {@code now} ({@code 30m}, {@code 24h}, {@code 7d}, {@code all}), or null. */
    static Instant parseSince(String spec, Instant now) {
        String s = spec.trim().toLowerCase(Locale.ROOT);
        if (s.equals("all")) {
            return Instant.EPOCH;
        }
        if (s.length() < 2) {
            return null;
        }
        long n;
        try {
            n = Long.parseLong(s.substring(0, s.length() - 1));
        } catch (NumberFormatException e) {
            return null;
        }
        if (n < 0) {
            return null;
        }
        return switch (s.charAt(s.length() - 1)) {
            case 'm' -> now.minus(Duration.ofMinutes(n));
            case 'h' -> now.minus(Duration.ofHours(n));
            case 'd' -> now.minus(Duration.ofDays(n));
            default -> null;
        };
    }
}
