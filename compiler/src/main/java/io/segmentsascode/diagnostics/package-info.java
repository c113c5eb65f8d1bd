/**
 * Foundation: located findings ({@code file:line:col}, what is wrong, how to fix it) and the
 * exception every stage throws with them. Used by every stage; depends on none.
 */
package io.segmentsascode.diagnostics;
