package org.ratepayer.shared.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What is wrong with a JSON body, said so that a caller can fix it: which field (as a property path
 * such as {@code card.expMonth} and as a JSON pointer such as {@code /card/expMonth}), where (line and
 * column), and what was expected, in plain words. Jackson's own messages name Java classes, its token
 * enums and its feature flags ({@code JsonToken.START_ARRAY}, {@code StreamReadConstraints}); none of
 * that reaches a caller. Pure: no Spring, no database.
 *
 * @param field  the property path, or null when the problem is not inside a property
 * @param syntax true when the text is not well-formed JSON (as opposed to well-formed JSON of the wrong shape)
 */
public record JsonProblem(String field, String pointer, Integer line, Integer column, String reason, boolean syntax) {

    private static final String A_VALUE = "a value: text in double quotes, a number, an object, an array, true, false or null";
    private static final int SHOWN = 40;

    private static final Pattern CONSTRAINT = Pattern.compile("^([A-Za-z ]+?) \\((\\d+)\\) exceeds the maximum allowed \\((\\d+)");
    private static final Pattern UNEXPECTED_CHAR = Pattern.compile("^Unexpected character \\('(.*?)' \\(code (\\d+)");
    private static final Pattern QUOTED = Pattern.compile("'([^']*)'");
    private static final Pattern OUT_OF_RANGE = Pattern.compile("^Numeric value \\((.*?)\\) out of range of \\w+ \\((-?\\d+) - (-?\\d+)\\)");
    private static final Pattern CONTROL_CODE = Pattern.compile("code (\\d+)");
    private static final Pattern FOUND = Pattern.compile("from (Array|Object|String|Number|Integer|Floating-point|Boolean|boolean|Null|Embedded Object) value");

    /** The sentence for a problem detail. */
    public String detail() {
        String at = line == null ? "" : " at line " + line + ", column " + column;
        if (syntax) {
            return "invalid JSON" + at + (field == null ? "" : " in '" + field + "'") + ": " + reason;
        }
        if (field == null) {
            return line == null && reason.startsWith("a request body") ? reason : "invalid JSON" + at + ": " + reason;
        }
        return "field '" + field + "'" + at + ": " + reason;
    }

    /** The problem behind a Jackson exception (or behind anything else: then only that the body is not valid JSON). */
    public static JsonProblem of(Throwable error) {
        if (!(error instanceof JsonProcessingException e)) {
            return new JsonProblem(null, null, null, null, "the request body is not valid JSON", true);
        }
        JsonProcessingException read = readingCause(e);
        List<Object> path = e instanceof JsonMappingException m && (read == null || !m.getPath().isEmpty()) ? path(m)
                : contextPath(read != null ? read : e);
        Integer line = null;
        Integer column = null;
        JsonLocation at = location(e, read);
        if (at != null && at.getLineNr() > 0) {
            line = at.getLineNr();
            column = Math.max(at.getColumnNr(), 1);
        }
        String reason;
        boolean syntax;
        if (e instanceof RefusedValueException refused) {
            reason = refused.reason();
            syntax = false;
        } else if (read instanceof InputCoercionException coercion) {
            reason = outOfRange(coercion.getOriginalMessage());
            syntax = false;
        } else if (read != null) {
            reason = syntaxReason(read);
            syntax = !(read instanceof StreamConstraintsException);
        } else if (String.valueOf(e.getOriginalMessage()).startsWith("Trailing token")) {
            reason = "more follows the end of the JSON value";
            syntax = true;
        } else if (e instanceof MismatchedInputException mismatch) {
            if (path.isEmpty() && mismatch.getOriginalMessage().startsWith("No content to map")) {
                return new JsonProblem(null, null, null, null, "a request body is required", false);
            }
            reason = mismatch(mismatch);
            syntax = false;
        } else {
            reason = "is not a value this field accepts";
            syntax = false;
        }
        return new JsonProblem(field(path), pointer(path), line, column, reason, syntax);
    }

    // --- where ----------------------------------------------------------------------------------

    private static List<Object> path(JsonMappingException m) {
        List<Object> out = new ArrayList<>();
        for (JsonMappingException.Reference r : m.getPath()) {
            out.add(r.getFieldName() != null ? r.getFieldName() : (Object) r.getIndex());
        }
        return out;
    }

