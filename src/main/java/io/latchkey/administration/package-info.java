/**
 * Administration: the operators' API to find a user, see why they cannot sign in, and help, lock, sign out or
 * remove them, every action audited with its admin and reason. Above every other capability: it acts through their
 * boundaries, and none of them knows it.
 */
package io.latchkey.administration;
