/**
 * The administrators: who may log in to the screens, the REST API, the command line and remote JMX, and with
 * which role. Hashed in one owner-only file, read again when it changes. Knows nothing of the rest of admin.
 */
package dev.tnsrelay.admin.users;
