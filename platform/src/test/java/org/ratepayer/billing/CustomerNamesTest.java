package org.ratepayer.billing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ratepayer.billing.internal.CustomerNames;

/** When an invoice file's CustomerName names another owner (option 1011, docs/conveyance.md). */
class CustomerNamesTest {

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            # stored         | in the file        | another owner
            SMITH JOHN       | Smith  John        | false
            Smith John       | ' smith john '     | false
            'Smith\tJohn'    | smith john         | false
            Pat Doe          | PAT DOE            | false
            Pat Doe          | Jordan Smith       | true
            Pat Doe          | Pat Doe Jr         | true
            Pat Doe          | PatDoe             | true
            NULL             | Jordan Smith       | false
            Pat Doe          | NULL               | false
            '   '            | Jordan Smith       | false
            Pat Doe          | ''                 | false
            """)
    void aNameRetypedIsNoNewOwner(String stored, String inFile, boolean changed) {
        assertThat(CustomerNames.changed(stored, inFile)).isEqualTo(changed);
    }
}
