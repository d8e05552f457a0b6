package org.ratepayer.payments;

import org.ratepayer.payments.internal.ApiChannel;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** An API key pays on IVR, KIOSK, OBD, POS or CSRWEB; the platform's own channels are not its to name (docs/payments.md). */
class ApiChannelTest {

    @ParameterizedTest(name = "''{0}'' -> {1}")
    @CsvSource(nullValues = "none", value = {
            "IVR,       IVR",
            "ivr,       IVR",
            "' Kiosk ', KIOSK",
            "OBD,       OBD",
            "POS,       POS",
            "CSRWEB,    CSRWEB",
            "csrweb,    CSRWEB",
            "WEB,       none",
            "web,       none",
            "CPV2,      none",
            "AUTOPAY,   none",
            "autopay,   none",
            "SCHEDULED, none",
            "FAX,       none",
            "'',        none",
            "none,      none",
    })
    void aCallerNamesOnlyTheChannelsOfCallers(String given, Channel expected) {
        assertThat(ApiChannel.parse(given).map(ApiChannel::channel).orElse(null)).isEqualTo(expected);
    }
}
