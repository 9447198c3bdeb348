/** The identities linked to accounts and the flows under way, with their rules. */
package io.latchkey.federation.entity;
