package io.grpc.netty;

/** Named by zetasql-client's {@code META-INF/services/io.grpc.ManagedChannelProvider} (see the package description). */
public final class NettyChannelProvider extends UnavailableChannelProvider {}
