/**
 * Runtime: what the container gives every capability, as they use it: the clock, periodic jobs on managed threads,
 * the schema migration at deployment and the converters JPA needs.
 */
package io.latchkey.runtime;
