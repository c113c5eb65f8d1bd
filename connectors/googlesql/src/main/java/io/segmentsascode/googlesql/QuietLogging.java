package io.segmentsascode.googlesql;

import io.netty.util.internal.logging.InternalLoggerFactory;
import io.netty.util.internal.logging.JdkLoggerFactory;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the GoogleSQL client quiet on stderr.
 * <ul>
 *   <li>The shaded gRPC in zetasql-client warns once per JVM "No NameResolverProviders found via
 *       ServiceLoader, including for DNS" (harmless: the channel is an in-process socket pair, no
 *       name is ever resolved). Its java.util.logging logger is set to SEVERE unless the
 *       application configured a level for it.</li>
 *   <li>Netty (used by the JNI channel) logs through SLF4J when slf4j-api is on the class path
 *       (Calcite brings it); without an SLF4J provider that prints "SLF4J(W): No SLF4J providers
 *       were found" on stderr. Netty is pointed at java.util.logging instead, where its few
 *       messages are DEBUG-level and stay silent.</li>
 * </ul>
 */
final class QuietLogging {

    /** Strong references: java.util.logging forgets the level of a logger that was collected. */
    private static final Logger GRPC_NAME_RESOLVER =
            Logger.getLogger("com.google.zetasql.io.grpc.NameResolverRegistry");

    private static boolean installed;

    private QuietLogging() {}

    static synchronized void install() {
        if (installed) {
            return;
        }
        installed = true;
        if (GRPC_NAME_RESOLVER.getLevel() == null) {
            GRPC_NAME_RESOLVER.setLevel(Level.SEVERE);
        }
        InternalLoggerFactory.setDefaultFactory(JdkLoggerFactory.INSTANCE);
    }
}
