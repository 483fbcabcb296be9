/**
 * The {@code headroom} command line; {@link io.headroom4j.cli.HeadroomCli} is the entry point and lists
 * one class per subcommand.
 */
package io.headroom4j.cli;
