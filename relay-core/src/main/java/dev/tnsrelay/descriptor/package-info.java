/**
 * Typed connect descriptors over the name–value tree: DESCRIPTION_LIST, DESCRIPTION, ADDRESS_LIST,
 * ADDRESS, CONNECT_DATA, with Oracle's defaults, and the order in which a connect tries the addresses.
 * Unknown keys are kept in the tree, so nothing a client sent is lost. Knows nothing of sockets.
 */
package dev.tnsrelay.descriptor;
