package io.latchkey.mfa.boundary;

/**
 * The optional body of every action that needs a step-up (setting up or turning off a factor, new recovery codes,
 * adding or removing a passkey): a fresh code, when the sign-in is not recent.
 */
public record StepUpRequest(String mfaCode) {
}
