/**
 * Foundation: the parameters (names shared by pom configuration, {@code -D} properties and the
 * environment) resolved into {@link io.segmentsascode.config.SegmentsSettings}.
 * Error: {@link io.segmentsascode.config.ConfigException}, located at the setting.
 */
package io.segmentsascode.config;
