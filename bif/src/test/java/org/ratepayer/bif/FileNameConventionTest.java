package org.ratepayer.bif;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FileNameConventionTest {

    @ParameterizedTest(name = "{0} for biller {1}")
    @CsvSource(delimiter = ';', nullValues = "-", textBlock = """
            2178_12012026.bif;   2178; -
            2178_12012026.BIF;   2178; -
            2178_02292028.bif;   2178; -
            2178_12012026.bif;   2179; file name "2178_12012026.bif" names biller 2178, not 2179
            02178_12012026.bif;  2178; file name "02178_12012026.bif" names biller 02178, not 2178
            2178_13012026.bif;   2178; file name "2178_13012026.bif": "13012026" is not a date (expected MMDDYYYY)
            2178_02292026.bif;   2178; file name "2178_02292026.bif": "02292026" is not a date (expected MMDDYYYY)
            2178_12010026.bif;   2178; file name "2178_12010026.bif": "12010026" is not a date (expected MMDDYYYY)
            2178_2026-12-01.bif; 2178; file name "2178_2026-12-01.bif" does not follow the convention BID_MMDDYYYY.bif (e.g. 2178_12012026.bif)
            2178_12012026.txt;   2178; file name "2178_12012026.txt" does not follow the convention BID_MMDDYYYY.bif (e.g. 2178_12012026.bif)
            2178_12012026;       2178; file name "2178_12012026" does not follow the convention BID_MMDDYYYY.bif (e.g. 2178_12012026.bif)
            2178_1201202.bif;    2178; file name "2178_1201202.bif" does not follow the convention BID_MMDDYYYY.bif (e.g. 2178_12012026.bif)
            bills.bif;           2178; file name "bills.bif" does not follow the convention BID_MMDDYYYY.bif (e.g. 2178_12012026.bif)
            2178_upload.bif;     2178; file name "2178_upload.bif" does not follow the convention BID_MMDDYYYY.bif (e.g. 2178_12012026.bif)
            """)
    void warning(String fileName, long bid, String expected) {
        assertThat(FileNameConvention.warning(fileName, bid).orElse(null)).isEqualTo(expected);
    }
}
