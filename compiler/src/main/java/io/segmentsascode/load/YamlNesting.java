package io.segmentsascode.load;

import io.segmentsascode.diagnostics.Location;
import java.nio.file.Path;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.events.CollectionEndEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.parser.Parser;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * The one place every YAML file of a project is composed with a nesting limit: segment, campaign
 * and warehouse files and segments.lock, all through {@link YamlLoader} (also at a Git base revision).
 * snakeyaml-engine's composer and constructor recurse once per level, so {@code a: [[[…]]]}
 * 10,000 deep overflows the stack, and {@code LoadSettings} offers no depth limit. The parser
 * itself keeps an explicit stack, so the depth is counted on its events and a file is refused
 * where it first nests too deep, before the composer recurses at all.
 */
public final class YamlNesting {

    /** Levels below the top of a file; a segment file needs four or five. */
    public static final int MAX_DEPTH = 32;

    static final String PROBLEM = "nesting deeper than " + MAX_DEPTH + " levels";
    static final String HINT = "flatten the structure";

    private YamlNesting() {}

    /** Every document of {@code text}, composed as snakeyaml's {@code Compose.composeAllFromString} does. */
    static Composer composer(LoadSettings settings, String text) {
        return new Composer(
                settings, new DepthLimitedParser(new ParserImpl(settings, new StreamReader(settings, text))));
    }

    /** A node nested deeper than {@link #MAX_DEPTH}; a {@link MarkedYamlEngineException} so callers catching those see it. */
    public static final class TooDeepException extends MarkedYamlEngineException {

        TooDeepException(Optional<Mark> where) {
            super(null, Optional.empty(), PROBLEM, where);
        }

        /** Where in {@code file} the first node too deep starts. */
        public Location location(Path file) {
            return YamlLoader.at(file, getProblemMark());
        }
    }

    /**
     * Passes the parser's events through, counting open lists and mappings. A node inside
     * {@code depth} of them is at level {@code depth} (the top node at 0), as {@link YamlLoader}
     * counts levels when it converts the tree.
     */
    private static final class DepthLimitedParser implements Parser {
        private final Parser events;
        private int open;

        DepthLimitedParser(Parser events) {
            this.events = events;
        }

        @Override
        public boolean checkEvent(Event.ID id) {
            return events.checkEvent(id);
        }

        @Override
        public Event peekEvent() {
            return events.peekEvent();
        }

        @Override
        public boolean hasNext() {
            return events.hasNext();
        }

        @Override
        public Event next() {
            Event event = events.next();
            if (event instanceof NodeEvent && open > MAX_DEPTH) {
                throw new TooDeepException(event.getStartMark());
            }
            if (event instanceof CollectionStartEvent) {
                open++;
            } else if (event instanceof CollectionEndEvent) {
                open--;
            }
            return event;
        }
    }
}
