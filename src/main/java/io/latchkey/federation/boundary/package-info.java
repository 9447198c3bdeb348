/** The providers' endpoints, the linked identities' endpoints, and the configured providers. */
package io.latchkey.federation.boundary;
