/**
 * A session: one sign-in on one device, with its chain of refresh tokens and the rules of rotation, reuse and
 * expiry.
 */
package io.latchkey.authentication.entity;
