/**
 * Registered services, their instances and handlers, with load, state and expiry; who may register
 * (valid node checking); and the least-loaded choice that routes a connect that names only its service.
 * Knows nothing of sockets.
 */
package dev.tnsrelay.registry;
