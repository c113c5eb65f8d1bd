package io.segmentsascode.validate;

import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Nodes of the schema files as the validator reads them. Its 'not' keyword prints its subschema
 * into the error it builds whenever that subschema matches, and a segment's top-level oneOf has
 * three branches whose 'not' rejects a valid segment: every segment paid for three runs of Jackson's
 * serializer over the same schema mappings, for errors that are then dropped. Schema nodes are
 * never changed once read, so each mapping is printed once and the text reused.
 */
final class SchemaNodeFactory extends JsonNodeFactory {

    private static final long serialVersionUID = 1L;

    @Override
    public ObjectNode objectNode() {
        return new PrintedOnceObjectNode(this);
    }

    private static final class PrintedOnceObjectNode extends ObjectNode {

        private static final long serialVersionUID = 1L;

        /** Racy but harmless: every thread that prints computes the same text. */
        private transient String printed;

        PrintedOnceObjectNode(JsonNodeFactory factory) {
            super(factory);
        }

        @Override
        public String toString() {
            String text = printed;
            if (text == null) {
                text = super.toString();
                printed = text;
            }
            return text;
        }
    }
}
