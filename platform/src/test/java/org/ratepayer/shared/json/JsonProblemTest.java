package org.ratepayer.shared.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each malformed body, and what a caller is told about it: the field, where, and what was expected. */
class JsonProblemTest {

    enum Kind { CARD, ACH }

    record Card(String number, Integer expMonth) {
    }

    record Body(String channel, BigDecimal amount, Card card, Boolean enrolled, LocalDate date, UUID id, Kind kind,
            List<String> tags, long big) {
    }

    private final ObjectMapper json = JsonMapper.builder().findAndAddModules().addModule(new NoNulText())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            # body                                   | field         | pointer         | detail
            ``                                       |               |                 | a request body is required
            [1]                                      |               |                 | invalid JSON at line 1, column 1: expected an object, got an array
            "x"                                      |               |                 | invalid JSON at line 1, column 1: expected an object, got text
            {"channel": "a\\u0000b"}                 | channel       | /channel        | field 'channel' at line 1, column 13: contains a NUL character (U+0000), which is not allowed
            {"card": {"number": "4\\u00001"}}        | card.number   | /card/number    | field 'card.number' at line 1, column 21: contains a NUL character
            {"tags": ["ok", "a\\u0000"]}             | tags[1]       | /tags/1         | field 'tags[1]' at line 1, column 17: contains a NUL character
            {"card": {"expMonth": "abc"}}            | card.expMonth | /card/expMonth  | field 'card.expMonth' at line 1, column 23: expected a whole number, got "abc"
            {"card": {"expMonth": 99999999999}}      | card.expMonth | /card/expMonth  | field 'card.expMonth' at line 1, column 34: expected a whole number from -2147483648 to 2147483647, got 99999999999
            {"card": [1]}                            | card          | /card           | field 'card' at line 1, column 10: expected an object, got an array
            {"card": 5}                              | card          | /card           | field 'card' at line 1, column 10: expected an object, got a number
            {"amount": "abc"}                        | amount        | /amount         | field 'amount' at line 1, column 12: expected a number such as 12.50, got "abc"
            {"amount": [1]}                          | amount        | /amount         | expected a number such as 12.50, got an array
            {"enrolled": "maybe"}                    | enrolled      | /enrolled       | expected true or false, got "maybe"
            {"date": "2020-13-01"}                   | date          | /date           | expected a date as yyyy-MM-dd, got "2020-13-01"
            {"id": "nope"}                           | id            | /id             | expected a GUID
            {"kind": "X"}                            | kind          | /kind           | expected one of CARD, ACH, got "X"
            {"tags": {}}                             | tags          | /tags           | expected an array, got an object
            {"channel": ["a"]}                       | channel       | /channel        | expected text, got an array
            {"channel": {}}                          | channel       | /channel        | expected text, got an object
            {"big": 1e400}                           | big           | /big            | expected a whole number from -9223372036854775808 to 9223372036854775807
            {"card": {"expMonth": true}}             | card.expMonth | /card/expMonth  | expected a whole number, got true or false
            {"a":                                    | a             | /a              | invalid JSON at line 1, column 6 in 'a': the JSON ends before it is complete
            {"channel": "a                           | channel       | /channel        | invalid JSON at line 1, column 15 in 'channel': the JSON ends before it is complete
            {a: 1}                                   |               |                 | invalid JSON at line 1, column 2: unexpected character 'a'; expected a property name in double quotes
            {"channel" 1}                            | channel       | /channel        | invalid JSON at line 1, column 12 in 'channel': unexpected character '1'; expected ':' after the property name
            {"channel": 1 "x": 2}                    | channel       | /channel        | unexpected character '"'; expected ',' or '}'
            {"channel": abc}                         | channel       | /channel        | unrecognised word 'abc'; expected a value: text in double quotes, a number, an object, an array, true, false or null
            {"amount": NaN}                          | amount        | /amount         | 'NaN' is not a number JSON allows
            {"amount": 01}                           | amount        | /amount         | a number must not start with 0
            {"amount": 1.}                           | amount        | /amount         | a number is not written correctly
            {"channel": "\\x"}                       | channel       | /channel        | '\\x' is not an escape JSON knows inside text
            {"channel": 1, "channel": 2}             | channel       | /channel        | property 'channel' appears twice
            {/* c */}                                |               |                 | unexpected character '/'; comments are not allowed in JSON
            {"a": 1]                                 | a             | /a              | unexpected ']'; expected '}'
            ]                                        |               |                 | unexpected ']': nothing is open to close
            """)
    void saysWhereAndWhatWasExpected(String body, String field, String pointer, String detail) {
        JsonProblem p = problem(body == null ? "" : body);
        assertThat(p.detail()).as(body).contains(detail);
        assertThat(p.field()).as(body).isEqualTo(field);
        assertThat(p.pointer()).as(body).isEqualTo(pointer);
        assertNoInternals(p);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            control character | {"channel": "a\u0001b"}    | a control character (code 1) inside text must be escaped
            invalid UTF-8     | {"channel": "\u00ff"}      | the body is not valid UTF-8 text
            a long number     | {"amount": 1111}           | a number of 1200 digits is longer than the 1000 allowed
            deep nesting      | [[[[                       | the JSON is nested 1001 levels deep; at most 1000 are allowed
            """)
    void oddInputIsNamedToo(String what, String body, String detail) throws Exception {
        byte[] bytes = switch (what) {
            case "invalid UTF-8" -> body.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            case "a long number" -> ("{\"amount\": " + "1".repeat(1200) + "}").getBytes();
            case "deep nesting" -> "[".repeat(1001).getBytes();
            default -> body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        };
        Throwable error = what.equals("deep nesting") ? catchThrowable(() -> json.readTree(bytes))
                : catchThrowable(() -> json.readValue(bytes, Body.class));
        JsonProblem p = JsonProblem.of(error);
        assertThat(p.detail()).contains(detail);
        assertNoInternals(p);
    }

    private JsonProblem problem(String body) {
        Throwable error = catchThrowable(() -> json.readValue(body, Body.class));
        assertThat(error).as("%s must be refused", body).isNotNull();
        return JsonProblem.of(error);
    }

    private static void assertNoInternals(JsonProblem p) {
        assertThat(p.detail()).doesNotContain("java.", "org.", "com.", "JsonToken", "START_", "VALUE_", "Feature",
                "Constraints", "Exception", "`", "$", "Source:", "REDACTED", "Body", "Card");
    }
}
