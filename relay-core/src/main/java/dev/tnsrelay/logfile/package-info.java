/**
 * An instance's log file in LOG_DIRECTORY: what LOG_LEVEL and EVENT_GROUP ask for, written from the engine's
 * session listener SPI and the registry's listener, rotated by size (LOG_FILELEN) and count (LOG_FILENO),
 * owner-only. Client-controlled text goes through {@link dev.tnsrelay.logging.LogText}.
 */
package dev.tnsrelay.logfile;
