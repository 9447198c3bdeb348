/**
 * Authentication: the ways to sign in (one class each, all ending in {@code SessionStart}), refresh with rotation,
 * logout, sessions, and who the bearer of an access token is.
 */
package io.latchkey.authentication.boundary;
