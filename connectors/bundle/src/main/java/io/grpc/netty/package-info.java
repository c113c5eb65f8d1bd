/**
 * Stand-ins for the unshaded gRPC Netty providers that zetasql-client's service files name.
 *
 * <p>zetasql-client 2025.09.1 shades gRPC into {@code com.google.zetasql.io.grpc} but ships its
 * {@code META-INF/services/io.grpc.*} files unrelocated, naming {@code io.grpc.netty} classes that
 * are not on the class path. Nothing of ZetaSQL reads those files (its shaded gRPC looks for
 * relocated names); the real gRPC of the BigQuery connector does, and Java's ServiceLoader fails on
 * the first missing class, so no gRPC channel or server could be built next to ZetaSQL. These
 * classes exist only to be found: each reports itself unavailable, and gRPC picks the providers of
 * grpc-netty-shaded as it would without ZetaSQL.
 */
package io.grpc.netty;
