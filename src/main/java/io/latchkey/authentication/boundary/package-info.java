/** Authentication: login with a password, sessions, and who the bearer of an access token is. */
package io.latchkey.authentication.boundary;
