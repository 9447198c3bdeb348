/**
 * Operations, above every capability: health checks, who may read the metrics, and the housekeeping that deletes
 * what each capability no longer needs.
 */
package io.latchkey.operations;
