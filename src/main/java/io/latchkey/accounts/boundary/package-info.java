/** Accounts: registration and the lookups other capabilities use; the only way a user reaches a response. */
package io.latchkey.accounts.boundary;
