/**
 * Production mode: the settings that are unsafe on the internet, found once at start; while any is in force the
 * instance refuses to serve and says why.
 */
package io.latchkey.production;
