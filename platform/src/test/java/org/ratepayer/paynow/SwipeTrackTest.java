package org.ratepayer.paynow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.ratepayer.payments.gateway.CardDetails;
import org.ratepayer.payments.gateway.InvalidPaymentMethodException;
import org.ratepayer.payments.gateway.SwipeTrack;

class SwipeTrackTest {

    @Test
    void readsTrackOneOrTrackTwo() {
        CardDetails t1 = SwipeTrack.parse("%B4111111111111111^DOE/JOHN^9912101000000000000?;4111111111111111=99121010000000000?");
        assertThat(t1.number()).isEqualTo("4111111111111111");
        assertThat(t1.expYear()).isEqualTo(2099);
        assertThat(t1.expMonth()).isEqualTo(12);
        CardDetails t2 = SwipeTrack.parse(";5555555555554444=30071010000000000?");
        assertThat(t2.number()).isEqualTo("5555555555554444");
        assertThat(t2.expYear()).isEqualTo(2030);
        assertThat(t2.expMonth()).isEqualTo(7);
        assertThat(t2.toString()).doesNotContain("5555555555554444");
    }

    @Test
    void anUnreadableSwipeSaysSo() {
        assertThatThrownBy(() -> SwipeTrack.parse("%E?")).isInstanceOf(InvalidPaymentMethodException.class)
                .hasMessageContaining("could not be read");
    }
}
