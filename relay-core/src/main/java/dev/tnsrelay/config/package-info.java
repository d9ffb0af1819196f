/**
 * cman.ora: one or more Connection Manager instances, each read into an immutable, validated
 * configuration of listening addresses, rule list and parameters with their documented defaults. Unknown
 * names are errors with a position and the closest known name; so is every parameter or ACTION_LIST value
 * tnsrelay does not honour ({@link dev.tnsrelay.config.Support}), with the reason and what to do instead.
 * Knows nothing of sockets.
 */
package dev.tnsrelay.config;
