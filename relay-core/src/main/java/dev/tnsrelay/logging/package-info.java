/**
 * What every log line, audit line and event is made of: text that a client or an administrator controls is
 * escaped and bounded here before it is written anywhere. Knows nothing of the rest of tnsrelay.
 */
package dev.tnsrelay.logging;
