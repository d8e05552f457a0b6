package org.ratepayer.conversion;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The cross-reference file's rules as a table: each kind of bad file, and the line and words the operator is told. */
class CrossReferenceTest {

    private static final Set<String> ACCOUNTS = Set.of("1001-1", "1002-1", "1003-1");
    private static final String H = "OldAccountNumber,NewAccountNumber\n";
    private static final String ALL = "1001-1,5001\n1002-1,5002\n1003-1,5003\n";

    static Stream<Arguments> badFiles() {
        return Stream.of(
                Arguments.of("empty file", "", 0, "1|empty_file|the file is empty"),
                Arguments.of("only blank lines", "\n\n", 0, "1|empty_file|the file is empty"),
                Arguments.of("header only", H, 0, "1|empty_file|the file has a header and no account"),
                Arguments.of("missing column", "OldAccountNumber,Custom2\n1001-1,5\n", 0,
                        "1|missing_column|the header has no column NewAccountNumber"),
                Arguments.of("missing Custom2/3 when the biller joins them", H + ALL, 3,
                        "1|missing_column|the header has no column Custom2, Custom3"),
                Arguments.of("too few fields", H + "1001-1\n1002-1,5002\n1003-1,5003\n", 0, "2|malformed_line|expected 2 fields"),
                Arguments.of("unclosed quote", H + "\"1001-1,5001\n1002-1,5002\n1003-1,5003\n", 0, "2|malformed_line|an unclosed quote"),
                Arguments.of("empty new number", H + "1001-1,5001\n1002-1, \n1003-1,5003\n", 0, "3|malformed_line|NewAccountNumber is empty"),
                Arguments.of("new equals old", H + "1001-1,5001\n1002-1,1002-1\n1003-1,5003\n", 0,
                        "3|malformed_line|the new number 1002-1 is the old one"),
                Arguments.of("space inside a number", H + "1001-1,50 01\n1002-1,5002\n1003-1,5003\n", 0,
                        "2|malformed_line|NewAccountNumber 50 01 has a space"),
                Arguments.of("blank line in the middle", H + "1001-1,5001\n\n1002-1,5002\n1003-1,5003\n", 0, "3|malformed_line|an empty line"),
                Arguments.of("Custom3 not digits", "OldAccountNumber,NewAccountNumber,Custom2,Custom3\n1001-1,5001,5,0x\n1002-1,5002,5,2\n"
                        + "1003-1,5003,5,3\n", 0, "2|malformed_line|Custom2 and Custom3 are digits only"),
                Arguments.of("Custom2 without Custom3", "OldAccountNumber,NewAccountNumber,Custom2,Custom3\n1001-1,5001,5,\n1002-1,5002,5,2\n"
                        + "1003-1,5003,5,3\n", 0, "2|malformed_line|Custom2 and Custom3 go together"),
                Arguments.of("Custom3 wider than setting 1006", "OldAccountNumber,NewAccountNumber,Custom2,Custom3\n1001-1,5001,5,1234\n"
                        + "1002-1,5002,5,2\n1003-1,5003,5,3\n", 3, "2|malformed_line|Custom3 1234 has more than the 3 digits"),
                Arguments.of("unknown old number", H + ALL + "9999-1,5009\n", 0,
                        "5|unknown_old_number|old number 9999-1 is not an account of this biller"),
                Arguments.of("old number twice", H + ALL + "1001-1,5009\n", 0,
                        "5|old_number_twice|old number 1001-1 is listed again (first on line 2)"),
                Arguments.of("new number twice", H + "1001-1,5001\n1002-1,5001\n1003-1,5003\n", 0,
                        "3|new_number_twice|new number 5001 is given again (first on line 2)"),
                Arguments.of("new number is an account not renumbered", H + "1001-1,1003-1\n1002-1,5002\n", 0,
                        "2|new_number_exists|new number 1003-1 is already an account of this biller, and the file does not renumber it"),
                Arguments.of("an account of ours not in the file", H + "1001-1,5001\n1002-1,5002\n", 0,
                        "0|account_not_listed|account 1003-1 is not in the file"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void refusesNamingTheLine(String what, String file, int subDigits, String expected) {
        CrossReference.Result r = CrossReference.read(file, ACCOUNTS, subDigits);

        assertThat(r.ok()).isFalse();
        assertThat(r.mappings()).isEmpty();
        String[] e = expected.split("\\|", 3);
        assertThat(r.problems()).anySatisfy(p -> {
            assertThat(p.line()).isEqualTo(Integer.parseInt(e[0]));
            assertThat(p.code()).isEqualTo(e[1]);
            assertThat(p.message()).startsWith(e[2]);
        });
    }

    @Test
    void everyProblemIsFoundNotJustTheFirst() {
        CrossReference.Result r = CrossReference.read(H + "1001-1,5001\n1001-1,5002\n9999-1,5003\n", ACCOUNTS, 0);

        assertThat(r.problems()).extracting(CrossReference.Problem::toString).containsExactly(
                "line 3: old number 1001-1 is listed again (first on line 2)",
                "line 4: old number 9999-1 is not an account of this biller",
                "account 1002-1 is not in the file",
                "account 1003-1 is not in the file");
    }

    @Test
    void readsAGoodFileWithPartsQuotesAndAByteOrderMark() {
        CrossReference.Result r = CrossReference.read("\uFEFFoldaccountnumber, NewAccountNumber ,Custom2,Custom3\r\n\"1001-1\",5001001,5001,1\r\n"
                + "1002-1,5002001,5002,1\r\n1003-1,1001-1,5003,1\r\n\r\n", ACCOUNTS, 3);

        assertThat(r.problems()).isEmpty();
        assertThat(r.mappings()).containsExactly(new CrossReference.Mapping(2, "1001-1", "5001001", "5001", "1"),
                new CrossReference.Mapping(3, "1002-1", "5002001", "5002", "1"),
                // a new number that is an old one of the same file: a chain, allowed
                new CrossReference.Mapping(4, "1003-1", "1001-1", "5003", "1"));
    }

    @Test
    void aSwapIsAllowed() {
        CrossReference.Result r = CrossReference.read(H + "1001-1,1002-1\n1002-1,1001-1\n1003-1,5003\n", ACCOUNTS, 0);

        assertThat(r.ok()).isTrue();
        assertThat(r.mappings()).extracting(CrossReference.Mapping::newNumber).isEqualTo(List.of("1002-1", "1001-1", "5003"));
    }
}
