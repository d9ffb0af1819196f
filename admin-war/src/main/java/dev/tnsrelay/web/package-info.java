/**
 * The admin WAR: the REST API and the screens over the admin model (login, CSRF and cross-site checks, JSON), and
 * the readiness check a load balancer reads. Every operation is one call of the model, which checks the caller's
 * role; the WAR knows only the model's types and the adapter's access interface.
 */
package dev.tnsrelay.web;
