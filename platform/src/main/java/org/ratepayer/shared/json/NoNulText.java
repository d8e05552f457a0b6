package org.ratepayer.shared.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;

/**
 * Refuses text holding U+0000 wherever a request body is read into a Java string. PostgreSQL cannot
 * store that character in a text column, so without this a NUL in, say, an account number would
 * only fail at the database, as a 500; here it is a 400 naming the field.
 */
public final class NoNulText extends SimpleModule {
    private static final long serialVersionUID = 1L;


    static final String REASON = "contains a NUL character (U+0000), which is not allowed";

    public NoNulText() {
        super("ratepayer-no-nul-text");
        addDeserializer(String.class, new Text());
    }

    private static final class Text extends StdScalarDeserializer<String> {
        private static final long serialVersionUID = 1L;


        Text() {
            super(String.class);
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.Textual;
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String s = StringDeserializer.instance.deserialize(p, ctxt);
            if (s != null && s.indexOf('\0') >= 0) {
                throw new RefusedValueException(p, REASON, String.class);
            }
            return s;
        }
    }
}