    /** For a syntax error the parser still knows where it was, though no object was being built. */
    private static List<Object> contextPath(JsonProcessingException e) {
        List<Object> out = new ArrayList<>();
        if (e.getProcessor() instanceof JsonParser p) {
            for (JsonStreamContext c = p.getParsingContext(); c != null && !c.inRoot(); c = c.getParent()) {
                if (c.inObject() && c.getCurrentName() != null) {
                    out.add(0, c.getCurrentName());
                } else if (c.inArray() && c.getCurrentIndex() >= 0) {
                    out.add(0, c.getCurrentIndex());
                }
            }
        }
        return out;
    }

    /** Where the problem is; a passed limit carries no location of its own, but the parser still knows where it stopped. */
    private static JsonLocation location(JsonProcessingException e, JsonProcessingException read) {
        for (JsonProcessingException x : new JsonProcessingException[] {e, read}) {
            if (x != null && x.getLocation() != null) {
                return x.getLocation();
            }
        }
        for (JsonProcessingException x : new JsonProcessingException[] {read, e}) {
            if (x != null && x.getProcessor() instanceof JsonParser p) {
                return p.currentLocation();
            }
        }
        return null;
    }

    private static String field(List<Object> path) {
        if (path.isEmpty()) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        for (Object segment : path) {
            if (segment instanceof Integer i) {
                b.append('[').append(i).append(']');
            } else {
                b.append(b.isEmpty() ? "" : ".").append(segment);
            }
        }
        return b.toString();
    }

    private static String pointer(List<Object> path) {
        if (path.isEmpty()) {
            return null;
        }
        return path.stream().map(s -> "/" + s.toString().replace("~", "~0").replace("/", "~1")).collect(Collectors.joining());
    }

