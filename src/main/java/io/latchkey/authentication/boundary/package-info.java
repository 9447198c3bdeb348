/**
 * Authentication: login with a password, refresh with rotation, logout, sessions, and who the bearer of an access
 * token is.
 */
package io.latchkey.authentication.boundary;
