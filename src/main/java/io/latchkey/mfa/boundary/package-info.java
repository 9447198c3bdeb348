/**
 * Enrolment, confirmation, checking and turning off of a second factor, and the step-up rule.
 */
package io.latchkey.mfa.boundary;
