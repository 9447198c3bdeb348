/** Operations: health checks, metrics and the audit trail, for the people who run Latchkey. */
package io.latchkey.operations;
