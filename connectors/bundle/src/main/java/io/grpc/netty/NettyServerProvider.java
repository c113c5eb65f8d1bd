package io.grpc.netty;

import io.grpc.ServerBuilder;
import io.grpc.ServerProvider;

/** Named by zetasql-client's {@code META-INF/services/io.grpc.ServerProvider} (see the package description). */
public final class NettyServerProvider extends ServerProvider {

    @Override
    protected boolean isAvailable() {
        return false;
    }

    @Override
    protected int priority() {
        return 0;
    }

    @Override
    protected ServerBuilder<?> builderForPort(int port) {
        throw new UnsupportedOperationException(getClass().getName() + " only stands in for a shading gap");
    }
}
