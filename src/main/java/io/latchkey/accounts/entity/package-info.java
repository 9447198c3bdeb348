/** Accounts: what a user is and the rules of their identity (name, email address). */
package io.latchkey.accounts.entity;
