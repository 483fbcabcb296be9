package io.headroom4j.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import io.headroom4j.HeadroomConfig;
import io.headroom4j.compress.Markers;
import io.headroom4j.store.CompressionStores;
import io.headroom4j.store.ContentKeys;
import io.headroom4j.store.SqliteCompressionStore;

/** {@code headroom retrieve}: prints a stored original exactly, or only its lines matching a query. */
@Command(name = "retrieve", mixinStandardHelpOptions = true,
        description = {"Print the original that a compression marker's key stands for, byte for byte.",
                "With --query, print only the matching lines (or JSON items), ranked by BM25, in original order."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:printed", "1:nothing stored under the key (never stored here, or expired), or the"
                + " store cannot be opened", "2:usage error, such as a malformed key"})
final class RetrieveCommand implements Callable<Integer> {

    @ParentCommand
    HeadroomCli root;

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOptions configOptions;

    @Parameters(index = "0", paramLabel = "KEY",
            description = "The 24-hex-digit key from a marker (`...; retrieve: KEY]`), or the whole marker.")
    String key;

    @Option(names = "--query", paramLabel = "Q", description = "Only the lines or items matching these words.")
    String query;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String k = key.strip();
        List<String> inMarker = Markers.keysIn(k);
        if (!inMarker.isEmpty()) {
            k = inMarker.get(0);
        }
        if (!ContentKeys.isWellFormed(k)) {
            return Cli.fail(err, Cli.USAGE, "'" + key + "' is not a retrieval key: expected "
                    + ContentKeys.KEY_LENGTH + " lower-case hex digits, as in '[...; retrieve: 3f2a...]'");
        }
        HeadroomConfig config = configOptions.load(root.env(), Map.of());
        if (!Files.exists(CompressionStores.databaseFile(config))) {
            return Cli.fail(err, Cli.FAILED, "nothing stored under " + k + ": there is no store at "
                    + CompressionStores.databaseFile(config) + " (nothing was compressed with this workspace yet)");
        }
        Optional<String> found;
        try (SqliteCompressionStore store = CompressionStores.open(config)) {
            found = store.retrieve(k, query);
        } catch (UncheckedIOException e) {
            return Cli.fail(err, Cli.FAILED, e.getMessage());
        }
        if (found.isEmpty()) {
            return Cli.fail(err, Cli.FAILED, "nothing stored under " + k + " in "
                    + CompressionStores.databaseFile(config)
                    + ": it was never stored in this workspace, or it expired (entries live "
                    + config.storeTtl().toHours() + " h). Re-run the command that produced it.");
        }
        out.print(found.get());
        out.flush();
        return Cli.OK;
    }
}
