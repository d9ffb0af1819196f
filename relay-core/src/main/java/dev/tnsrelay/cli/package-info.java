/**
 * The command lines: the standalone instance ({@code tnsrelay-standalone}), {@code cmctl} over the REST API,
 * {@code tnsrelay-passwd} and {@code resolve}. Each parses its arguments and hands over to the instance, the admin
 * model or naming; only here does anything call {@code System.exit}.
 */
package dev.tnsrelay.cli;
