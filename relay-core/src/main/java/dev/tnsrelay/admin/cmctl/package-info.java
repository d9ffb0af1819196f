/**
 * cmctl's side of the admin model: its command grammar (and the connection filter it builds into the engine's
 * predicate), the runner that turns a command line into the model's typed operations, and its text layouts.
 */
package dev.tnsrelay.admin.cmctl;
