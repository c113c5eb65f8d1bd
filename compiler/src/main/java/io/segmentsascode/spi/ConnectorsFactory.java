package io.segmentsascode.spi;

import java.util.Map;

/**
 * Fills every port with a connector. Found with {@link java.util.ServiceLoader}, so a front end
 * can put the connectors' jars on a class path of their own and load them only when a goal
 * first needs one: validating and compiling pinned segments need none.
 */
public interface ConnectorsFactory {

    /**
     * @param console     where connectors report what they chose (credentials, fallbacks)
     * @param environment the process environment; credentials are read from it and nowhere else
     */
    Connectors create(Console console, Map<String, String> environment);
}
