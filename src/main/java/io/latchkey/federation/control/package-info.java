/** Talking to a provider: its discovery document, its keys, its token endpoint, and checking what it says. */
package io.latchkey.federation.control;
