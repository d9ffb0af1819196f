/**
 * cman.ora: one or more Connection Manager instances, each read into an immutable, validated
 * configuration of listening addresses, rule list and parameters with their documented defaults. Unknown
 * names are errors with a position and the closest known name. Knows nothing of sockets.
 */
package dev.tnsrelay.config;