    /** The parser's own complaint (bad syntax, a limit passed), even when the object mapper wrapped it with the field's path. */
    private static JsonProcessingException readingCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StreamReadException || t instanceof StreamConstraintsException) {
                return (JsonProcessingException) t;
            }
        }
        return null;
    }

    // --- what -----------------------------------------------------------------------------------

    private static String syntaxReason(JsonProcessingException e) {
        String m = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (e instanceof StreamConstraintsException) {
            return tooLarge(m);
        }
        if (m.startsWith("Unexpected end-of-input")) {
            return "the JSON ends before it is complete";
        }
        if (m.startsWith("Invalid UTF-8")) {
            return "the body is not valid UTF-8 text";
        }
        if (m.startsWith("Duplicate field")) {
            return "property " + firstQuoted(m) + " appears twice";
        }
        if (m.startsWith("Illegal unquoted character")) {
            return "a control character (code " + group(CONTROL_CODE, m, "?") + ") inside text must be escaped, for example as \\n";
        }
        if (m.startsWith("Unrecognized character escape")) {
            return "'\\" + unquote(firstQuoted(m)) + "' is not an escape JSON knows inside text";
        }
        if (m.startsWith("Unrecognized token")) {
            return "unrecognised word " + firstQuoted(m) + "; expected " + A_VALUE;
        }
        if (m.startsWith("Non-standard token")) {
            return firstQuoted(m) + " is not a number JSON allows";
        }
        if (m.startsWith("Invalid numeric value") || m.contains("in numeric value")) {
            return m.contains("Leading zeroes") ? "a number must not start with 0" : "a number is not written correctly";
        }
        if (m.startsWith("Unexpected close marker")) {
            Matcher q = QUOTED.matcher(m);
            String found = q.find() ? q.group(1) : "?";
            String expected = q.find() ? q.group(1) : null;
            return "unexpected '" + found + "'" + (expected == null ? ": nothing is open to close" : "; expected '" + expected + "'");
        }
        if (m.startsWith("Trailing token")) {
            return "more follows the end of the JSON value";
        }
        Matcher c = UNEXPECTED_CHAR.matcher(m);
        if (c.find()) {
            int code = Integer.parseInt(c.group(2));
            String shown = code < 0x20 || code == 0x7F || code >= 0xFEFF ? String.format("U+%04X", code) : "'" + c.group(1) + "'";
            return "unexpected character " + shown + expectation(m);
        }
        return "the body is not valid JSON";
    }

    private static String expectation(String m) {
        if (m.contains("double-quote to start field name")) {
            return "; expected a property name in double quotes";
        }
        if (m.contains("colon to separate field name and value")) {
            return "; expected ':' after the property name";
        }
        if (m.contains("comma to separate Object entries")) {
            return "; expected ',' or '}'";
        }
        if (m.contains("comma to separate Array entries")) {
            return "; expected ',' or ']'";
        }
        if (m.contains("comment")) {
            return "; comments are not allowed in JSON";
        }
        if (m.contains("expected a valid value") || m.contains("expected a value")) {
            return "; expected " + A_VALUE;
        }
        return "";
    }

    private static String tooLarge(String m) {
        Matcher c = CONSTRAINT.matcher(m);
        if (!c.find()) {
            return "the JSON is larger than allowed";
        }
        String n = c.group(2);
        String max = c.group(3);
        return switch (c.group(1)) {
            case "Number value length" -> "a number of " + n + " digits is longer than the " + max + " allowed";
            case "String value length" -> "a text of " + n + " characters is longer than the " + max + " allowed";
            case "Document nesting depth" -> "the JSON is nested " + n + " levels deep; at most " + max + " are allowed";
            case "Name length" -> "a property name of " + n + " characters is longer than the " + max + " allowed";
            default -> "the JSON is larger than allowed";
        };
    }

    private static String outOfRange(String m) {
        Matcher r = OUT_OF_RANGE.matcher(m == null ? "" : m);
        if (r.find()) {
            return "expected a whole number from " + r.group(2) + " to " + r.group(3) + ", got " + shorten(r.group(1));
        }
        return "the number is out of range";
    }

    private static String mismatch(MismatchedInputException e) {
        if (e instanceof UnrecognizedPropertyException) {
            return "is not a property this request has";
        }
        String expected = "expected " + words(e.getTargetType());
        if (e instanceof InvalidFormatException f) {
            Object value = f.getValue();
            return expected + ", got " + (value instanceof String s ? "\"" + shorten(s) + "\"" : shorten(String.valueOf(value)));
        }
        Matcher found = FOUND.matcher(e.getOriginalMessage() == null ? "" : e.getOriginalMessage());
        return found.find() ? expected + ", got " + foundWords(found.group(1)) : expected;
    }

    private static String foundWords(String jackson) {
        return switch (jackson) {
            case "Array" -> "an array";
            case "Object", "Embedded Object" -> "an object";
            case "String" -> "text";
            case "Boolean", "boolean" -> "true or false";
            case "Null" -> "null";
            default -> "a number";
        };
    }

    /** The kind of JSON value (or request parameter) a Java type is read from, as a caller would say it. */
    public static String words(Class<?> type) {
        if (type == null) {
            return "a different kind of value";
        }
        if (type == String.class || type == char.class || type == Character.class) {
            return "text";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class || type == Short.class
                || type == short.class || type == Byte.class || type == byte.class || type == BigInteger.class) {
            return "a whole number";
        }
        if (type == BigDecimal.class || type == Double.class || type == double.class || type == Float.class
                || type == float.class || Number.class.isAssignableFrom(type)) {
            return "a number such as 12.50";
        }
        if (type == LocalDate.class) {
            return "a date as yyyy-MM-dd";
        }
        if (type == LocalDateTime.class || type == OffsetDateTime.class || Temporal.class.isAssignableFrom(type)) {
            return "a date and time as yyyy-MM-ddTHH:mm:ss";
        }
        if (type == UUID.class) {
            return "a GUID such as 4945DD2E-F72F-4420-8FC6-7BE0E15DC6B1";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString).collect(Collectors.joining(", "));
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(type) || !type.isPrimitive()) {
            return "an object";
        }
        return "a different kind of value";
    }

    // --- text helpers ---------------------------------------------------------------------------

    private static String firstQuoted(String m) {
        Matcher q = QUOTED.matcher(m);
        return q.find() ? "'" + shorten(q.group(1)) + "'" : "''";
    }

    private static String unquote(String quoted) {
        return quoted.length() >= 2 ? quoted.substring(1, quoted.length() - 1) : quoted;
    }

    private static String group(Pattern p, String m, String otherwise) {
        Matcher x = p.matcher(m);
        return x.find() ? x.group(1) : otherwise;
    }

    /** Long or odd values are cut and their control characters written as escapes, so a detail stays one readable line. */
    public static String shorten(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().limit(SHOWN).forEach(cp -> {
            if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0)) {
                b.append(String.format("\\u%04x", cp));
            } else {
                b.appendCodePoint(cp);
            }
        });
        return s.codePointCount(0, s.length()) > SHOWN ? b + "…" : b.toString();
    }
}
