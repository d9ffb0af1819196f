/**
 * Access rules as cman.ora writes them: (SRC, DST, SRV) → accept, reject or drop, with per-rule timeouts.
 * Address patterns are {@code *}, a host name, an IPv4 or IPv6 address, or a CIDR subnet. Knows nothing
 * of sockets.
 */
package dev.tnsrelay.rules;
