package io.segmentsascode.googlesql;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Versions of the analyzers this module was built with (filtered from the pom at build time). */
final class Versions {

    private static final Properties PROPERTIES = load();

    private Versions() {}

    static String zetasql() {
        return PROPERTIES.getProperty("zetasql", "unknown");
    }

    static String calcite() {
        return PROPERTIES.getProperty("calcite", "unknown");
    }

    private static Properties load() {
        Properties properties = new Properties();
        try (InputStream in = Versions.class.getResourceAsStream("versions.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
