/**
 * Scaffolding: a new definition file, commented for someone editing it in a browser. Input: a kind
 * (rfm, rules, intent, sql, campaign), an id and the definition folders. Output: the written file,
 * which starts with the {@code $schema} line editors complete fields from and validates as it is.
 * Error: {@link io.segmentsascode.config.ConfigException} naming the parameter, for an unknown kind,
 * an id that cannot be a file name, or an id already taken.
 */
package io.segmentsascode.scaffold;
