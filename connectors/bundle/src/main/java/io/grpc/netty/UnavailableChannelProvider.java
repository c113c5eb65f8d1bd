package io.grpc.netty;

import io.grpc.ManagedChannelBuilder;
import io.grpc.ManagedChannelProvider;
import java.net.SocketAddress;
import java.util.Collection;
import java.util.List;

/** A channel provider gRPC skips (see the package description). */
abstract class UnavailableChannelProvider extends ManagedChannelProvider {

    @Override
    protected boolean isAvailable() {
        return false;
    }

    @Override
    protected int priority() {
        return 0;
    }

    @Override
    protected ManagedChannelBuilder<?> builderForAddress(String name, int port) {
        throw new UnsupportedOperationException(getClass().getName() + " only stands in for a shading gap");
    }

    @Override
    protected ManagedChannelBuilder<?> builderForTarget(String target) {
        throw new UnsupportedOperationException(getClass().getName() + " only stands in for a shading gap");
    }

    @Override
    protected Collection<Class<? extends SocketAddress>> getSupportedSocketAddressTypes() {
        return List.of();
    }
}
