/**
 * Sign-in through identity providers: OpenID Connect relying party (and GitHub's OAuth 2.0), the flows under way,
 * and the identities ({@code (provider, subject)}) linked to accounts. Above authentication, whose sign-in it ends
 * in; below privacy, which exports and deletes what it keeps.
 */
package io.latchkey.federation;
