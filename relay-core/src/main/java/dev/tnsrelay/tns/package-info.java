/**
 * The TNS packet codec: header with 2- and 4-byte lengths, CONNECT (with overflow connect data), ACCEPT,
 * REFUSE, REDIRECT, RESEND, DATA, and an incremental frame decoder with hard limits. Layouts follow
 * shared/design/PROTOCOL.md and the packets real clients sent (shared/vectors/tns). Knows nothing of
 * sockets or policy.
 */
package dev.tnsrelay.tns;
