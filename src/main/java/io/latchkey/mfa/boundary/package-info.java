/**
 * Enrolment, confirmation, checking and turning off of a second factor and its endpoints; passkeys' ceremonies and
 * list; the step-up rule.
 */
package io.latchkey.mfa.boundary;
