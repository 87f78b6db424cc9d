/**
 * The configuration of {@code mpdp run}: {@link org.mpdp.dataplane.config.RunConfig#load} reads a YAML
 * file, applies {@code --set key.path=value} overrides, checks every value and cross-field rule, and
 * returns immutable records with defaults filled in, or throws a
 * {@link org.mpdp.dataplane.config.ConfigException} whose message is one line per problem.
 */
package org.mpdp.dataplane.config;
