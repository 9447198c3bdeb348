/**
 * Latchkey, a self-hosted authentication service for single-page applications. The packages are capabilities in
 * layers (docs/ARCHITECTURE.md, checked by ArchitectureTest): each uses only those below it. This one holds the
 * JAX-RS application.
 */
package io.latchkey;
