/**
 * The user's own data, beside operations at the top: the export of everything Latchkey holds about them, and the
 * deletion of their account. Both read and clear the tables of the capabilities below, by the user's id.
 */
package io.latchkey.privacy;
