/**
 * The administration model shared by the command line, REST, JMX and the screens: cmctl's commands parsed
 * from text, run against the engine, and answered in cmctl's layouts. Knows nothing of JCA or the web.
 */
package dev.tnsrelay.admin;
