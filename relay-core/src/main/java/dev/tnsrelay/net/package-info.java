/**
 * The Oracle Net name–value syntax {@code (A=(B=C))}: the parser with line and column errors, the file
 * reader for {@code *.ora} files (entries, continuation lines, comments) and the canonical printer.
 * Knows nothing of what the names mean.
 */
package dev.tnsrelay.net;
