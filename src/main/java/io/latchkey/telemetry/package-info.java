/**
 * Telemetry: the audit trail and the metrics every capability records, and where a request came from.
 */
package io.latchkey.telemetry;
