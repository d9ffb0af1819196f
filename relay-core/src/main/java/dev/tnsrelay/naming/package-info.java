/**
 * Oracle Net naming methods: tnsnames.ora (IFILE, alias lists), Easy Connect Plus, sqlnet.ora, ldap.ora
 * with LDAP directory naming, and the resolver chain that follows NAMES.DIRECTORY_PATH. Knows nothing of
 * the gateway.
 */
package dev.tnsrelay.naming;
