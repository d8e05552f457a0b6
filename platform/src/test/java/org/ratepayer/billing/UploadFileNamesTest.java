package org.ratepayer.billing;

import org.ratepayer.billing.internal.UploadFileNames;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UploadFileNamesTest {

    @ParameterizedTest(name = "''{0}'' -> {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            2178_12012026.bif           | 2178_12012026.bif
            /var/sftp/2178_12012026.bif | 2178_12012026.bif
            C:\\bills\\2178_12012026.bif| 2178_12012026.bif
            my bills (1).bif            | my_bills__1_.bif
            /                           | 2178_upload.bif
            bills/                      | 2178_upload.bif
            ..                          | 2178_upload.bif
            '   '                       | 2178_upload.bif
            NULL                        | 2178_upload.bif
            """)
    void onlyTheLastSegmentInSafeCharacters(String requested, String recorded) {
        assertThat(UploadFileNames.safe(requested, 2178)).isEqualTo(recorded);
    }
}
