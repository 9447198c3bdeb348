/**
 * Accounts: registration, email verification, password change and reset, and the lookups authentication uses; the
 * only way a user reaches a response. A credential change is announced ({@code CredentialsChanged}) for the
 * sessions above to end.
 */
package io.latchkey.accounts.boundary;
