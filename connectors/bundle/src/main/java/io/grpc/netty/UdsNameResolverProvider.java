package io.grpc.netty;

import io.grpc.NameResolver;
import io.grpc.NameResolverProvider;
import java.net.URI;

/** Named by zetasql-client's {@code META-INF/services/io.grpc.NameResolverProvider} (see the package description). */
public final class UdsNameResolverProvider extends NameResolverProvider {

    @Override
    protected boolean isAvailable() {
        return false;
    }

    @Override
    protected int priority() {
        return 0;
    }

    @Override
    public NameResolver newNameResolver(URI targetUri, NameResolver.Args args) {
        return null;
    }

    @Override
    public String getDefaultScheme() {
        return "unix";
    }
}
